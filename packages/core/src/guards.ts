/**
 * `@mia-sdk/core/guards`: the SDK's error guards without the clients. They read an error's `_tag`,
 * so this entry loads no Effect: framework adapters and order services tell the client's errors
 * apart without pulling the Effect runtime into their bundle.
 *
 * @example
 * import { isMiaApiError } from "@mia-sdk/core/guards"
 *
 * if (isMiaApiError(error) && error.status === 404) console.log("no such payment")
 */
export {
  isMiaApiError,
  isMiaAuthError,
  isMiaPosResultError,
  isMiaPosSessionError,
  isMiaResponseError,
  isMiaTransportError,
  isMiaValidationError
} from "./errors/guards.js"
export { isMiaRtpAlias } from "./rtp/alias-rule.js"
