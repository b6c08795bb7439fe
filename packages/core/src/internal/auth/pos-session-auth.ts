import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import type * as Scope from "effect/Scope"
import { MiaApiError } from "../../errors/mia-api-error.js"
import { MiaAuthError } from "../../errors/mia-auth-error.js"
import type { MiaPosError } from "../../pos/errors/index.js"
import { MiaPosResultError } from "../../pos/errors/pos-result-error.js"
import { MiaPosSessionError } from "../../pos/errors/pos-session-error.js"
import type { PosTokens } from "../../pos/session/session.js"
import type { Auth } from "./auth.js"
import { activationOf, type PosSessionState, sameTokens } from "./pos-session-state.js"
import { makeTokenCache } from "./token-cache.js"

/** Lifetime assumed when the API leaves `accessTokenExpiresIn` out (the vendor's e-comm API uses 300 s). */
const DEFAULT_LIFETIME_MS = 300_000

/** Seller credentials as the session keeps them: the password stays redacted. */
export interface SellerLogin {
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/** The token pair of a login or refresh answer; `accessTokenExpiresIn` is in seconds. */
export interface TokenPairAnswer {
  readonly accessToken: string
  readonly refreshToken: string
  readonly accessTokenExpiresIn?: number | undefined
}

export interface PosSessionAuthConfig {
  readonly session: PosSessionState
  /** With credentials the client logs in by itself when it has no usable pair. */
  readonly seller: SellerLogin | undefined
  readonly refreshSkewMs: number
  /** `POST seller/login`, without touching the session. */
  readonly login: (
    terminalActivationId: string,
    seller: SellerLogin
  ) => Effect.Effect<TokenPairAnswer, MiaPosError>
  /** `POST seller/refresh`, without touching the session. */
  readonly refresh: (
    terminalActivationId: string,
    refreshToken: string
  ) => Effect.Effect<TokenPairAnswer, MiaPosError>
}

/** The MiaPos seller session as the pipeline's auth, plus the explicit login and refresh. */
export interface PosSessionAuth {
  /** For requests that need the seller: a usable pair, refreshed (or logged in again) as needed. */
  readonly bearer: Auth<MiaPosError>
  /** Sends the stored access token while it is valid, and nothing otherwise; never renews (logout). */
  readonly ifValid: Auth<MiaPosError>
  /** Logs in with `seller` and stores the pair. */
  readonly login: (operation: string, seller: SellerLogin) => Effect.Effect<PosTokens, MiaPosError>
  /** Refreshes now, whatever the expiry. */
  readonly forceRefresh: Effect.Effect<PosTokens, MiaPosError>
}

/** The bank refused the access token: HTTP 401, whatever the body says. */
const isUnauthorized = (error: MiaPosError): boolean =>
  (error instanceof MiaApiError || error instanceof MiaPosResultError) && error.status === 401

/** A refusal of the refresh token (as opposed to a network problem or a bank outage). */
const isRefreshRefusal = (error: MiaPosError): boolean =>
  error instanceof MiaAuthError ||
  ((error instanceof MiaPosResultError || error instanceof MiaApiError) && !error.retryable)

/** What a shared store's lock decided about the tokens. */
type Renewal =
  | { readonly _tag: "fresh"; readonly tokens: PosTokens }
  | { readonly _tag: "refused"; readonly tokens: PosTokens }
  | { readonly _tag: "missing" }

const loginRequired = (operation: string, why: string) =>
  new MiaPosSessionError({
    operation,
    reason: "login_required",
    message: `${operation}: ${why} Log the seller in with seller.login({ username, password }), or give the client seller credentials so it can log in by itself.`
  })

const NO_HEADERS: Readonly<Record<string, string>> = {}

/**
 * Where the MiaPos access token is refreshed. The pair is reused until shortly before expiry,
 * then refreshed with `/seller/refresh` once for all concurrent callers; only when the refresh
 * token is refused does the client log in again (with its `seller` credentials) or fail with
 * `login_required`. A 401 marks the pair expired, so the pipeline's one retry gets a refreshed
 * pair. With a shared store (it has `exclusive`) every decision is taken inside its lock on the
 * stored pair, so a rotation by another process is adopted, never refreshed again.
 * Needs the client's `Scope` for the background token requests.
 */
export const makePosSessionAuth = (
  config: PosSessionAuthConfig
): Effect.Effect<PosSessionAuth, never, Scope.Scope> =>
  Effect.gen(function* () {
    const { session } = config

    const refreshAt = (tokens: PosTokens): number => {
      const lifetime =
        tokens.accessTokenIssuedAt === undefined
          ? undefined
          : tokens.accessTokenExpiresAt - tokens.accessTokenIssuedAt
      const skew =
        lifetime === undefined ? config.refreshSkewMs : Math.min(config.refreshSkewMs, lifetime / 10)
      return tokens.accessTokenExpiresAt - skew
    }

    const toTokens = (answer: TokenPairAnswer, now: number): PosTokens => {
      const seconds = answer.accessTokenExpiresIn
      const lifetimeMs = seconds !== undefined && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS
      return {
        accessToken: answer.accessToken,
        refreshToken: answer.refreshToken,
        accessTokenExpiresAt: now + lifetimeMs,
        accessTokenIssuedAt: now
      }
    }

    const storeTokens = (operation: string, answer: TokenPairAnswer) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const tokens = toTokens(answer, now)
        return Effect.as(
          session.update(operation, (current) => ({ ...current, tokens })),
          tokens
        )
      })

