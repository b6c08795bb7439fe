import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

/**
 * How often and how patiently a safe-to-repeat request is retried.
 *
 * @example
 * const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 }
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries: number
  /** Delay before the first retry; doubles on each further retry. */
  readonly baseDelayMs: number
  /** Upper bound of the exponential delay. */
  readonly maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the error is returned instead. */
  readonly maxRetryAfterMs: number
}

/** Defaults in the spirit of stripe-node: a couple of quick retries, never minutes of waiting. */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `nowMs`.
 *
 * @example
 * parseRetryAfter("2", 0) // 2000
 * parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:00 GMT")) // 60000
 */
export const parseRetryAfter = (value: string | undefined, nowMs: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed === "") return undefined
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so concurrent
 * clients spread out but never retry immediately. `attempt` is 0 for the first retry.
 *
 * @example
 * backoffDelayMs(defaultRetryPolicy, 0, 0.5) // 375
 */
export const backoffDelayMs = (policy: RetryPolicy, attempt: number, random: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  return Math.round(exponential / 2 + (exponential / 2) * random)
}

/**
 * What the retry loop needs to know about a failure.
 *
 * @example
 * const decide = (error: MiaError): RetryDecision => ({ retry: error.retryable, retryAfterMs: undefined })
 */
export interface RetryDecision {
  readonly retry: boolean
  readonly retryAfterMs: number | undefined
}

/**
 * Runs `effect`, retrying failures that `decide` calls retryable, waiting `Retry-After` when the
 * server gave one and exponential backoff with jitter otherwise. Waits use the Effect clock, so
 * tests can drive them with `TestClock`. Only wrap requests that are safe to repeat.
 *
 * @example
 * const robust = withRetry(getQrOnce, defaultRetryPolicy, (e) => ({ retry: e.retryable, retryAfterMs: undefined }))
 */
export const withRetry = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  policy: RetryPolicy,
  decide: (error: E) => RetryDecision
): Effect.Effect<A, E, R> =>
  policy.maxRetries <= 0
    ? effect
    : Effect.catchAll(effect, (error) => retryAfter(error, 0, effect, policy, decide))

/**
 * Continues {@link withRetry} after attempt number `attempt` (0 for the first) failed with `error`:
 * waits and runs `effect` again if the policy and `decide` allow, else fails with `error`. For a
 * caller that made the first attempt outside Effect (the Promise client's direct path).
 *
 * @example
 * const rest = retryAfter(firstError, 0, getQrOnce, defaultRetryPolicy, transientFailure)
 */
export const retryAfter = <A, E, R>(
  error: E,
  attempt: number,
  effect: Effect.Effect<A, E, R>,
  policy: RetryPolicy,
  decide: (error: E) => RetryDecision
): Effect.Effect<A, E, R> => {
  if (attempt >= policy.maxRetries) return Effect.fail(error)
  const decision = decide(error)
  if (!decision.retry) return Effect.fail(error)
  const again = Effect.catchAll(effect, (next) => retryAfter(next, attempt + 1, effect, policy, decide))
  if (decision.retryAfterMs !== undefined) {
    if (decision.retryAfterMs > policy.maxRetryAfterMs) return Effect.fail(error)
    return Effect.zipRight(Effect.sleep(Duration.millis(decision.retryAfterMs)), again)
  }
  return Effect.flatMap(Random.next, (random) =>
    Effect.zipRight(Effect.sleep(Duration.millis(backoffDelayMs(policy, attempt, random))), again)
  )
}
