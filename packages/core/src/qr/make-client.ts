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
import { MiaValidationError } from "../errors/mia-validation-error.js"
import { withFreshTokenRetry } from "../internal/fresh-token-retry.js"
import { makeFetchExecutor } from "../internal/fetch-executor.js"
import { type HttpExecutor, type HttpRequestSpec, makeHttpExecutor } from "../internal/http-executor.js"
import { unwrapMiaEnvelope, wireResultDecoder } from "../internal/mia-envelope.js"
import { withOperationSpan } from "../internal/operation-span.js"
import { withRetry } from "../internal/retry-policy.js"
import { makeTokenCache } from "../internal/token-cache.js"
import { transientFailure } from "../internal/transient-failure.js"
import { checkId, orFail, withValid } from "../internal/validation.js"
import { MIA_BASE_URLS } from "./environment.js"
import type { MiaQrClientOptions } from "./options.js"
import { prepareCancelExtension, prepareCancelQr, prepareRefund } from "./prepare/cancel-refund.js"
import { prepareCreateQr } from "./prepare/create-qr.js"
import { prepareCreateHybridQr, prepareExtension } from "./prepare/extension.js"
import { DEFAULT_PAGE_SIZE, prepareListPayments, prepareListQrs } from "./prepare/list-query.js"
import { prepareTestPay } from "./prepare/test-pay.js"
import { type ResolvedQrOptions, resolveQrOptions } from "./resolve-options.js"
import { pageDecoder } from "./schemas/page.js"
import { decodePayment, decodeRefundResult, decodeTestPayResult } from "./schemas/payment.js"
import {
  decodeCancelQrResult,
  decodeCreateHybridQrResult,
  decodeCreateQrResult,
  decodeExtensionResult,
  decodeQrDetails
} from "./schemas/qr.js"
import { decodeTokenResult } from "./schemas/token.js"
import type { MiaAccessToken, MiaQrClientService } from "./service.js"

const decodeToken = wireResultDecoder(decodeTokenResult, { sensitive: true })
const decodeCreateQr = wireResultDecoder(decodeCreateQrResult)
const decodeCreateHybrid = wireResultDecoder(decodeCreateHybridQrResult)
const decodeExtension = wireResultDecoder(decodeExtensionResult)
const decodeCancelQr = wireResultDecoder(decodeCancelQrResult)
const decodeQr = wireResultDecoder(decodeQrDetails)
const decodeQrPage = wireResultDecoder(pageDecoder(decodeQrDetails))
const decodePaymentResult = wireResultDecoder(decodePayment)
const decodePaymentPage = wireResultDecoder(pageDecoder(decodePayment))
const decodeRefund = wireResultDecoder(decodeRefundResult)
const decodeTestPay = wireResultDecoder(decodeTestPayResult)

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

const path = (template: string, id: string) => template.replace("{id}", encodeURIComponent(id))

/**
 * Builds a MIA QR client on a given executor: assembles the request pipeline once
 * (executor -> bearer token -> envelope -> retries for GETs -> result schema) and the token cache,
 * whose requests live in the surrounding `Scope`.
 */