    const login = (operation: string, seller: SellerLogin) =>
      Effect.flatMap(session.activationId(operation, undefined), (id) =>
        Effect.flatMap(config.login(id, seller), (answer) => storeTokens(operation, answer))
      )

    const dropTokens = (operation: string) =>
      Effect.ignore(
        session.update(operation, (current) =>
          current.tokens === undefined ? current : { ...current, tokens: undefined }
        )
      )

    /** Re-login with the configured seller, or the typed "log in" failure. */
    const fallback = (operation: string, why: string) =>
      config.seller !== undefined
        ? login(operation, config.seller)
        : Effect.andThen(dropTokens(operation), Effect.fail(loginRequired(operation, why)))

    const refreshWith = (operation: string, tokens: PosTokens) =>
      Effect.flatMap(session.activationId(operation, undefined), (id) =>
        config.refresh(id, tokens.refreshToken).pipe(
          Effect.flatMap((answer) => storeTokens(operation, answer)),
          Effect.catchIf(isRefreshRefusal, () => fallback(operation, "the refresh token was refused."))
        )
      )

    const ownTokens = Effect.gen(function* () {
      const current = yield* session.current("sellerRefresh")
      const now = yield* Clock.currentTimeMillis
      const stored = current.tokens
      if (stored !== undefined && now < refreshAt(stored)) return stored
      if (stored !== undefined) return yield* refreshWith("sellerRefresh", stored)
      return yield* fallback("sellerLogin", "no seller is logged in on this terminal.")
    })

    /**
     * Shared store, inside its lock: the stored pair while it is fresh (another process may just
     * have rotated it: adopted, never refreshed again), else refreshed and saved.
     */
    const renewShared: Effect.Effect<Renewal, MiaPosError> = Effect.gen(function* () {
      const current = yield* session.load("sellerRefresh")
      const stored = current.tokens
      if (stored === undefined) return { _tag: "missing" } as const
      if ((yield* Clock.currentTimeMillis) < refreshAt(stored))
        return { _tag: "fresh", tokens: stored } as const
      const id = yield* activationOf("sellerRefresh", current)
      const answer = yield* Effect.result(config.refresh(id, stored.refreshToken))
      if (Result.isFailure(answer)) {
        if (isRefreshRefusal(answer.failure)) return { _tag: "refused", tokens: stored } as const
        return yield* Effect.fail(answer.failure)
      }
      const tokens = toTokens(answer.success, yield* Clock.currentTimeMillis)
      yield* session.save("sellerRefresh", { ...current, tokens })
      return { _tag: "fresh", tokens } as const
    })

