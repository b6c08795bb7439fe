import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { verifyMiaCallback } from "../callback/verify-callback.js"
import type { MiaError } from "../errors/index.js"
import { MiaApiError } from "../errors/mia-api-error.js"
import { MiaAuthError } from "../errors/mia-auth-error.js"
import { MiaResponseError } from "../errors/mia-response-error.js"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeFetchTransport, type StartRequest } from "../internal/fetch-executor.js"
import { afterTokenAttempt, withFreshTokenRetry } from "../internal/fresh-token-retry.js"
import {
  type HttpExecutor,
  type HttpReply,
  type HttpRequestSpec,
  makeHttpExecutor
} from "../internal/http-executor.js"
import { unwrapMiaEnvelope, wireResultDecoder } from "../internal/mia-envelope.js"
import { isBuiltInTracer, withOperationSpan } from "../internal/operation-span.js"
import { retryAfter, withRetry } from "../internal/retry-policy.js"
import { makeTokenCache } from "../internal/token-cache.js"
import { transientFailure } from "../internal/transient-failure.js"
import { type Issue, orFail, withValid } from "../internal/validation.js"
import { makeCallPlans, type QrCallPlan } from "./call-plans.js"
import { makeDirectCalls, registerDirectCalls } from "./direct-call.js"
import type { MiaQrClientOptions } from "./options.js"
import { DEFAULT_PAGE_SIZE } from "./prepare/list-query.js"
import { type ResolvedQrOptions, resolveQrOptions } from "./resolve-options.js"
import { decodeTokenResult } from "./schemas/token.js"
import type { MiaAccessToken, MiaQrClientService } from "./service.js"

const decodeToken = wireResultDecoder(decodeTokenResult, { sensitive: true })

const isUnauthorized = (error: MiaError): boolean => error instanceof MiaApiError && error.status === 401

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
        operation: (error as MiaApiError).operation,
        status: 401,
        errors: (error as MiaApiError).errors,
        message: `${(error as MiaApiError).operation}: maib answered 401 even with a freshly issued token. Check that the project has MIA QR access in this environment.`
      })
    : error

const ACCEPT_JSON = { accept: "application/json" } as const

/**
 * Builds a MIA QR client on a given executor: assembles the request pipeline once
 * (executor -> bearer token -> envelope -> retries for GETs -> result schema) and the token cache,
 * whose requests live in the surrounding `Scope`. With the `fetch` transport's `start`, the
 * Promise client's direct path is attached to the service too (see `direct-call.ts`).
 */
