import * as Schema from "effect/Schema"

/**
 * Why a request never produced a response: the network failed, the per-request timeout
 * passed, or the caller aborted it.
 *
 * @example
 * const reason: MiaTransportErrorReason = "timeout"
 */
export type MiaTransportErrorReason = "network" | "timeout" | "aborted"

/**
 * No HTTP response arrived: network failure, timeout or abort. For a POST the bank may still
 * have processed the request, so reconcile (find the QR by `orderId`, the payment by `payId`)
 * before sending it again. `retryable` is false only for an abort the caller asked for.
 *
 * @example
 * import { MiaTransportError } from "@mia-sdk/core"
 *
 * try {
 *   await client.getQr(qrId, { timeoutMs: 5_000 })
 * } catch (error) {
 *   if (error instanceof MiaTransportError && error.reason === "timeout") console.warn("bank is slow")
 * }
 */
export class MiaTransportError extends Schema.TaggedError<MiaTransportError>()("MiaTransportError", {
  message: Schema.String,
  reason: Schema.Literals(["network", "timeout", "aborted"]),
  operation: Schema.String,
  cause: Schema.optional(Schema.Unknown)
}) {
  /** True for network failures and timeouts; false when the caller aborted. */
  get retryable(): boolean {
    return this.reason !== "aborted"
  }
}