    /** Shared store: no pair, or a refused one; never drops a pair another process stored meanwhile. */
    const sharedFallback = (operation: string, why: string) =>
      config.seller !== undefined
        ? login(operation, config.seller)
        : Effect.fail(loginRequired(operation, why))

    const sharedTokens = Effect.flatMap(session.locked("sellerRefresh", renewShared), (renewal) => {
      if (renewal._tag === "fresh") return Effect.succeed(renewal.tokens)
      if (renewal._tag === "missing")
        return sharedFallback("sellerLogin", "no seller is logged in on this terminal.")
      const refused = renewal.tokens
      return Effect.flatMap(
        session.update("sellerRefresh", (current) =>
          sameTokens(current.tokens, refused) ? { ...current, tokens: undefined } : current
        ),
        (after) =>
          after.tokens !== undefined
            ? Effect.succeed(after.tokens)
            : sharedFallback("sellerRefresh", "the refresh token was refused.")
      )
    })

    const issue = Effect.gen(function* () {
      const tokens = session.shared ? yield* sharedTokens : yield* ownTokens
      const remaining = Math.max(0, refreshAt(tokens) - (yield* Clock.currentTimeMillis))
      return { value: tokens, expiresInMs: remaining }
    })

    // `issue` already answers "until when", so the cache needs no extra margin of its own.
    const cache = yield* makeTokenCache(issue, () => 0)

    const get: Effect.Effect<PosTokens, MiaPosError> = Effect.gen(function* () {
      const cached = yield* cache.get
      const current = yield* session.current("sellerRefresh")
      // A login, logout or 401 since the cache filled (or, with a shared store, another process's
      // refresh) replaces the session's pair: follow it.
      if (sameTokens(current.tokens, cached)) return cached
      yield* cache.invalidate(cached)
      return yield* cache.get
    })

    const invalidate = (tokens: PosTokens) =>
      Effect.andThen(
        Effect.ignore(
          session.update("sellerRefresh", (current) =>
            sameTokens(current.tokens, tokens)
              ? { ...current, tokens: { ...tokens, accessTokenExpiresAt: 0 } }
              : current
          )
        ),
        cache.invalidate(tokens)
      )

    const forceRefresh = Effect.gen(function* () {
      const current = yield* session.current("sellerRefresh")
      if (current.tokens === undefined)
        return yield* fallback("sellerRefresh", "no seller is logged in on this terminal.")
      yield* invalidate(current.tokens)
      return yield* get
    })

    // Headers are made once per pair; the pair behind used headers is what a 401 invalidates.
    const headersOf = new WeakMap<PosTokens, Readonly<Record<string, string>>>()
    const tokensOf = new WeakMap<Readonly<Record<string, string>>, PosTokens>()
    const bearerHeaders = (tokens: PosTokens): Readonly<Record<string, string>> => {
      let headers = headersOf.get(tokens)
      if (headers === undefined) {
        headers = { authorization: `Bearer ${tokens.accessToken}` }
        headersOf.set(tokens, headers)
        tokensOf.set(headers, tokens)
      }
      return headers
    }

    const validTokens = Effect.flatMap(session.current("sellerLogout"), (current) =>
      Effect.map(Clock.currentTimeMillis, (now) =>
        current.tokens !== undefined && now < current.tokens.accessTokenExpiresAt ? current.tokens : undefined
      )
    )

    return {
      bearer: {
        headers: Effect.map(get, bearerHeaders),
        isRefusal: isUnauthorized,
        renew: (used) => {
          const tokens = tokensOf.get(used)
          return tokens === undefined ? Effect.void : invalidate(tokens)
        },
        finalRefusal: (error) => error
      },
      ifValid: {
        headers: Effect.map(validTokens, (tokens) =>
          tokens === undefined ? NO_HEADERS : bearerHeaders(tokens)
        ),
        isRefusal: () => false,
        renew: () => Effect.void,
        finalRefusal: (error) => error
      },
      login,
      forceRefresh
    } satisfies PosSessionAuth
  })