const build = (
  config: ResolvedQrOptions,
  execute: HttpExecutor
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

    const call = <A>(
      spec: HttpRequestSpec,
      decode: (operation: string, result: unknown, status: number) => Either.Either<A, MiaError>,
      retry: boolean
    ): Effect.Effect<A, MiaError> => {
      const { operation } = spec
      const once = withFreshTokenRetry(
        tokens,
        (token: MiaAccessToken) =>
          Effect.flatMap(
            execute({ ...spec, headers: { authorization: `Bearer ${Redacted.value(token.accessToken)}` } }),
            (reply) =>
              Either.flatMap(unwrapMiaEnvelope(operation, reply), (result) =>
                decode(operation, result, reply.status)
              )
          ),
        isUnauthorized
      )
      return Effect.mapError(
        retry ? withRetry(once, config.retry, transientFailure) : once,
        finalUnauthorized
      )
    }

    const span = (operation: string, attributes?: Record<string, unknown>) =>
      withOperationSpan(`MiaQrClient.${operation}`, attributes)

    const now = Clock.currentTimeMillis

    const listQrs: MiaQrClientService["listQrs"] = (filter) =>
      withValid("listQrs", prepareListQrs(filter), (query) =>
        call({ operation: "listQrs", method: "GET", path: "/v2/mia/qr", query }, decodeQrPage, true)
      ).pipe(span("listQrs"))

    const listPayments: MiaQrClientService["listPayments"] = (filter) =>
      withValid("listPayments", prepareListPayments(filter), (query) =>
        call(
          { operation: "listPayments", method: "GET", path: "/v2/mia/payments", query },
          decodePaymentPage,
          true
        )
      ).pipe(span("listPayments"))

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
        Effect.flatMap(now, (nowMs) => orFail("createQr", prepareCreateQr(input, nowMs))).pipe(
          Effect.flatMap((body) =>
            call({ operation: "createQr", method: "POST", path: "/v2/mia/qr", body }, decodeCreateQr, false)
          ),
          span("createQr")
        ),

      createHybridQr: (input) =>
        Effect.flatMap(now, (nowMs) => orFail("createHybridQr", prepareCreateHybridQr(input, nowMs))).pipe(
          Effect.flatMap((body) =>
            call(
              { operation: "createHybridQr", method: "POST", path: "/v2/mia/qr/hybrid", body },
              decodeCreateHybrid,
              false
            )
          ),
          span("createHybridQr")
        ),

      createExtension: (qrId, input) =>
        Effect.flatMap(now, (nowMs) =>
          orFail("createExtension", checkId("qrId", qrId) ?? prepareExtension("", input, undefined, nowMs))
        ).pipe(
          Effect.flatMap((body) =>
            call(
              {
                operation: "createExtension",
                method: "POST",
                path: path("/v2/mia/qr/{id}/extension", qrId),
                body
              },
              decodeExtension,
              false
            )
          ),
          span("createExtension", { "mia.qr_id": qrId })
        ),

      cancelQr: (qrId, input) =>
        orFail("cancelQr", checkId("qrId", qrId) ?? prepareCancelQr(input)).pipe(
          Effect.flatMap((body) =>
            call(
              { operation: "cancelQr", method: "POST", path: path("/v2/mia/qr/{id}/cancel", qrId), body },
              decodeCancelQr,
              false
            )
          ),
          span("cancelQr", { "mia.qr_id": qrId })
        ),

      cancelExtension: (qrId, input) =>
        orFail("cancelExtension", checkId("qrId", qrId) ?? prepareCancelExtension(input)).pipe(
          Effect.flatMap((body) =>
            call(
              {
                operation: "cancelExtension",
                method: "POST",
                path: path("/v2/mia/qr/{id}/extension/cancel", qrId),
                body
              },
              decodeExtension,
              false
            )
          ),
          span("cancelExtension", { "mia.qr_id": qrId })
        ),

      refundPayment: (payId, input, options) => {
        const refundPath = options?.path ?? config.refundPath
        const template = refundPath === "legacy" ? "/v2/mia/payments/{id}/refund" : "/v2/payments/{id}/refund"
        return orFail(
          "refundPayment",
          checkId("payId", payId) ??
            (refundPath === "current" || refundPath === "legacy"
              ? prepareRefund(input, refundPath)
              : {
                  field: "path",
                  rule: "one_of",
                  message: `path must be "current" or "legacy", got ${JSON.stringify(refundPath)}.`
                })
        ).pipe(
          Effect.flatMap((body) =>
            call(
              { operation: "refundPayment", method: "POST", path: path(template, payId), body },
              decodeRefund,
              false
            )
          ),
          span("refundPayment", { "mia.pay_id": payId, "mia.refund_path": refundPath })
        )
      },

      listQrs,

      getQr: (qrId) =>
        withValid("getQr", checkId("qrId", qrId) ?? qrId, (id) =>
          call({ operation: "getQr", method: "GET", path: path("/v2/mia/qr/{id}", id) }, decodeQr, true)
        ).pipe(span("getQr", { "mia.qr_id": qrId })),

      listPayments,

      getPayment: (payId) =>
        withValid("getPayment", checkId("payId", payId) ?? payId, (id) =>
          call(
            { operation: "getPayment", method: "GET", path: path("/v2/mia/payments/{id}", id) },
            decodePaymentResult,
            true
          )
        ).pipe(span("getPayment", { "mia.pay_id": payId })),

      testPay: (input) =>
        (config.baseUrl === MIA_BASE_URLS.production
          ? Effect.fail(
              new MiaValidationError({
                operation: "testPay",
                field: "environment",
                rule: "sandbox_only",
                message:
                  "testPay: payment simulation exists only in the sandbox; this client talks to production."
              })
            )
          : orFail("testPay", prepareTestPay(input))
        ).pipe(
          Effect.flatMap((body) =>
            call(
              { operation: "testPay", method: "POST", path: "/v2/mia/test-pay", body },
              decodeTestPay,
              false
            )
          ),
          span("testPay")
        ),

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
    const execute = makeFetchExecutor({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      headers: ACCEPT_JSON,
      fetch: options.fetch ?? Option.getOrUndefined(fromContext)
    })
    return yield* build(config, execute)
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
