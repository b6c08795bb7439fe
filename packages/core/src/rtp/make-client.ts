import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeHttpClientTransport } from "../internal/http/http-client-transport.js"
import type { Transport } from "../internal/http/http-types.js"
import { operationMethod } from "../internal/pipeline/pipeline.js"
import { orFail } from "../internal/validation.js"
import { MIA_HEADERS, miaFetchTransport } from "../qr/make-client.js"
import { makeMiaPipeline } from "../qr/mia-pipeline.js"
import { paginate } from "../qr/paginate.js"
import { type ResolvedMiaOptions, resolveMiaOptions } from "../qr/resolve-options.js"
import { makeRtpOperations } from "./operations.js"
import type { MiaRtpClientOptions } from "./options.js"
import type { MiaRtpClientService } from "./service.js"
import { verifyMiaRtpCallback } from "./verify-callback.js"

/**
 * Builds the MIA RTP service on a transport from resolved options: the RTP operation table run by
 * the single pipeline with the MIA bearer-token auth. The token requests live in the surrounding
 * `Scope`.
 */
export const buildMiaRtpClient = (
  config: ResolvedMiaOptions,
  transport: Transport
): Effect.Effect<MiaRtpClientService, never, Scope.Scope> =>
  Effect.gen(function* () {
    const operations = makeRtpOperations(config)
    const { pipeline, bearer } = yield* makeMiaPipeline(config, transport, "MiaRtpClient")

    const listRtps = operationMethod(pipeline, operations.listRtps, 1)
    const signatureKey = config.signatureKey === undefined ? "" : Redacted.value(config.signatureKey)

    return {
      baseUrl: config.baseUrl,
      getAccessToken: bearer.tokens.get,
      createRtp: operationMethod(pipeline, operations.createRtp, 1),
      getRtp: operationMethod(pipeline, operations.getRtp, 1),
      listRtps,
      allRtps: (query) => paginate(query, listRtps),
      cancelRtp: operationMethod(pipeline, operations.cancelRtp, 2),
      refundRtp: operationMethod(pipeline, operations.refundRtp, 2),
      testAccept: operationMethod(pipeline, operations.testAccept, 2),
      testReject: operationMethod(pipeline, operations.testReject, 1),
      verifyCallback: (body) => Effect.promise(() => verifyMiaRtpCallback(body, signatureKey))
    } satisfies MiaRtpClientService
  })

/** Validates options once, for every way of building an RTP client. */
export const resolveRtpOrFail = (
  options: MiaRtpClientOptions
): Effect.Effect<ResolvedMiaOptions, MiaValidationError> =>
  orFail("createMiaRtpClient", resolveMiaOptions(options))

/**
 * Builds a MIA RTP client (Effect API) that calls `fetch` (`options.fetch`, else
 * `globalThis.fetch` at call time). The token requests live in the surrounding `Scope`.
 *
 * @example
 * import { Effect } from "effect"
 * import { makeMiaRtpClient } from "@mia-sdk/core"
 *
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const rtp = yield* makeMiaRtpClient({ clientId: "…", clientSecret: "…", environment: "sandbox" })
 *   return yield* rtp.getRtp("123e4567-e89b-12d3-a456-426614174000")
 * }))
 */
export const makeMiaRtpClient = (
  options: MiaRtpClientOptions
): Effect.Effect<MiaRtpClientService, MiaValidationError, Scope.Scope> =>
  Effect.flatMap(resolveRtpOrFail(options), (config) => buildMiaRtpClient(config, miaFetchTransport(config)))

/**
 * Builds a MIA RTP client whose requests go through the `HttpClient` of `effect/http` from the
 * context (after `options.transformClient`), for middleware, proxies and HTTP client spans.
 *
 * @example
 * import { Effect } from "effect"
 * import { FetchHttpClient } from "effect/http"
 * import { makeMiaRtpClientWithHttpClient } from "@mia-sdk/core"
 *
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const rtp = yield* makeMiaRtpClientWithHttpClient({ clientId: "…", clientSecret: "…" })
 *   return yield* rtp.listRtps({ status: "Accepted" })
 * })).pipe(Effect.provide(FetchHttpClient.layer))
 */
export const makeMiaRtpClientWithHttpClient = (
  options: MiaRtpClientOptions
): Effect.Effect<MiaRtpClientService, MiaValidationError, HttpClient.HttpClient | Scope.Scope> =>
  Effect.flatMap(resolveRtpOrFail(options), (config) =>
    Effect.flatMap(
      makeHttpClientTransport({
        baseUrl: config.baseUrl,
        headers: MIA_HEADERS,
        transformClient: config.transformClient
      }),
      (transport) => buildMiaRtpClient(config, transport)
    )
  )
