import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { verifyMiaCallback } from "../callback/verify-callback.js"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeFetchTransport } from "../internal/http/fetch-transport.js"
import { makeHttpClientTransport } from "../internal/http/http-client-transport.js"
import type { Transport } from "../internal/http/http-types.js"
import { operationMethod } from "../internal/pipeline/pipeline.js"
import { SDK_USER_AGENT } from "../internal/user-agent.js"
import { type Issue, orFail } from "../internal/validation.js"
import { makeMiaPipeline } from "./mia-pipeline.js"
import { makeQrOperations } from "./operations.js"
import type { MiaQrClientOptions } from "./options.js"
import { paginate } from "./paginate.js"
import { type ResolvedMiaOptions, type ResolvedQrOptions, resolveQrOptions } from "./resolve-options.js"
import type { MiaQrClientService } from "./service.js"

/** Sent on every MIA request; no `Content-Type` unless there is a body (maib's firewall). */
export const MIA_HEADERS = { accept: "application/json", "user-agent": SDK_USER_AGENT } as const

/**
 * Builds the MIA QR service on a transport from resolved options: the operation table run by the
 * single pipeline with bearer-token auth. The token requests live in the surrounding `Scope`.
 */
export const buildMiaQrClient = (
  config: ResolvedQrOptions,
  transport: Transport
): Effect.Effect<MiaQrClientService, never, Scope.Scope> =>
  Effect.gen(function* () {
    const operations = makeQrOperations(config)
    const { pipeline, bearer } = yield* makeMiaPipeline(config, transport, "MiaQrClient")

    const listQrs = operationMethod(pipeline, operations.listQrs, 1)
    const listPayments = operationMethod(pipeline, operations.listPayments, 1)
    const refundCurrent = operationMethod(pipeline, operations.refundPayment, 2)
    const refundLegacy = operationMethod(pipeline, operations.refundPaymentLegacy, 2)
    const signatureKey = config.signatureKey === undefined ? "" : Redacted.value(config.signatureKey)

    return {
      baseUrl: config.baseUrl,
      getAccessToken: bearer.tokens.get,
      createQr: operationMethod(pipeline, operations.createQr, 1),
      createHybridQr: operationMethod(pipeline, operations.createHybridQr, 1),
      createExtension: operationMethod(pipeline, operations.createExtension, 2),
      cancelQr: operationMethod(pipeline, operations.cancelQr, 2),
      cancelExtension: operationMethod(pipeline, operations.cancelExtension, 2),
      refundPayment: (payId, input, options) => {
        const path = options?.path ?? config.refundPath
        if (path === "current") return refundCurrent(payId, input)
        if (path === "legacy") return refundLegacy(payId, input)
        return orFail("refundPayment", invalidRefundPath(path))
      },
      listQrs,
      getQr: operationMethod(pipeline, operations.getQr, 1),
      listExtensions: operationMethod(pipeline, operations.listExtensions, 1),
      listPayments,
      getPayment: operationMethod(pipeline, operations.getPayment, 1),
      testPay: operationMethod(pipeline, operations.testPay, 1),
      allQrs: (filter) => paginate(filter, listQrs),
      allPayments: (filter) => paginate(filter, listPayments),
      verifyCallback: (body) => Effect.promise(() => verifyMiaCallback(body, signatureKey))
    } satisfies MiaQrClientService
  })

const invalidRefundPath = (path: unknown): Issue => ({
  field: "path",
  rule: "one_of",
  message: `path must be "current" or "legacy", got ${JSON.stringify(path)}.`
})

/** Validates options once, for every way of building a client. */
export const resolveOrFail = (
  options: MiaQrClientOptions
): Effect.Effect<ResolvedQrOptions, MiaValidationError> =>
  orFail("createMiaQrClient", resolveQrOptions(options))

/** The default transport of resolved options (QR or RTP): `fetch` with the MIA headers. */
export const miaFetchTransport = (config: ResolvedMiaOptions): Transport =>
  makeFetchTransport({ baseUrl: config.baseUrl, headers: MIA_HEADERS, fetch: config.fetch })

/**
 * Builds a MIA QR client (Effect API) that calls `fetch` (`options.fetch`, else
 * `globalThis.fetch` at call time). The token requests live in the surrounding `Scope`.
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
  Effect.flatMap(resolveOrFail(options), (config) => buildMiaQrClient(config, miaFetchTransport(config)))

/**
 * Builds a MIA QR client whose requests go through the `HttpClient` of `effect/http` from the
 * context (after `options.transformClient`), for middleware, proxies and HTTP client spans.
 *
 * @example
 * import { Effect } from "effect"
 * import { FetchHttpClient } from "effect/http"
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
  Effect.flatMap(resolveOrFail(options), (config) =>
    Effect.flatMap(
      makeHttpClientTransport({
        baseUrl: config.baseUrl,
        headers: MIA_HEADERS,
        transformClient: config.transformClient
      }),
      (transport) => buildMiaQrClient(config, transport)
    )
  )
