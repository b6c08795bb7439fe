/**
 * Stable codes of {@link MiaCashierError}:
 * - `validation`: an input is wrong; `field` names it;
 * - `terminal_fixed`: the caller named a terminal, but this cashier activates its configured one only;
 * - `no_activation`: no activation waits for a code (start one first);
 * - `not_activated`: the terminal is not activated;
 * - `login_required`: no seller is logged in, or the seller's session ended;
 * - `no_shift`: no shift to report on;
 * - `charge_not_found`: the bank knows no such charge;
 * - `unknown_report`: reports are `x` and `z`;
 * - `incomplete_answer`: MiaPos answered without a field the cashier needs (the QR's text);
 * - `conflict`: the cashier state kept changing under a concurrent update; try again.
 *
 * @example
 * const code: MiaCashierErrorCode = "login_required"
 */
export type MiaCashierErrorCode =
  | "validation"
  | "terminal_fixed"
  | "no_activation"
  | "not_activated"
  | "login_required"
  | "no_shift"
  | "charge_not_found"
  | "unknown_report"
  | "incomplete_answer"
  | "conflict"

/**
 * The POS cashier refused a step: bad input (`validation`, with `field`), a step out of order
 * (`login_required`, `no_activation`, ...) or an unusable answer of the bank. The bank's own
 * refusals (wrong code, wrong password, no open shift, network) are the client's errors
 * (`isMiaPosResultError`, `isMiaApiError`, ... from `@mia-sdk/core`) and pass through unchanged.
 *
 * @example
 * import { MiaCashierError } from "@mia-sdk/webhooks"
 *
 * try {
 *   await cashier.createCharge(0.1 + 0.2)
 * } catch (error) {
 *   if (error instanceof MiaCashierError && error.code === "validation") console.log(error.field) // "amount"
 * }
 */
export class MiaCashierError extends Error {
  override readonly name = "MiaCashierError"
  readonly code: MiaCashierErrorCode
  readonly field: string | undefined

  constructor(code: MiaCashierErrorCode, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.field = options?.field
  }

  /** True only for `conflict`: the same call may succeed once the concurrent update is done. */
  get retryable(): boolean {
    return this.code === "conflict"
  }
}
