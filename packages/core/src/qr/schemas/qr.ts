import * as Schema from "effect/Schema"
import {
  amountType,
  optionalAmount,
  optionalCurrency,
  optionalDateTime,
  optionalText,
  qrStatus,
  qrType,
  text
} from "./common.js"

/** Wire schema of `POST /v2/mia/qr`'s result. */
export const MiaCreateQrResultSchema = Schema.Struct({
  qrId: text,
  extensionId: optionalText,
  orderId: optionalText,
  type: Schema.optionalKey(qrType),
  url: text,
  expiresAt: optionalDateTime
})

/** A new Static or Dynamic QR: its id and the payable `url` to render. */
export type MiaCreateQrResult = typeof MiaCreateQrResultSchema.Type

/** Wire schema of `POST /v2/mia/qr/hybrid`'s result. */
export const MiaCreateHybridQrResultSchema = Schema.Struct({
  qrId: text,
  extensionId: optionalText,
  url: text
})

/** A new Hybrid QR (and its first extension, when one was given). */
export type MiaCreateHybridQrResult = typeof MiaCreateHybridQrResultSchema.Type

/** Wire schema of an extension's id (create and cancel answers). */
export const MiaExtensionResultSchema = Schema.Struct({ extensionId: text })

/** The extension a call created or cancelled. */
export type MiaExtensionResult = typeof MiaExtensionResultSchema.Type

/** Wire schema of `POST /v2/mia/qr/{qrId}/cancel`'s result. */
export const MiaCancelQrResultSchema = Schema.Struct({ qrId: text, status: qrStatus })

/** The cancelled QR and its status. */
export type MiaCancelQrResult = typeof MiaCancelQrResultSchema.Type

/** Wire schema of a QR as `GET /v2/mia/qr/{qrId}` and the QR list return it. */
export const MiaQrDetailsSchema = Schema.Struct({
  qrId: text,
  extensionId: optionalText,
  orderId: optionalText,
  status: qrStatus,
  type: qrType,
  url: optionalText,
  amountType: Schema.optionalKey(amountType),
  amount: optionalAmount,
  amountMin: optionalAmount,
  amountMax: optionalAmount,
  currency: optionalCurrency,
  description: optionalText,
  callbackUrl: optionalText,
  redirectUrl: optionalText,
  createdAt: optionalDateTime,
  updatedAt: optionalDateTime,
  expiresAt: optionalDateTime,
  terminalId: optionalText
})

/** A QR with its status and terms. */
export type MiaQrDetails = typeof MiaQrDetailsSchema.Type

/** Wire schema of one extension of a Hybrid QR, as `GET /v2/mia/qr/{qrId}/extension` lists them (unconfirmed). */
export const MiaQrExtensionSchema = Schema.Struct({
  extensionId: text,
  qrId: optionalText,
  status: Schema.optionalKey(qrStatus),
  amount: optionalAmount,
  amountMin: optionalAmount,
  amountMax: optionalAmount,
  currency: optionalCurrency,
  description: optionalText,
  orderId: optionalText,
  createdAt: optionalDateTime,
  expiresAt: optionalDateTime
})

/** One extension of a Hybrid QR (experimental: the list endpoint's shape is not confirmed by maib). */
export type MiaQrExtension = typeof MiaQrExtensionSchema.Type
