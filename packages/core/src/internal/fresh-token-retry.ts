import * as Effect from "effect/Effect"

/**
 * Runs `call` with a cached token; when it fails because the token was refused (`isUnauthorized`),
 * invalidates that token and runs `call` exactly once more with a fresh one. A second refusal is
 * returned as is. Safe for every method: a 401 means the request was not processed.
 *
 * @example
 * const result = yield* withFreshTokenRetry(cache, (token) => send(token), (e) => e.status === 401)
 */
export const withFreshTokenRetry = <T, A, E, E2, R>(
  tokens: { readonly get: Effect.Effect<T, E2>; readonly invalidate: (token: T) => Effect.Effect<void> },
  call: (token: T) => Effect.Effect<A, E, R>,
  isUnauthorized: (error: E) => boolean
): Effect.Effect<A, E | E2, R> =>
  Effect.flatMap(tokens.get, (token) =>
    Effect.catchIf(call(token), isUnauthorized, () =>
      Effect.zipRight(tokens.invalidate(token), Effect.flatMap(tokens.get, call))
    )
  )

/**
 * What {@link withFreshTokenRetry} does after `call(token)` failed with `error`, for a caller that
 * made that first attempt itself (the Promise client's direct path): on a refused token,
 * invalidate it and run `call` once more with a fresh one; any other error is returned as is.
 *
 * @example
 * const rest = afterTokenAttempt(cache, (token) => send(token), (e) => e.status === 401, token, error)
 */
export const afterTokenAttempt = <T, A, E, E2, R>(
  tokens: { readonly get: Effect.Effect<T, E2>; readonly invalidate: (token: T) => Effect.Effect<void> },
  call: (token: T) => Effect.Effect<A, E, R>,
  isUnauthorized: (error: E) => boolean,
  token: T,
  error: E
): Effect.Effect<A, E | E2, R> =>
  isUnauthorized(error)
    ? Effect.zipRight(tokens.invalidate(token), Effect.flatMap(tokens.get, call))
    : Effect.fail(error)
