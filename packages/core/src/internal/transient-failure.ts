import type { MiaError } from "../errors/index.js"
import type { RetryDecision } from "./retry-policy.js"

/**
 * The retry decision for any SDK error: network failures, timeouts, 429 and 5xx are retried
 * (honouring `Retry-After` when the bank sent one); everything else is final. Only use it for
 * requests that are safe to repeat (GETs, token calls).
 *
 * @example
 * const robust = withRetry(getOnce, policy, transientFailure)
 */
export const transientFailure = (error: MiaError): RetryDecision => ({
  retry: error.retryable,
  retryAfterMs: "retryAfterMs" in error ? error.retryAfterMs : undefined
})
