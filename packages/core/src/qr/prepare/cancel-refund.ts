import {
  checkAmount,
  checkHttpsUrl,
  checkObject,
  checkString,
  type Issue,
  issue
} from "../../internal/validation.js"
import type { MiaCancelExtensionInput, MiaCancelQrInput, MiaRefundInput } from "../inputs.js"
import { compact } from "./compact.js"
import { LIMITS } from "./limits.js"

/**
 * `cancelQr` body: a required reason.
 *
 * @example
 * prepareCancelQr({ reason: "Order cancelled" }) // { reason: "Order cancelled" }
 */
export const prepareCancelQr = (input: MiaCancelQrInput): Record<string, unknown> | Issue =>
  checkObject("input", input) ??
  checkString("reason", input.reason, { required: true, max: LIMITS.reason }) ?? { reason: input.reason }

/**
 * `cancelExtension` body: an optional reason; an empty body is sent as `{}`.
 *
 * @example
 * prepareCancelExtension(undefined) // {}
 */
export const prepareCancelExtension = (
  input: MiaCancelExtensionInput | undefined
): Record<string, unknown> | Issue => {
  if (input === undefined || input === null) return {}
  return (
    checkObject("input", input) ??
    checkString("reason", input.reason, { max: LIMITS.reason }) ??
    compact({ reason: input.reason })
  )
}

/**
 * `refundPayment` body. The legacy endpoint takes only `reason` (full refunds), so a partial
 * amount or a callback URL is refused there rather than silently dropped.
 *
 * @example
 * prepareRefund({ amount: 10, reason: "Returned" }, "current") // { amount: 10, reason: "Returned" }
 */
export const prepareRefund = (
  input: MiaRefundInput,
  path: "current" | "legacy"
): Record<string, unknown> | Issue => {
  const problem =
    checkObject("input", input) ??
    checkAmount("amount", input.amount) ??
    checkString("reason", input.reason, { required: true, max: LIMITS.reason }) ??
    checkHttpsUrl("callbackUrl", input.callbackUrl, { max: LIMITS.url })
  if (problem) return problem
  if (path === "legacy") {
    if (input.amount !== undefined && input.amount !== null) {
      return issue(
        "amount",
        "legacy_full_refund_only",
        "The legacy refund endpoint only refunds in full: omit amount or use the current endpoint."
      )
    }
    if (input.callbackUrl !== undefined && input.callbackUrl !== null) {
      return issue(
        "callbackUrl",
        "legacy_not_supported",
        "The legacy refund endpoint takes no callbackUrl: omit it or use the current endpoint."
      )
    }
    return { reason: input.reason }
  }
  return compact({ amount: input.amount, reason: input.reason, callbackUrl: input.callbackUrl })
}
