import * as Schema from "effect/Schema"
import {
  optionalAmount,
  optionalCurrency,
  optionalDateTime,
  optionalText,
  text
} from "../../qr/schemas/common.js"
import { rtpStatus } from "./common.js"

/** Wire schema of `POST /v2/rtp`'s result. */
export const MiaCreateRtpResultSchema = Schema.Struct({
  rtpId: text,
  orderId: optionalText,
  expiresAt: optionalDateTime
})

/**
 * A new request to pay: keep `rtpId` to follow, cancel or look it up.
 *
 * @example
 * const { rtpId }: MiaCreateRtpResult = await client.createRtp(input)
 */
export type MiaCreateRtpResult = typeof MiaCreateRtpResultSchema.Type

/**
 * Wire schema of a request to pay as `GET /v2/rtp/{rtpId}` and the list return it. Only `rtpId`
 * and `status` are required: the documented answer has no `payId`, but a server that adds it (or
 * `alias`, or the list's `url`) is read, not refused.
 */
export const MiaRtpSchema = Schema.Struct({
  rtpId: text,
  orderId: optionalText,
  status: rtpStatus,
  amount: optionalAmount,
  currency: optionalCurrency,
  description: optionalText,
  callbackUrl: optionalText,
  redirectUrl: optionalText,
  createdAt: optionalDateTime,
  updatedAt: optionalDateTime,
  expiresAt: optionalDateTime,
  terminalId: optionalText,
  payId: optionalText,
  alias: optionalText,
  url: optionalText
})

/**
 * A request to pay with its status and terms.
 *
 * @example
 * const rtp: MiaRtp = await client.getRtp(rtpId)
 * if (rtp.status === "Expired") await offerQrInstead(rtp.orderId)
 */
export type MiaRtp = typeof MiaRtpSchema.Type

/** Wire schema of `POST /v2/rtp/{rtpId}/cancel`'s result. */
export const MiaCancelRtpResultSchema = Schema.Struct({ rtpId: text, status: rtpStatus })

/**
 * The cancelled request and its status (`Cancelled`, also when it already was).
 *
 * @example
 * const { status }: MiaCancelRtpResult = await client.cancelRtp(rtpId, { reason: "Order cancelled" })
 */
export type MiaCancelRtpResult = typeof MiaCancelRtpResultSchema.Type
