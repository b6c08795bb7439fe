import type { MiaPosResultError } from "../pos/errors/pos-result-error.js"
import type { MiaPosSessionError } from "../pos/errors/pos-session-error.js"
import type { MiaApiError } from "./mia-api-error.js"
import type { MiaAuthError } from "./mia-auth-error.js"
import type { MiaResponseError } from "./mia-response-error.js"
import type { MiaTransportError } from "./mia-transport-error.js"
import type { MiaValidationError } from "./mia-validation-error.js"

// Guards read the error's `_tag` instead of `instanceof`, so they hold when an application ends
// up with two copies of @mia-sdk/core (two versions in node_modules, a bundled and an external one).
const hasTag =
  <E>(tag: string) =>
  (value: unknown): value is E =>
    typeof value === "object" && value !== null && (value as { readonly _tag?: unknown })._tag === tag

/**
 * True for an error answer of the bank (`status`, `errors[]`, `hasCode(code)`).
 *
 * @example
 * import { isMiaApiError } from "@mia-sdk/core"
 * try { await client.getPayment(payId) } catch (error) {
 *   if (isMiaApiError(error) && error.status === 404) console.log("no such payment")
 * }
 */
export const isMiaApiError = hasTag<MiaApiError>("MiaApiError")

/**
 * True when the bank refused the credentials.
 *
 * @example
 * if (isMiaAuthError(error)) alertOps("check MIA_CLIENT_ID / MIA_CLIENT_SECRET")
 */
export const isMiaAuthError = hasTag<MiaAuthError>("MiaAuthError")

/**
 * True when the bank could not be reached in time (network, timeout).
 *
 * @example
 * if (isMiaTransportError(error) && error.retryable) scheduleRetry()
 */
export const isMiaTransportError = hasTag<MiaTransportError>("MiaTransportError")

/**
 * True when the bank answered something that is not a valid API answer.
 *
 * @example
 * if (isMiaResponseError(error)) console.error(error.message)
 */
export const isMiaResponseError = hasTag<MiaResponseError>("MiaResponseError")

/**
 * True when the SDK refused an input before sending it (`field` names what to fix).
 *
 * @example
 * if (isMiaValidationError(error)) res.status(400).json({ field: error.field })
 */
export const isMiaValidationError = hasTag<MiaValidationError>("MiaValidationError")

/**
 * True when the MiaPos session needs a step first (`reason`: `login_required`, `not_activated`, ...).
 *
 * @example
 * if (isMiaPosSessionError(error) && error.reason === "login_required") showLogin()
 */
export const isMiaPosSessionError = hasTag<MiaPosSessionError>("MiaPosSessionError")

/**
 * True when MiaPos answered with a non-success `result` code.
 *
 * @example
 * if (isMiaPosResultError(error)) console.log(error.result)
 */
export const isMiaPosResultError = hasTag<MiaPosResultError>("MiaPosResultError")
