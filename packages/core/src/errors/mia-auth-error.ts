import * as Schema from "effect/Schema"
import { MiaApiErrorEntry } from "./api-error-entry.js"

/**
 * Authentication failed: the token request was refused (wrong or missing `clientId` /
 * `clientSecret`, error 11000 / 12007), or the bank still answered 401 with a freshly issued token.
 * Not retryable: fix the credentials. The message never contains them.
 *
 * @example
 * import { MiaAuthError } from "@mia-sdk/core"
 *
 * try {
 *   await client.getQr(qrId)
 * } catch (error) {
 *   if (error instanceof MiaAuthError) console.error("Check MIA_CLIENT_ID / MIA_CLIENT_SECRET:", error.message)
 * }
 */
export class MiaAuthError extends Schema.TaggedError<MiaAuthError>()("MiaAuthError", {
  message: Schema.String,
  status: Schema.Number,
  errors: Schema.Array(MiaApiErrorEntry),
  operation: Schema.String
}) {
  /** Always false: the same credentials will be refused again. */
  get retryable(): boolean {
    return false
  }
}
