import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Scope from "effect/Scope"
import * as SynchronizedRef from "effect/SynchronizedRef"

/**
 * A token as the issuer returned it.
 *
 * @example
 * const issued: IssuedToken<string> = { value: "eyJ...", expiresInMs: 300_000 }
 */
export interface IssuedToken<T> {
  readonly value: T
  readonly expiresInMs: number
}

/**
 * A single-flight cache of one expiring token.
 *
 * @example
 * const token = yield* cache.get
 * // ...the API answered 401 with it:
 * yield* cache.invalidate(token)
 */
export interface TokenCache<T, E> {
  /** The cached token, or a fresh one; concurrent callers share one request. */
  readonly get: Effect.Effect<T, E>
  /** Forgets `token` if it is still the cached one (a newer token is kept). */
  readonly invalidate: (token: T) => Effect.Effect<void>
  /**
   * The cached token if it is still fresh at `nowMs`, read synchronously; `undefined` when `get`
   * would have to wait (no token yet, a request in flight, or due for renewal).
   */
  readonly peek: (nowMs: number) => T | undefined
}

type State<T, E> =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Pending"; readonly deferred: Deferred.Deferred<T, E> }
  | { readonly _tag: "Ready"; readonly value: T; readonly refreshAtMs: number }

/**
 * How long before expiry a token is renewed: 30 s, or a tenth of its lifetime when that is shorter,
 * so a request never leaves with a token that expires on the way.
 *
 * @example
 * defaultRefreshSkewMs(300_000) // 30_000
 * defaultRefreshSkewMs(60_000) // 6_000
 */
export const defaultRefreshSkewMs = (expiresInMs: number): number => Math.min(30_000, expiresInMs / 10)

/**
 * Builds a token cache on `SynchronizedRef` (not `Effect.cachedWithTTL`, which would cache a
 * failure): any number of concurrent `get`s trigger one `issue`; the token is reused until
 * `expiresIn` minus a skew; a failed `issue` is reported to every waiting caller and not cached,
 * so the next `get` tries again. The request runs in the client's scope, so one caller giving up
 * (abort, timeout) does not fail the others; closing the scope interrupts it.
 *
 * @example
 * const cache = yield* makeTokenCache(fetchToken)
 * const token = yield* cache.get
 */
export const makeTokenCache = <T, E>(
  issue: Effect.Effect<IssuedToken<T>, E>,
  refreshSkewMs: (expiresInMs: number) => number = defaultRefreshSkewMs
): Effect.Effect<TokenCache<T, E>, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const ref = yield* SynchronizedRef.make<State<T, E>>({ _tag: "Empty" })
    // The Ready state mirrored in a plain variable, written in the same steps as the ref, so the
    // common case (a fresh token) is a synchronous read without the lock.
    let ready: { readonly value: T; readonly refreshAtMs: number } | undefined

    const settle = (deferred: Deferred.Deferred<T, E>, exit: Exit.Exit<IssuedToken<T>, E>) =>
      Effect.andThen(
        SynchronizedRef.updateEffect(ref, (state) => {
          if (state._tag !== "Pending" || state.deferred !== deferred) return Effect.succeed(state)
          if (Exit.isFailure(exit)) return Effect.succeed<State<T, E>>({ _tag: "Empty" })
          return Effect.map(Clock.currentTimeMillis, (now): State<T, E> => {
            const next = {
              _tag: "Ready",
              value: exit.value.value,
              refreshAtMs: now + exit.value.expiresInMs - refreshSkewMs(exit.value.expiresInMs)
            } as const
            ready = next
            return next
          })
        }),
        Deferred.done(
          deferred,
          Exit.map(exit, (issued) => issued.value)
        )
      )

    type Step = readonly [Effect.Effect<T, E>, State<T, E>]
    const slowGet: Effect.Effect<T, E> = Effect.flatten(
      SynchronizedRef.modifyEffect(ref, (state): Effect.Effect<Step> => {
        if (state._tag === "Pending") return Effect.succeed([Deferred.await(state.deferred), state])
        return Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<Step> => {
          if (state._tag === "Ready" && now < state.refreshAtMs) {
            return Effect.succeed([Effect.succeed(state.value), state])
          }
          return Effect.gen(function* () {
            const deferred = yield* Deferred.make<T, E>()
            ready = undefined
            // Forked uninterruptible so `settle` always runs, even when the scope is closing as
            // the request starts: waiters are then told, instead of waiting forever.
            yield* Effect.uninterruptible(
              Effect.forkIn(
                Effect.onExit(Effect.interruptible(issue), (exit) => settle(deferred, exit)),
                scope
              )
            )
            return [Deferred.await(deferred), { _tag: "Pending", deferred }] as const
          })
        })
      })
    )

    const peek = (nowMs: number): T | undefined =>
      ready !== undefined && nowMs < ready.refreshAtMs ? ready.value : undefined

    // Fast path without the lock: the common case is a fresh cached token.
    const get: Effect.Effect<T, E> = Effect.clockWith((clock) => {
      const token = peek(clock.currentTimeMillisUnsafe())
      return token === undefined ? slowGet : Effect.succeed(token)
    })

    const invalidate = (token: T) =>
      SynchronizedRef.update(ref, (state): State<T, E> => {
        if (state._tag !== "Ready" || state.value !== token) return state
        ready = undefined
        return { _tag: "Empty" }
      })

    return { get, invalidate, peek }
  })
