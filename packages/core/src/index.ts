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
export type { MiaLogEvent, MiaLogger } from "./internal/observe/log-events.js"
export type {
  MiaTracer,
  OpenTelemetrySpanLike,
  OpenTelemetryTracerLike
} from "./internal/observe/tracer-option.js"
export { currentRequestTimeoutMs } from "./internal/pipeline/request-timeout.js"
export * from "./qr/index.js"
export * from "./rtp/index.js"
export * from "./pos/index.js"
export * from "./money.js"
