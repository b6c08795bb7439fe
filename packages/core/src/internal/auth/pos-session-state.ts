import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { MiaPosSessionError } from "../../pos/errors/pos-session-error.js"
import { type PosSession, type PosTokens, parsePosSession } from "../../pos/session/session.js"
import type { PosSessionStore } from "../../pos/session/session-store.js"

/** The typed failure of a session store call. */
export const storeFailure = (operation: string, action: string, cause: unknown) =>
  new MiaPosSessionError({
    operation,
    reason: "store_failed",
    message: `${operation}: the session store could not ${action} (${cause instanceof Error ? cause.message : String(cause)}).`,
    cause
  })

/** The same pair with the same expiry: a pair read twice from a store is equal, not identical. */
export const sameTokens = (left: PosTokens | undefined, right: PosTokens | undefined): boolean =>
  left === right ||
  (left !== undefined &&
    right !== undefined &&
    left.accessToken === right.accessToken &&
    left.refreshToken === right.refreshToken &&
    left.accessTokenExpiresAt === right.accessTokenExpiresAt)

/**
 * The terminal's persisted session as one client sees it: the activation id, the token pair and
 * the current shift.
 */
export interface PosSessionState {
  /** True when the store is shared by several processes (it has `exclusive`). */
  readonly shared: boolean
  /** Reads the store itself, bypassing this process's copy. */
  readonly load: (operation: string) => Effect.Effect<PosSession, MiaPosSessionError>
  readonly save: (operation: string, session: PosSession) => Effect.Effect<void, MiaPosSessionError>
  /** The session, loaded on first use (on every use from a shared store). */
  readonly current: (operation: string) => Effect.Effect<PosSession, MiaPosSessionError>
  /** Applies `change` and saves the result (unless `change` returns the session itself); one at a time. */
  readonly update: (
    operation: string,
    change: (session: PosSession) => PosSession
  ) => Effect.Effect<PosSession, MiaPosSessionError>
  /** `explicit`, or the session's activation id, or a `not_activated` failure. */
  readonly activationId: (
    operation: string,
    explicit: string | undefined
  ) => Effect.Effect<string, MiaPosSessionError>
  /** Runs `effect` inside the shared store's lock; as is when the store has none. */
  readonly locked: <A, E>(
    operation: string,
    effect: Effect.Effect<A, E>
  ) => Effect.Effect<A, E | MiaPosSessionError>
}

/** The session's activation id, or the `not_activated` failure that says how to get one. */
export const activationOf = (
  operation: string,
  session: PosSession
): Effect.Effect<string, MiaPosSessionError> =>
  session.terminalActivationId !== undefined
    ? Effect.succeed(session.terminalActivationId)
    : Effect.fail(
        new MiaPosSessionError({
          operation,
          reason: "not_activated",
          message: `${operation}: this device has no terminal activation yet. Run activation.init({ terminalId, merchantIdno }) and activation.confirm({ otpCode }), or pass terminalActivationId to the client.`
        })
      )

/**
 * The store's lock as an Effect combinator, or `undefined` when the store has none (one process
 * owns it). The effect runs to its end inside `exclusive`, which releases the lock however it
 * ends; interrupting the caller interrupts the effect.
 */
const storeLock = (store: PosSessionStore) => {
  const exclusive = store.exclusive?.bind(store)
  if (exclusive === undefined) return undefined
  return <A, E>(operation: string, effect: Effect.Effect<A, E>): Effect.Effect<A, E | MiaPosSessionError> =>
    Effect.flatMap(Effect.context<never>(), (context) =>
      Effect.flatten(
        Effect.tryPromise({
          try: (signal) => exclusive(() => Effect.runPromiseExitWith(context)(effect, { signal })),
          catch: (cause) => storeFailure(operation, "lock the session", cause)
        })
      )
    )
}

/**
 * The session of one client over its store. Nothing is read until the first call, so building a
 * client stays synchronous. With a store other processes share (it has a lock), the store, not
 * this process's memory, holds the current session.
 */
export const makePosSessionState = (config: {
  readonly store: PosSessionStore
  /** An activation made elsewhere; used when the store holds none. */
  readonly terminalActivationId: string | undefined
}): Effect.Effect<PosSessionState> =>
  Effect.map(SynchronizedRef.make(Option.none<PosSession>()), (ref) => {
    const { store } = config
    const lock = storeLock(store)
    const shared = lock !== undefined

    const load = (operation: string): Effect.Effect<PosSession, MiaPosSessionError> =>
      Effect.tryPromise({
        try: () => store.load(),
        catch: (cause) => storeFailure(operation, "load the session", cause)
      }).pipe(
        Effect.flatMap((stored) => {
          if (stored === undefined || stored === null) return Effect.succeed<PosSession>({})
          const session = parsePosSession(stored)
          return typeof session === "string"
            ? Effect.fail(storeFailure(operation, "load the session", new Error(session)))
            : Effect.succeed(session)
        }),
        Effect.map((session) =>
          session.terminalActivationId === undefined && config.terminalActivationId !== undefined
            ? { ...session, terminalActivationId: config.terminalActivationId }
            : session
        )
      )

    const save = (operation: string, session: PosSession) =>
      Effect.tryPromise({
        try: () => store.save(session),
        catch: (cause) => storeFailure(operation, "save the session", cause)
      })

    const cachedCurrent = (operation: string): Effect.Effect<PosSession, MiaPosSessionError> =>
      Effect.flatMap(SynchronizedRef.get(ref), (cached) =>
        Option.isSome(cached)
          ? Effect.succeed(cached.value)
          : SynchronizedRef.modifyEffect(ref, (state) =>
              Option.isSome(state)
                ? Effect.succeed([state.value, state] as const)
                : Effect.map(load(operation), (session) => [session, Option.some(session)] as const)
            )
      )

    const locked: PosSessionState["locked"] = (operation, effect) =>
      lock === undefined ? effect : lock(operation, effect)

    /** Shared store: read, change and save inside its lock, so no process writes over another's change. */
    const updateShared = (operation: string, change: (session: PosSession) => PosSession) =>
      locked(
        operation,
        Effect.flatMap(load(operation), (before) => {
          const after = change(before)
          return after === before ? Effect.succeed(after) : Effect.as(save(operation, after), after)
        })
      )

    const updateCached = (operation: string, change: (session: PosSession) => PosSession) =>
      Effect.flatten(
        SynchronizedRef.modifyEffect(ref, (state) =>
          Effect.gen(function* () {
            const before = Option.isSome(state) ? state.value : yield* load(operation)
            const after = change(before)
            // Unchanged (the same object): nothing to write, so polling never touches the store.
            if (after === before) return [Effect.succeed(after), Option.some(after)] as const
            // The in-memory session moves on even when saving fails: the tokens are real and
            // this process may keep using them; the caller still learns that saving failed.
            const saved = yield* Effect.result(save(operation, after))
            return [
              Result.isFailure(saved) ? Effect.fail(saved.failure) : Effect.succeed(after),
              Option.some(after)
            ] as const
          })
        )
      )

    const current = (operation: string) => (shared ? load(operation) : cachedCurrent(operation))

    return {
      shared,
      load,
      save,
      current,
      update: (operation, change) =>
        shared ? updateShared(operation, change) : updateCached(operation, change),
      activationId: (operation, explicit) =>
        explicit !== undefined
          ? Effect.succeed(explicit)
          : Effect.flatMap(current(operation), (session) => activationOf(operation, session)),
      locked
    } satisfies PosSessionState
  })
