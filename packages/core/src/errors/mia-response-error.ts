import * as Schema from "effect/Schema"

/**
 * The bank (or something in front of it) answered with a body the SDK cannot use: not JSON (an
 * HTML error page, a firewall block), JSON that is not the API envelope, or a result that lacks
 * fields the operation needs. `bodySnippet` holds the first 500 characters for diagnosis.
 *
 * @example
 * import { MiaResponseError } from "@mia-sdk/core"
 *
 * try {
 *   await client.getQr(qrId)
 * } catch (error) {
 *   if (error instanceof MiaResponseError) console.error(error.status, error.bodySnippet)
 * }
 */
export class MiaResponseError extends Schema.TaggedError<MiaResponseError>()("MiaResponseError", {
  message: Schema.String,
  reason: Schema.Literals(["not_json", "not_an_envelope", "unexpected_result"]),
  status: Schema.Number,
  operation: Schema.String,
  bodySnippet: Schema.String,
  retryAfterMs: Schema.optional(Schema.Number)
}) {
  /** True for 429 and 5xx answers (a proxy's HTML error page, for instance). */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500
  }
}
