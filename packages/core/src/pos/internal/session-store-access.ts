import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import { MiaPosSessionError } from "../errors/pos-session-error.js"
import type { PosTokens } from "../session/session.js"
import type { PosSessionStore } from "../session/session-store.js"

/**
 * The typed failure of a session store call.
 *
 * @example
 * Effect.tryPromise({ try: () => store.load(), catch: (cause) => storeFailure("shiftCheck", "load the session", cause) })
 */
export const storeFailure = (operation: string, action: string, cause: unknown) =>
  new MiaPosSessionError({
    operation,
    reason: "store_failed",
    message: `${operation}: the session store could not ${action} (${cause instanceof Error ? cause.message : String(cause)}).`,
    cause
  })

/**
 * The same pair with the same expiry: a pair read twice from a store is equal, not identical.
 *
 * @example
 * sameTokens(await store.load().then((s) => s?.tokens), cached) // true when nobody replaced the pair
 */
export const sameTokens = (left: PosTokens | undefined, right: PosTokens | undefined): boolean =>
  left === right ||
  (left !== undefined &&
    right !== undefined &&
    left.accessToken === right.accessToken &&
    left.refreshToken === right.refreshToken &&
    left.accessTokenExpiresAt === right.accessTokenExpiresAt)

/**
 * The store's lock as an Effect combinator, or `undefined` when the store has none (one process
 * owns it). The effect runs to its end inside `exclusive`, which releases the lock however it
 * ends; interrupting the caller interrupts the effect.
 *
 * @example
 * const locked = storeLock(store)
 * const session = locked === undefined ? yield* work : yield* locked("shiftOpen", work)
 */
export const storeLock = (store: PosSessionStore) => {
  const exclusive = store.exclusive?.bind(store)
  if (exclusive === undefined) return undefined
  return <A, E>(operation: string, effect: Effect.Effect<A, E>): Effect.Effect<A, E | MiaPosSessionError> =>
    Effect.flatMap(Effect.runtime<never>(), (runtime) =>
      Effect.flatten(
        Effect.tryPromise({
          try: (signal) => exclusive(() => Runtime.runPromiseExit(runtime)(effect, { signal })),
          catch: (cause) => storeFailure(operation, "lock the session", cause)
        })
      )
    )
}
