import { MiaApiError } from "./mia-api-error.js"
import { MiaAuthError } from "./mia-auth-error.js"
import { MiaResponseError } from "./mia-response-error.js"
import { MiaTransportError } from "./mia-transport-error.js"
import { MiaValidationError } from "./mia-validation-error.js"

export { MiaApiErrorEntry } from "./api-error-entry.js"
export { MiaApiError } from "./mia-api-error.js"
export { MiaAuthError } from "./mia-auth-error.js"
export { MiaResponseError } from "./mia-response-error.js"
export type { MiaTransportErrorReason } from "./mia-transport-error.js"
export { MiaTransportError } from "./mia-transport-error.js"
export { MiaValidationError } from "./mia-validation-error.js"

/**
 * Every error the SDK produces. Switch on `_tag`, or use `instanceof` on the classes.
 *
 * @example
 * const describe = (error: MiaError) => (error.retryable ? "try again later" : "fix the request")
 */
export type MiaError = MiaApiError | MiaAuthError | MiaTransportError | MiaResponseError | MiaValidationError

/**
 * True for any error produced by the SDK.
 *
 * @example
 * import { isMiaError } from "@mia-sdk/core"
 *
 * try {
 *   await client.getQr(qrId)
 * } catch (error) {
 *   if (isMiaError(error) && error.retryable) scheduleRetry()
 * }
 */
export const isMiaError = (value: unknown): value is MiaError =>
  value instanceof MiaApiError ||
  value instanceof MiaAuthError ||
  value instanceof MiaTransportError ||
  value instanceof MiaResponseError ||
  value instanceof MiaValidationError

export {
  isMiaApiError,
  isMiaAuthError,
  isMiaPosResultError,
  isMiaPosSessionError,
  isMiaResponseError,
  isMiaTransportError,
  isMiaValidationError
} from "./guards.js"
