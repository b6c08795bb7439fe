import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
/** Every SDK error says whether another attempt may succeed; some carry the bank's `Retry-After`. */
export interface RetryableError {
  readonly retryable: boolean
  readonly retryAfterMs?: number | undefined
}

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

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export const parseRetryAfter = (value: string | undefined, nowMs: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed === "") return undefined
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

const retryAfterOf = (error: RetryableError): number | undefined => error.retryAfterMs

/** Worth another attempt: network, timeout, 429, 5xx, and a `Retry-After` we are willing to wait for. */
const transient =
  (policy: RetryPolicy) =>
  (error: RetryableError): boolean => {
    if (!error.retryable) return false
    const wait = retryAfterOf(error)
    return wait === undefined || wait <= policy.maxRetryAfterMs
  }

/**
 * The retry schedule of one client: capped exponential backoff with jitter, and the bank's `Retry-After` instead of the backoff when it sent one.
 */
export const retrySchedule = (policy: RetryPolicy): Schedule.Schedule<unknown, RetryableError> =>
  Schedule.exponential(Duration.millis(policy.baseDelayMs)).pipe(
    Schedule.jittered,
    // After the jitter, so no wait is ever longer than the cap.
    Schedule.modifyDelay(({ duration }) =>
      Effect.succeed(Duration.millis(Math.min(policy.maxDelayMs, Duration.toMillis(duration))))
    ),
    Schedule.modifyDelay(({ input, duration }) => {
      const wait = retryAfterOf(input as RetryableError)
      return Effect.succeed(wait === undefined ? duration : Duration.millis(wait))
    })
  ) as unknown as Schedule.Schedule<unknown, RetryableError>

/** Retries `effect` under `policy` when its failure is transient; anything else fails at once. */
export const withRetry = <A, E extends RetryableError, R>(
  effect: Effect.Effect<A, E, R>,
  policy: RetryPolicy,
  schedule: Schedule.Schedule<unknown, RetryableError>
): Effect.Effect<A, E, R> =>
  policy.maxRetries <= 0
    ? effect
    : // The schedule starts only after a first failure: a success (the common case) pays nothing.
      Effect.catchIf(effect, transient(policy), (first) => {
        let replay = true
        const again = Effect.suspend(() => {
          if (!replay) return effect
          replay = false
          return Effect.fail(first)
        })
        return Effect.retry(again, { schedule, times: policy.maxRetries, while: transient(policy) })
      })
