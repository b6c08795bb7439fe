import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { MiaError } from "../../errors/index.js"
import { MiaApiError } from "../../errors/mia-api-error.js"
import { MiaAuthError } from "../../errors/mia-auth-error.js"
import { MiaResponseError } from "../../errors/mia-response-error.js"
import type { Auth } from "./auth.js"
import { makeTokenCache, type TokenCache } from "./token-cache.js"

/**
 * An access token of the MIA APIs (QR and RTP share it), as cached by the client.
 *
 * @example
 * const token: MiaAccessToken = yield* client.getAccessToken
 * Redacted.value(token.accessToken) // "eyJ..."
 */
export interface MiaAccessToken {
  readonly accessToken: Redacted.Redacted<string>
  readonly tokenType: string
  /** Lifetime in seconds, as issued. */
  readonly expiresIn: number
}

interface TokenAnswer {
  readonly accessToken: string
  readonly expiresIn: number
  readonly tokenType?: string | undefined
}

const isUnauthorized = (error: MiaError): error is MiaApiError =>
  error instanceof MiaApiError && error.status === 401

/** Credentials refused at the token endpoint are final; 429/5xx stay retryable `MiaApiError`s. */
const tokenRefusal = (error: MiaError): MiaError =>
  error instanceof MiaApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 429 &&
  error.status !== 404
    ? new MiaAuthError({
        operation: "token",
        status: error.status,
        errors: error.errors,
        message: `token: maib refused the credentials (HTTP ${error.status}${error.code ? `, ${error.code}` : ""}). Check clientId and clientSecret, and that they belong to the environment (sandbox or production) you call.`
      })
    : error

/** A second 401, with a token issued moments ago, means the project itself is not allowed. */
const finalUnauthorized = (error: MiaError): MiaError =>
  isUnauthorized(error)
    ? new MiaAuthError({
        operation: error.operation,
        status: 401,
        errors: error.errors,
        message: `${error.operation}: maib answered 401 even with a freshly issued token. Check that the project has MIA access in this environment.`
      })
    : error

const unusable = () =>
  new MiaResponseError({
    operation: "token",
    status: 200,
    reason: "unexpected_result",
    bodySnippet: "",
    message: "token: the bank answered without a usable token (empty accessToken or non-positive expiresIn)."
  })

/** The bearer-token auth of one client, with its token cache (whose requests live in the scope). */
export interface BearerTokenAuth {
  readonly auth: Auth<MiaError>
  readonly tokens: TokenCache<MiaAccessToken, MiaError>
}

/**
 * Where the MIA access token is issued, cached and refreshed: a single-flight cache refreshed
 * before expiry, failures never cached, and on a 401 the token is forgotten and the request
 * made once more with a new one.
 */
export const makeBearerTokenAuth = (issue: Effect.Effect<TokenAnswer, MiaError>) =>
  Effect.map(
    makeTokenCache(
      issue.pipe(
        Effect.filterOrFail((answer) => answer.accessToken !== "" && answer.expiresIn > 0, unusable),
        Effect.mapError(tokenRefusal),
        Effect.map((answer) => ({
          value: {
            accessToken: Redacted.make(answer.accessToken),
            tokenType: answer.tokenType ?? "Bearer",
            expiresIn: answer.expiresIn
          } satisfies MiaAccessToken,
          expiresInMs: answer.expiresIn * 1000
        }))
      )
    ),
    (tokens): BearerTokenAuth => {
      // The header is made once per token, not per request.
      let headersFor: MiaAccessToken | undefined
      let bearer: Readonly<Record<string, string>> = {}
      const headers = Effect.map(tokens.get, (token) => {
        if (token !== headersFor) {
          bearer = { authorization: `Bearer ${Redacted.value(token.accessToken)}` }
          headersFor = token
        }
        return bearer
      })
      return {
        tokens,
        auth: {
          headers,
          isRefusal: isUnauthorized,
          renew: (used) =>
            used === bearer && headersFor !== undefined ? tokens.invalidate(headersFor) : Effect.void,
          finalRefusal: finalUnauthorized
        }
      }
    }
  )
