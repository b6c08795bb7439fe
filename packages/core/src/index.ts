export * from "./callback/index.js"
export {
  isMiaApiError,
  isMiaAuthError,
  isMiaError,
  isMiaPosResultError,
  isMiaPosSessionError,
  isMiaResponseError,
  isMiaTransportError,
  isMiaValidationError,
  MiaApiError,
  MiaApiErrorEntry,
  MiaAuthError,
  type MiaError,
  MiaResponseError,
  MiaTransportError,
  type MiaTransportErrorReason,
  MiaValidationError
} from "./errors/index.js"
export type { RequestOptions } from "./internal/promise-facade.js"
export { currentRequestTimeoutMs } from "./internal/request-timeout.js"
export * from "./qr/index.js"
export * from "./pos/index.js"
export * from "./money.js"
