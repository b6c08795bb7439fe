import { checkObject, checkString, type Issue, issue } from "../../internal/validation.js"
import { LIMITS } from "../../qr/prepare/limits.js"
import type { MiaRtpReasonInput } from "../inputs.js"

/**
 * `cancelRtp` body: a required reason.
 *
 * @example
 * prepareReason({ reason: "Order cancelled" }) // { reason: "Order cancelled" }
 */
export const prepareReason = (input: MiaRtpReasonInput): Record<string, unknown> | Issue =>
  checkObject("input", input) ??
  checkString("reason", input.reason, { required: true, max: LIMITS.reason }) ?? { reason: input.reason }

/**
 * `refundRtp` body: a required reason. RTP payments are refunded in full only, so an `amount`
 * (which JavaScript callers may still pass) is refused rather than silently dropped.
 *
 * @example
 * prepareRefundRtp({ reason: "Returned" }) // { reason: "Returned" }
 */
export const prepareRefundRtp = (input: MiaRtpReasonInput): Record<string, unknown> | Issue => {
  const amount =
    typeof input === "object" && input !== null ? (input as { amount?: unknown }).amount : undefined
  if (amount !== undefined && amount !== null) {
    return issue(
      "amount",
      "full_refund_only",
      "A request-to-pay payment can only be refunded in full: omit amount."
    )
  }
  return prepareReason(input)
}
