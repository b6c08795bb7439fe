import * as Schema from "effect/Schema"

/**
 * Why the client cannot act for the terminal:
 * - `login_required`: no usable token pair (never logged in, logged out, or the refresh token was
 *   refused) and no seller credentials to log in with. Call `seller.login(...)`, or give the
 *   client `seller` credentials so it logs in by itself.
 * - `not_activated`: no `terminalActivationId` yet. Run `activation.init` and `activation.confirm`,
 *   or pass `terminalActivationId` to the client.
 * - `store_failed`: the session store could not be read or written.
 *
 * @example
 * const reason: MiaPosSessionErrorReason = "login_required"
 */
export type MiaPosSessionErrorReason = "login_required" | "not_activated" | "store_failed"

/**
 * The terminal's session does not allow the call: see {@link MiaPosSessionErrorReason}. The
 * message says what to do; it never contains a token or password.
 *
 * @example
 * import { MiaPosSessionError } from "@mia-sdk/core"
 *
 * try {
 *   await pos.shift.check()
 * } catch (error) {
 *   if (error instanceof MiaPosSessionError && error.reason === "login_required") showLoginScreen()
 *   else throw error
 * }
 */
export class MiaPosSessionError extends Schema.TaggedError<MiaPosSessionError>()("MiaPosSessionError", {
  message: Schema.String,
  reason: Schema.Literals(["login_required", "not_activated", "store_failed"]),
  operation: Schema.String,
  cause: Schema.optional(Schema.Unknown)
}) {
  /** True only for a store failure, which may be transient (a busy disk or database). */
  get retryable(): boolean {
    return this.reason === "store_failed"
  }
}