const build = (
  config: ResolvedQrOptions,
  execute: HttpExecutor,
  start?: StartRequest
): Effect.Effect<MiaQrClientService, never, Scope.Scope> =>
  Effect.gen(function* () {
    const issueToken = Effect.suspend(() =>
      execute({
        operation: "token",
        method: "POST",
        path: "/v2/auth/token",
        body: { clientId: Redacted.value(config.clientId), clientSecret: Redacted.value(config.clientSecret) }
      })
    ).pipe(
      Effect.flatMap((reply) =>
        Either.flatMap(unwrapMiaEnvelope("token", reply, true), (result) =>
          decodeToken("token", result, reply.status)
        )
      ),
      Effect.filterOrFail(
        (result) => result.accessToken !== "" && result.expiresIn > 0,
        () =>
          new MiaResponseError({
            operation: "token",
            status: 200,
            reason: "unexpected_result",
            bodySnippet: "",
            message:
              "token: the bank answered without a usable token (empty accessToken or non-positive expiresIn)."
          })
      ),
      Effect.mapError(tokenRefusal),
      (effect) => withRetry(effect, config.retry, transientFailure),
      Effect.map((result) => ({
        value: {
          accessToken: Redacted.make(result.accessToken),
          tokenType: result.tokenType ?? "Bearer",
          expiresIn: result.expiresIn
        } satisfies MiaAccessToken,
        expiresInMs: result.expiresIn * 1000
      })),
      withOperationSpan("MiaQrClient.token")
    )
    const tokens = yield* makeTokenCache(issueToken)
    const plans = makeCallPlans(config)

    // The header is made once per token, not per request.
    let headersFor: MiaAccessToken | undefined
    let bearer: Readonly<Record<string, string>> = {}
    const authorized = (spec: HttpRequestSpec, token: MiaAccessToken): HttpRequestSpec => {
      if (token !== headersFor) {
        bearer = { authorization: `Bearer ${Redacted.value(token.accessToken)}` }
        headersFor = token
      }
      return { ...spec, headers: bearer }
    }

    const interpret = <A>(plan: QrCallPlan<A>, reply: HttpReply): Either.Either<A, MiaError> => {
      const { operation } = plan.spec
      return Either.flatMap(unwrapMiaEnvelope(operation, reply), (result) =>
        plan.decode(operation, result, reply.status)
      )
    }

    const attempt =
      <A>(plan: QrCallPlan<A>) =>
      (token: MiaAccessToken): Effect.Effect<A, MiaError> =>
        Effect.flatMap(execute(authorized(plan.spec, token)), (reply) => interpret(plan, reply))

    const call = <A>(plan: QrCallPlan<A>): Effect.Effect<A, MiaError> => {
      const once = withFreshTokenRetry(tokens, attempt(plan), isUnauthorized)
      return Effect.mapError(
        plan.retry ? withRetry(once, config.retry, transientFailure) : once,
        finalUnauthorized
      )
    }

    // `call` after its first attempt (made by the direct path with `token`) failed with `error`.
    const continueAfter = <A>(
      plan: QrCallPlan<A>,
      token: MiaAccessToken,
      error: MiaError
    ): Effect.Effect<A, MiaError> => {
      const send = attempt(plan)
      const rest = afterTokenAttempt(tokens, send, isUnauthorized, token, error)
      return Effect.mapError(
        plan.retry
          ? Effect.catchAll(rest, (failure) =>
              retryAfter(
                failure,
                0,
                withFreshTokenRetry(tokens, send, isUnauthorized),
                config.retry,
                transientFailure
              )
            )
          : rest,
        finalUnauthorized
      )
    }

    const run = <A>(operation: string, plan: QrCallPlan<A> | Issue): Effect.Effect<A, MiaError> =>
      withValid(operation, plan, call)

    const span = (operation: string, attributes?: Record<string, unknown>) =>
      withOperationSpan(`MiaQrClient.${operation}`, attributes)

    const now = Clock.currentTimeMillis

    const listQrs: MiaQrClientService["listQrs"] = (filter) =>
      run("listQrs", plans.listQrs(filter)).pipe(span("listQrs"))

    const listPayments: MiaQrClientService["listPayments"] = (filter) =>
      run("listPayments", plans.listPayments(filter)).pipe(span("listPayments"))

    const paginate = <
      F extends { readonly offset?: number | undefined; readonly count?: number | undefined },
      A
    >(
      filter: F | undefined,
      list: (
        filter: F
      ) => Effect.Effect<{ readonly totalCount: number; readonly items: ReadonlyArray<A> }, MiaError>
    ): Stream.Stream<A, MiaError> =>
      Stream.paginateChunkEffect(filter?.offset ?? 0, (offset) =>
        Effect.map(list({ ...(filter as F), offset, count: filter?.count ?? DEFAULT_PAGE_SIZE }), (page) => {
          const next = offset + page.items.length
          const more = page.items.length > 0 && next < page.totalCount
          return [Chunk.fromIterable(page.items), more ? Option.some(next) : Option.none()] as const
        })
      )

    const service: MiaQrClientService = {
      baseUrl: config.baseUrl,
      getAccessToken: tokens.get,

      createQr: (input) =>
        Effect.flatMap(now, (nowMs) => run("createQr", plans.createQr(input, nowMs))).pipe(span("createQr")),

      createHybridQr: (input) =>
        Effect.flatMap(now, (nowMs) => run("createHybridQr", plans.createHybridQr(input, nowMs))).pipe(
          span("createHybridQr")
        ),

      createExtension: (qrId, input) =>
        Effect.flatMap(now, (nowMs) =>
          run("createExtension", plans.createExtension(qrId, input, nowMs))
        ).pipe(span("createExtension", { "mia.qr_id": qrId })),

      cancelQr: (qrId, input) =>
        run("cancelQr", plans.cancelQr(qrId, input)).pipe(span("cancelQr", { "mia.qr_id": qrId })),

      cancelExtension: (qrId, input) =>
        run("cancelExtension", plans.cancelExtension(qrId, input)).pipe(
          span("cancelExtension", { "mia.qr_id": qrId })
        ),

      refundPayment: (payId, input, options) =>
        run("refundPayment", plans.refundPayment(payId, input, options)).pipe(
          span("refundPayment", {
            "mia.pay_id": payId,
            "mia.refund_path": options?.path ?? config.refundPath
          })
        ),

      listQrs,

      getQr: (qrId) => run("getQr", plans.getQr(qrId)).pipe(span("getQr", { "mia.qr_id": qrId })),

      listPayments,

      getPayment: (payId) =>
        run("getPayment", plans.getPayment(payId)).pipe(span("getPayment", { "mia.pay_id": payId })),

      testPay: (input) => run("testPay", plans.testPay(input)).pipe(span("testPay")),

      allQrs: (filter) => paginate(filter, listQrs),
      allPayments: (filter) => paginate(filter, listPayments),

      verifyCallback: (body) =>
        Effect.promise(() =>
          verifyMiaCallback(
            body,
            config.signatureKey === undefined ? "" : Redacted.value(config.signatureKey)
          )
        )
    }

    // Only without a real tracer: the direct path runs no span, which is invisible then anyway.
    const traced = yield* Effect.tracerWith((tracer) => Effect.succeed(!isBuiltInTracer(tracer)))
    if (start !== undefined && !traced) {
      registerDirectCalls(
        service,
        makeDirectCalls({
          plans,
          runtime: yield* Effect.runtime<never>(),
          start,
          timeoutMs: config.timeoutMs,
          peekToken: tokens.peek,
          authorized,
          interpret,
          continueAfter
        })
      )
    }
    return service
  })

