import * as Schema from "effect/Schema"
import { MiaApiErrorEntry } from "./api-error-entry.js"

/**
 * The bank answered with an error: a non-2xx status or an envelope without `ok: true` (even with
 * HTTP 200). Carries the HTTP status and every `errors[]` entry; `body` is the parsed body as received.
 * `retryable` is true for 429 and 5xx: transient, but a POST that creates a QR or refunds money
 * should be reconciled (e.g. look the QR up by `orderId`) before it is sent again.
 *
 * @example
 * import { MiaApiError } from "@mia-sdk/core"
 *
 * try {
 *   await client.cancelQr(qrId, { reason: "Order cancelled" })
 * } catch (error) {
 *   if (error instanceof MiaApiError && error.hasCode("14005")) console.log("already cancelled")
 *   else throw error
 * }
 */
export class MiaApiError extends Schema.TaggedError<MiaApiError>()("MiaApiError", {
  message: Schema.String,
  /** HTTP status; 200 when the bank sent an error envelope with a success status. */
  status: Schema.Number,
  errors: Schema.Array(MiaApiErrorEntry),
  /** The operation that failed, e.g. `createQr`. */
  operation: Schema.String,
  /** The parsed response body, kept for support requests and for fields the SDK does not know. */
  body: Schema.Unknown,
  /** Milliseconds the bank asked us to wait (`Retry-After`), when it said so. */
  retryAfterMs: Schema.optional(Schema.Number)
}) {
  /** True for statuses that are worth retrying later: 429 and 5xx. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500
  }

  /** The first `errorCode`, or `undefined` when the bank sent none. */
  get code(): string | undefined {
    return this.errors[0]?.errorCode
  }

  /**
   * True when any entry carries `code`, comparing the bare number too: `hasCode("14005")` matches
   * both `"14005"` and `"maib.merchant.payments-14005"`.
   */
  hasCode(code: string): boolean {
    return this.errors.some(
      (entry) =>
        entry.errorCode === code ||
        entry.errorCode.endsWith(`-${code}`) ||
        code.endsWith(`-${entry.errorCode}`)
    )
  }
}
