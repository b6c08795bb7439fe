import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { MiaApiError } from "../../errors/mia-api-error.js"
import { MiaAuthError } from "../../errors/mia-auth-error.js"
import { makeTokenCache } from "../../internal/token-cache.js"
import type { MiaPosError } from "../errors/index.js"
import { MiaPosResultError } from "../errors/pos-result-error.js"
import { MiaPosSessionError } from "../errors/pos-session-error.js"
import { type PosSession, type PosTokens, parsePosSession } from "../session/session.js"
import type { PosSessionStore } from "../session/session-store.js"
import { sameTokens, storeFailure, storeLock } from "./session-store-access.js"
import type { AuthTokensWire } from "./wire/seller.js"

/** Lifetime assumed when the API leaves `accessTokenExpiresIn` out (the vendor's e-comm API uses 300 s). */
const DEFAULT_LIFETIME_MS = 300_000

/**
 * Seller credentials as the session manager keeps them: the password stays redacted.
 *
 * @example
 * const login: SellerLogin = { username: "seller", password: Redacted.make("sandbox") }
 */
export interface SellerLogin {
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/**
 * What the session manager needs: the store, the seeds from the options, and the two token requests.
 *
 * @example
 * makePosSessionManager({ store, terminalActivationId: undefined, seller: undefined, refreshSkewMs: 30_000, login, refresh })
 */
export interface SessionManagerConfig {
  readonly store: PosSessionStore
  readonly terminalActivationId: string | undefined
  readonly seller: SellerLogin | undefined
  readonly refreshSkewMs: number
  /** `POST seller/login`, without touching the session. */
  readonly login: (
    terminalActivationId: string,
    seller: SellerLogin
  ) => Effect.Effect<AuthTokensWire, MiaPosError>
  /** `POST seller/refresh`, without touching the session. */
  readonly refresh: (
    terminalActivationId: string,
    refreshToken: string
  ) => Effect.Effect<AuthTokensWire, MiaPosError>
}

/**
 * The terminal's session, shared by all operations of one client: the persisted state, the
 * access token (single-flight refresh through the shared token cache) and the fallbacks.
 *
 * @example
 * const tokens = yield* session.tokens.get
 */
export interface PosSessionManager {
  /** The session, loaded from the store on first use (on every use from a shared store). */
  readonly current: (operation: string) => Effect.Effect<PosSession, MiaPosSessionError>
  /** Applies `change` and saves the result (unless `change` returns the session itself); one at a time. */
  readonly update: (
    operation: string,
    change: (session: PosSession) => PosSession
  ) => Effect.Effect<PosSession, MiaPosSessionError>
  /** `explicit`, or the session's activation id, or a `not_activated` failure. */
  readonly activationId: (operation: string, explicit?: string) => Effect.Effect<string, MiaPosSessionError>
  /** A usable token pair: refreshed (once for all callers) near expiry, re-login when refused. */
  readonly tokens: {
    readonly get: Effect.Effect<PosTokens, MiaPosError>
    readonly invalidate: (tokens: PosTokens) => Effect.Effect<void>
  }
  /** Logs in with `seller` and stores the pair. */
  readonly login: (operation: string, seller: SellerLogin) => Effect.Effect<PosTokens, MiaPosError>
  /** Refreshes now, whatever the expiry. */
  readonly forceRefresh: Effect.Effect<PosTokens, MiaPosError>
  /** The stored pair while its access token is still valid, without any request. */
  readonly validTokens: Effect.Effect<PosTokens | undefined, MiaPosSessionError>
}

/** A refusal of the refresh token (as opposed to a network problem or a bank outage). */
const isRefusal = (error: MiaPosError): boolean =>
  error instanceof MiaAuthError ||
  ((error instanceof MiaPosResultError || error instanceof MiaApiError) && !error.retryable)

/** What a shared store's lock decided about the tokens. */
type Renewal =
  | { readonly _tag: "fresh"; readonly tokens: PosTokens }
  | { readonly _tag: "refused"; readonly tokens: PosTokens }
  | { readonly _tag: "missing" }

/**
 * Builds the session manager of one client. Needs the client's `Scope` for background token requests.
 *
 * @example
 * const session = yield* makePosSessionManager(config)
 * const tokens = yield* session.tokens.get
 */
export const makePosSessionManager = (
  config: SessionManagerConfig
): Effect.Effect<PosSessionManager, never, Scope.Scope> =>
  Effect.gen(function* () {
    const ref = yield* SynchronizedRef.make(Option.none<PosSession>())
    const { store } = config
    // A store other processes share (it has a lock): it, not this process's memory, holds the
    // current session.
    const lock = storeLock(store)
    const shared = lock !== undefined
    const locked = <A, E>(operation: string, effect: Effect.Effect<A, E>) =>
      lock === undefined ? effect : lock(operation, effect)

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

    const current = (operation: string) => (shared ? load(operation) : cachedCurrent(operation))

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
            const saved = yield* Effect.either(save(operation, after))
            return [
              Either.isLeft(saved) ? Effect.fail(saved.left) : Effect.succeed(after),
              Option.some(after)
            ] as const
          })
        )
      )

    const update = (operation: string, change: (session: PosSession) => PosSession) =>
      shared ? updateShared(operation, change) : updateCached(operation, change)

    const activationOf = (operation: string, session: PosSession) =>
      session.terminalActivationId !== undefined
        ? Effect.succeed(session.terminalActivationId)
        : Effect.fail(
            new MiaPosSessionError({
              operation,
              reason: "not_activated",
              message: `${operation}: this device has no terminal activation yet. Run activation.init({ terminalId, merchantIdno }) and activation.confirm({ otpCode }), or pass terminalActivationId to the client.`
            })
          )

    const activationId = (operation: string, explicit?: string) =>
      explicit !== undefined
        ? Effect.succeed(explicit)
        : Effect.flatMap(current(operation), (session) => activationOf(operation, session))

    const refreshAt = (tokens: PosTokens): number => {
      const lifetime =
        tokens.accessTokenIssuedAt === undefined
          ? undefined
          : tokens.accessTokenExpiresAt - tokens.accessTokenIssuedAt
      const skew =
        lifetime === undefined ? config.refreshSkewMs : Math.min(config.refreshSkewMs, lifetime / 10)
      return tokens.accessTokenExpiresAt - skew
    }

    const toTokens = (wire: AuthTokensWire, now: number): PosTokens => {
      const seconds = wire.accessTokenExpiresIn
      const lifetimeMs = seconds !== undefined && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS
      return {
        accessToken: wire.accessToken,
        refreshToken: wire.refreshToken,
        accessTokenExpiresAt: now + lifetimeMs,
        accessTokenIssuedAt: now
      }
    }

    const storeTokens = (operation: string, wire: AuthTokensWire) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const tokens = toTokens(wire, now)
        return Effect.as(
          update(operation, (session) => ({ ...session, tokens })),
          tokens
        )
      })

    const login = (operation: string, seller: SellerLogin) =>
      Effect.flatMap(activationId(operation), (id) =>
        Effect.flatMap(config.login(id, seller), (wire) => storeTokens(operation, wire))
      )

    const loginRequired = (operation: string, why: string) =>
      new MiaPosSessionError({
        operation,
        reason: "login_required",
        message: `${operation}: ${why} Log the seller in with seller.login({ username, password }), or give the client seller credentials so it can log in by itself.`
      })

    const dropTokens = (operation: string) =>
      Effect.ignore(
        update(operation, (session) =>
          session.tokens === undefined ? session : { ...session, tokens: undefined }
        )
      )

    /** Re-login with the configured seller, or the typed "log in" failure. */
    const fallback = (operation: string, why: string) =>
      config.seller !== undefined
        ? login(operation, config.seller)
        : Effect.zipRight(dropTokens(operation), Effect.fail(loginRequired(operation, why)))

    const refreshWith = (operation: string, tokens: PosTokens) =>
      Effect.flatMap(activationId(operation), (id) =>
        config.refresh(id, tokens.refreshToken).pipe(
          Effect.flatMap((wire) => storeTokens(operation, wire)),
          Effect.catchAll((error) =>
            isRefusal(error) ? fallback(operation, "the refresh token was refused.") : Effect.fail(error)
          )
        )
      )

    const ownTokens = Effect.gen(function* () {
      const session = yield* current("sellerRefresh")
      const now = yield* Clock.currentTimeMillis
      const stored = session.tokens
      if (stored !== undefined && now < refreshAt(stored)) return stored
      if (stored !== undefined) return yield* refreshWith("sellerRefresh", stored)
      return yield* fallback("sellerLogin", "no seller is logged in on this terminal.")
    })

    /**
     * Shared store, inside its lock: the stored pair while it is fresh (another process may just
     * have rotated it: adopted, never refreshed again), else refreshed and saved.
     */
    const renewShared: Effect.Effect<Renewal, MiaPosError> = Effect.gen(function* () {
      const session = yield* load("sellerRefresh")
      const stored = session.tokens
      if (stored === undefined) return { _tag: "missing" } as const
      if ((yield* Clock.currentTimeMillis) < refreshAt(stored))
        return { _tag: "fresh", tokens: stored } as const
      const id = yield* activationOf("sellerRefresh", session)
      const answer = yield* Effect.either(config.refresh(id, stored.refreshToken))
      if (Either.isLeft(answer)) {
        if (isRefusal(answer.left)) return { _tag: "refused", tokens: stored } as const
        return yield* Effect.fail(answer.left)
      }
      const tokens = toTokens(answer.right, yield* Clock.currentTimeMillis)
      yield* save("sellerRefresh", { ...session, tokens })
      return { _tag: "fresh", tokens } as const
    })

    /** Shared store: no pair, or a refused one; never drops a pair another process stored meanwhile. */
    const sharedFallback = (operation: string, why: string) =>
      config.seller !== undefined
        ? login(operation, config.seller)
        : Effect.fail(loginRequired(operation, why))

    const sharedTokens = Effect.flatMap(locked("sellerRefresh", renewShared), (renewal) => {
      if (renewal._tag === "fresh") return Effect.succeed(renewal.tokens)
      if (renewal._tag === "missing")
        return sharedFallback("sellerLogin", "no seller is logged in on this terminal.")
      const refused = renewal.tokens
      return Effect.flatMap(
        update("sellerRefresh", (session) =>
          sameTokens(session.tokens, refused) ? { ...session, tokens: undefined } : session
        ),
        (after) =>
          after.tokens !== undefined
            ? Effect.succeed(after.tokens)
            : sharedFallback("sellerRefresh", "the refresh token was refused.")
      )
    })

    const issue = Effect.gen(function* () {
      const tokens = shared ? yield* sharedTokens : yield* ownTokens
      const remaining = Math.max(0, refreshAt(tokens) - (yield* Clock.currentTimeMillis))
      return { value: tokens, expiresInMs: remaining }
    })

    // `issue` already answers "until when", so the cache needs no extra margin of its own.
    const cache = yield* makeTokenCache(issue, () => 0)

    const get: Effect.Effect<PosTokens, MiaPosError> = Effect.gen(function* () {
      const cached = yield* cache.get
      const session = yield* current("sellerRefresh")
      // A login, logout or 401 since the cache filled (or, with a shared store, another process's
      // refresh) replaces the session's pair: follow it.
      if (sameTokens(session.tokens, cached)) return cached
      yield* cache.invalidate(cached)
      return yield* cache.get
    })

    const invalidate = (tokens: PosTokens) =>
      Effect.zipRight(
        Effect.ignore(
          update("sellerRefresh", (session) =>
            sameTokens(session.tokens, tokens)
              ? { ...session, tokens: { ...tokens, accessTokenExpiresAt: 0 } }
              : session
          )
        ),
        cache.invalidate(tokens)
      )

    const forceRefresh = Effect.gen(function* () {
      const session = yield* current("sellerRefresh")
      if (session.tokens === undefined)
        return yield* fallback("sellerRefresh", "no seller is logged in on this terminal.")
      yield* invalidate(session.tokens)
      return yield* get
    })

    const validTokens = Effect.flatMap(current("sellerLogout"), (session) =>
      Effect.map(Clock.currentTimeMillis, (now) =>
        session.tokens !== undefined && now < session.tokens.accessTokenExpiresAt ? session.tokens : undefined
      )
    )

    return {
      current,
      update,
      activationId,
      tokens: { get, invalidate },
      login,
      forceRefresh,
      validTokens
    } satisfies PosSessionManager
  })