const resolve = (options: MiaQrClientOptions) => orFail("createMiaQrClient", resolveQrOptions(options))

/**
 * Builds a MIA QR client that calls `fetch` directly (the lean, default transport): `options.fetch`,
 * else a `FetchHttpClient.Fetch` from the context, else `globalThis.fetch` at call time.
 * The token requests live in the surrounding `Scope`.
 *
 * @example
 * import { Effect } from "effect"
 * import { makeMiaQrClient } from "@mia-sdk/core"
 *
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const mia = yield* makeMiaQrClient({ clientId: "…", clientSecret: "…", environment: "sandbox" })
 *   return yield* mia.getQr("c3108b2f-6c2e-43a2-bdea-123456789012")
 * }))
 */
export const makeMiaQrClient = (
  options: MiaQrClientOptions
): Effect.Effect<MiaQrClientService, MiaValidationError, Scope.Scope> =>
  Effect.gen(function* () {
    const config = yield* resolve(options)
    const fromContext = yield* Effect.serviceOption(FetchHttpClient.Fetch)
    const transport = makeFetchTransport({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      headers: ACCEPT_JSON,
      fetch: options.fetch ?? Option.getOrUndefined(fromContext)
    })
    return yield* build(config, transport.execute, transport.start)
  })

/**
 * Builds a MIA QR client that sends its requests through `@effect/platform`'s `HttpClient` from
 * the context (after `options.transformClient`), for middleware, proxies and HTTP client spans.
 * Costs more per call than {@link makeMiaQrClient}.
 *
 * @example
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * import { makeMiaQrClientWithHttpClient } from "@mia-sdk/core"
 *
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const mia = yield* makeMiaQrClientWithHttpClient({ clientId: "…", clientSecret: "…" })
 *   return yield* mia.listQrs({ status: "Active" })
 * })).pipe(Effect.provide(FetchHttpClient.layer))
 */
export const makeMiaQrClientWithHttpClient = (
  options: MiaQrClientOptions
): Effect.Effect<MiaQrClientService, MiaValidationError, HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function* () {
    const config = yield* resolve(options)
    const execute = yield* makeHttpExecutor({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      headers: ACCEPT_JSON,
      transformClient: config.transformClient
    })
    return yield* build(config, execute)
  })
