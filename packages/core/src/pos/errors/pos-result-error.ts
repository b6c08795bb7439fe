import * as Schema from "effect/Schema"

/**
 * Result codes seen from the MiaPos API. Only `success` is documented; the others come from the
 * one public client. Any other code still arrives, as a plain string.
 *
 * @example
 * const code: KnownPosResultCode = "otp_limit_exceeded"
 */
export type KnownPosResultCode = "otp_limit_exceeded" | "not_found" | "not_assign"

/**
 * The MiaPos API answered with a `result` other than `success`, for instance
 * `otp_limit_exceeded` or `not_found`. This happens on HTTP 200 too: the code is the answer.
 * `result` holds the code exactly as sent; `is(code)` compares it case-insensitively.
 *
 * @example
 * import { MiaPosResultError } from "@mia-sdk/core"
 *
 * try {
 *   await pos.activation.confirm({ otpCode: "123456" })
 * } catch (error) {
 *   if (error instanceof MiaPosResultError && error.is("otp_limit_exceeded")) showLockedOut()
 *   else throw error
 * }
 */
export class MiaPosResultError extends Schema.TaggedError<MiaPosResultError>()("MiaPosResultError", {
  message: Schema.String,
  /** The `result` code as the API sent it, e.g. `not_found`. */
  result: Schema.String,
  /** HTTP status of the answer; usually 200. */
  status: Schema.Number,
  /** The operation that failed, e.g. `activationConfirm`. */
  operation: Schema.String,
  /** The parsed response body, for support requests and fields the SDK does not model. */
  body: Schema.Unknown,
  /** Milliseconds the API asked us to wait (`Retry-After`), when it said so. */
  retryAfterMs: Schema.optional(Schema.Number)
}) {
  /**
   * True only with HTTP 429 or 5xx: otherwise the same request gets the same answer until
   * something changes on the terminal.
   */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500
  }

  /** True when `result` equals `code`, ignoring case. */
  is(code: KnownPosResultCode | (string & {})): boolean {
    return this.result.toLowerCase() === code.toLowerCase()
  }
}
