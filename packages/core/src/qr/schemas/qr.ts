import { type WireRecord, wireRecord } from "../../internal/wire-record.js"
import { AMOUNT_TYPES, currency, dateTime, money, QR_STATUSES, QR_TYPES, requiredStr, str } from "./common.js"

const CREATE_QR = {
  qrId: requiredStr,
  extensionId: str,
  orderId: str,
  type: { kind: { enum: QR_TYPES } },
  url: requiredStr,
  expiresAt: dateTime
} as const

/** `result` of `POST /v2/mia/qr` (spec §5.2). */
export const decodeCreateQrResult = wireRecord(CREATE_QR)

/**
 * A created Static or Dynamic QR. Show `url` as the QR image (or encode it yourself).
 *
 * @example
 * const qr: MiaCreateQrResult = { qrId: "…", url: "https://mia-qr.bnm.md/1/m/BNM/AGR…", type: "Dynamic" }
 */
export type MiaCreateQrResult = WireRecord<typeof CREATE_QR>

const CREATE_HYBRID = { qrId: requiredStr, extensionId: str, url: requiredStr } as const

/** `result` of `POST /v2/mia/qr/hybrid` (spec §5.3). */
export const decodeCreateHybridQrResult = wireRecord(CREATE_HYBRID)

/**
 * A created Hybrid QR; `extensionId` is set when a first extension was given.
 *
 * @example
 * const hybrid: MiaCreateHybridQrResult = { qrId: "…", extensionId: "…", url: "https://mia-qr.bnm.md/…" }
 */
export type MiaCreateHybridQrResult = WireRecord<typeof CREATE_HYBRID>

const EXTENSION = { extensionId: requiredStr } as const

/** `result` of `POST /v2/mia/qr/{qrId}/extension` and `.../extension/cancel` (spec §5.4, §5.6). */
export const decodeExtensionResult = wireRecord(EXTENSION)

/**
 * The id of a created (or cancelled) extension of a Hybrid QR.
 *
 * @example
 * const { extensionId }: MiaExtensionResult = await client.createExtension(qrId, extension)
 */
export type MiaExtensionResult = WireRecord<typeof EXTENSION>

const CANCEL_QR = { qrId: requiredStr, status: { kind: { enum: QR_STATUSES }, required: true } } as const

/** `result` of `POST /v2/mia/qr/{qrId}/cancel` (spec §5.5). */
export const decodeCancelQrResult = wireRecord(CANCEL_QR)

/**
 * A cancelled QR: `status` is `Cancelled`.
 *
 * @example
 * const cancelled: MiaCancelQrResult = { qrId: "…", status: "Cancelled" }
 */
export type MiaCancelQrResult = WireRecord<typeof CANCEL_QR>

const QR_DETAILS = {
  qrId: requiredStr,
  extensionId: str,
  orderId: str,
  status: { kind: { enum: QR_STATUSES }, required: true },
  type: { kind: { enum: QR_TYPES }, required: true },
  url: str,
  amountType: { kind: { enum: AMOUNT_TYPES } },
  amount: money,
  amountMin: money,
  amountMax: money,
  currency,
  description: str,
  callbackUrl: str,
  redirectUrl: str,
  createdAt: dateTime,
  updatedAt: dateTime,
  expiresAt: dateTime,
  terminalId: str
} as const

/** One QR in `GET /v2/mia/qr` and the `result` of `GET /v2/mia/qr/{qrId}` (spec §5.8, §5.9). */
export const decodeQrDetails = wireRecord(QR_DETAILS)

/**
 * A QR code as the bank describes it. It carries no `payId`: find the payment with
 * `listPayments({ qrId })`.
 *
 * @example
 * const qr: MiaQrDetails = await client.getQr(qrId)
 * if (qr.status === "Paid") console.log("paid")
 */
export type MiaQrDetails = WireRecord<typeof QR_DETAILS>
