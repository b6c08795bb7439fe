import { isMiaApiError, isMiaPosSessionError } from "@mia-sdk/core/guards"
import { MiaCashierError } from "../cashier-error.js"

/** Whether the client failed because no seller is logged in (never was, or the session ended). */
export const isLoginRequired = (error: unknown): boolean =>
  (isMiaPosSessionError(error) && error.reason === "login_required") ||
  (isMiaApiError(error) && error.status === 401)

/**
 * A client error in the cashier's terms when it means a step is missing. During login a 401 is a
 * wrong password, not a missing login, so it passes through like the bank's other refusals.
 */
export const inCashierTerms = (error: unknown, step: "login" | "other"): unknown => {
  if (isMiaPosSessionError(error) && error.reason === "not_activated") {
    return new MiaCashierError("not_activated", "The terminal is not activated: activate it first.", {
      cause: error
    })
  }
  if (isMiaPosSessionError(error) && error.reason === "login_required") {
    return new MiaCashierError("login_required", "No seller is logged in: log the seller in first.", {
      cause: error
    })
  }
  if (step === "other" && isMiaApiError(error) && error.status === 401) {
    return new MiaCashierError("login_required", "The seller's session ended: log the seller in again.", {
      cause: error
    })
  }
  return error
}
