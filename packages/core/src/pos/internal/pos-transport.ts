import * as Effect from "effect/Effect"
import { MiaValidationError } from "../../errors/mia-validation-error.js"
import { withFreshTokenRetry } from "../../internal/fresh-token-retry.js"
import type { HttpExecutor } from "../../internal/http-executor.js"
import { withRetry } from "../../internal/retry-policy.js"
import type { MiaPosError } from "../errors/index.js"
import { expandPosPath, type PosOperation } from "../routes.js"
import type { PosTokens } from "../session/session.js"
import { interpretPosReply, isUnauthorizedAnswer } from "./pos-reply.js"
import type { ResolvedPosOptions } from "./resolve-options.js"
import type { PosSessionManager } from "./session-manager.js"

/**
 * Operations that are safe to send twice: reads, and login (a second login only opens another
 * session). Activation sends an SMS, refresh rotates the token, the rest move money or state.
 */
const SAFE_OPERATIONS: ReadonlySet<PosOperation> = new Set<PosOperation>([
  "terminalInfo",
  "sellerLogin",
  "sellerInfo",
  "shiftCheck",
  "qrListActive",
  "qrGet",
  "qrExtensionCheck",
  "qrV1Check",
  "zReportV1",
  "zReport",
  "xReport",
  "receipt",
  "transactionList",
  "transactionDetails",
  "settingsGet"
])

/**
 * One MiaPos call before routing: which operation, its ids, query and body, and how it authenticates.
 *
 * @example
 * const request: PosRequest = { operation: "qrGet", params: { qrId }, auth: "bearer" }
 */
export interface PosRequest {
  readonly operation: PosOperation
  /** Ids the route template may use; those it does not use are sent as query parameters. */
  readonly params?: Readonly<Record<string, string>> | undefined
  /** Ids the route template may use; those it does not use are dropped (they travel in the body). */
  readonly pathOnly?: Readonly<Record<string, string>> | undefined
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  readonly body?: unknown
  /** `bearer`: needs the seller's token; `optional`: sends it when a valid one is stored; `none`. */
  readonly auth: "bearer" | "optional" | "none"
  /** The answer carries tokens: keep it out of errors. */
  readonly sensitive?: boolean | undefined
}

/**
 * Sends one request through the pipeline and returns the answer's JSON object.
 *
 * @example
 * const body = yield* send({ operation: "shiftCheck", auth: "bearer" })
 */
export type PosSend = (request: PosRequest) => Effect.Effect<Record<string, unknown>, MiaPosError>

const retryDecision = (error: MiaPosError) => ({
  retry: error.retryable,
  retryAfterMs: "retryAfterMs" in error ? error.retryAfterMs : undefined
})

/**
 * The headers every MiaPos request carries: JSON accept and the device headers.
 *
 * @example
 * const execute = makeFetchExecutor({ baseUrl, timeoutMs, headers: posDefaultHeaders(config) })
 */
export const posDefaultHeaders = (config: ResolvedPosOptions): Readonly<Record<string, string>> => ({
  accept: "application/json",
  ...config.deviceHeaders
})

/**
 * Builds the MiaPos request pipeline once per client over an executor: route table -> path and
 * query -> a fresh `X-CORRELATION-ID` per attempt -> bearer token (one refresh and retry on
 * 401) -> answer interpretation -> retries for safe operations only.
 *
 * @example
 * const send = makePosTransport(config, execute, () => session)
 */
export const makePosTransport =
  (config: ResolvedPosOptions, execute: HttpExecutor, session: () => PosSessionManager): PosSend =>
  (request) => {
    const { operation } = request
    const route = config.routes[operation]
    const params = { ...request.pathOnly, ...request.params }
    const path = expandPosPath(route.path, params)
    if (typeof path !== "string") {
      return Effect.fail(
        new MiaValidationError({
          operation,
          field: `routes.${operation}`,
          rule: "path_placeholder",
          message: `${operation}: the route ${route.path} uses {${path.missing}}, which this operation does not have. Available: ${
            Object.keys(params)
              .map((name) => `{${name}}`)
              .join(", ") || "none"
          }.`
        })
      )
    }
    const query: Record<string, string | undefined> = { ...request.query }
    for (const [name, value] of Object.entries(request.params ?? {})) {
      if (!route.path.includes(`{${name}}`)) query[name] = value
    }
    const attempt = (tokens: PosTokens | undefined) =>
      Effect.suspend(() =>
        execute({
          operation,
          method: route.method,
          path,
          query,
          body: request.body,
          headers: {
            "x-correlation-id": crypto.randomUUID(),
            ...(tokens === undefined ? {} : { authorization: `Bearer ${tokens.accessToken}` })
          }
        })
      ).pipe(Effect.flatMap((reply) => interpretPosReply(operation, reply, request.sensitive === true)))

    const once: Effect.Effect<Record<string, unknown>, MiaPosError> = request.auth === "bearer"
      ? withFreshTokenRetry(session().tokens, attempt, isUnauthorizedAnswer)
      : request.auth === "optional"
        ? Effect.flatMap(session().validTokens, attempt)
        : attempt(undefined)
    return SAFE_OPERATIONS.has(operation) ? withRetry(once, config.retry, retryDecision) : once
  }
