import * as Schema from "effect/Schema"
import { optionalText, refundStatus } from "../../qr/schemas/common.js"

/**
 * Wire schema of `POST /v2/rtp/{payId}/refund`'s result. maib documents two answers: `{ refundId,
 * status: "Created" }` (what the sandbox returns) and `{ payId, status: "Refunded" }` (the refund
 * page). Both are read; an answer with neither id is refused.
 */
export const MiaRtpRefundResultSchema = Schema.Struct({
  refundId: optionalText,
  payId: optionalText,
  status: refundStatus
}).check(
  Schema.makeFilter((result) =>
    result.refundId !== undefined || result.payId !== undefined
      ? undefined
      : { path: ["refundId"], issue: "the refund answer has neither refundId nor payId" }
  )
)

/**
 * The bank's answer to a refund: `refundId` with status `Created` (the refund is under way), or
 * `payId` with status `Refunded`, depending on the server revision.
 *
 * @example
 * const refund = await client.refundRtp(payId, { reason: "Returned" })
 * const reference = refund.refundId ?? refund.payId
 */
export type MiaRtpRefundResult = typeof MiaRtpRefundResultSchema.Type
