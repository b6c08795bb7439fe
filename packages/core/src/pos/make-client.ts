import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import type * as Scope from "effect/Scope"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import type { Auth } from "../internal/auth/auth.js"
import { makePosSessionAuth } from "../internal/auth/pos-session-auth.js"
import { makePosSessionState } from "../internal/auth/pos-session-state.js"
import { makeFetchTransport } from "../internal/http/fetch-transport.js"
import { makeHttpClientTransport } from "../internal/http/http-client-transport.js"
import type { Transport } from "../internal/http/http-types.js"
import { makePipeline } from "../internal/pipeline/pipeline.js"
import { SDK_USER_AGENT } from "../internal/user-agent.js"
import { orFail } from "../internal/validation.js"
import type { MiaPosError } from "./errors/index.js"
import { makePosService } from "./internal/make-service.js"
import { makePosOperations, SELLER_AUTH, SELLER_IF_VALID_AUTH } from "./internal/operations.js"
import { posEnvelope } from "./internal/pos-reply.js"
import { type ResolvedPosOptions, resolvePosOptions } from "./internal/resolve-options.js"
import type { MiaPosClientOptions } from "./options.js"
import type { PosOperation } from "./routes.js"
import type { MiaPosClientService } from "./service.js"

// Each HTTP attempt is its own request for the bank, so each gets its own correlation id.
const correlationId = () => ({ "x-correlation-id": crypto.randomUUID() })

/**
 * Builds the MiaPos service on a transport from resolved options: the operation table run by
 * the single pipeline, with the seller session as its auth. Nothing is read from the session
 * store until the first call, so this completes synchronously; token requests live in the
 * surrounding `Scope`.
 */
export const buildMiaPosClient = (
  config: ResolvedPosOptions,
  transport: Transport
): Effect.Effect<MiaPosClientService, never, Scope.Scope> =>
  Effect.gen(function* () {
    const operations = makePosOperations(config)
    const auth: Record<string, Auth<MiaPosError>> = {}
    const pipeline = makePipeline<MiaPosError>({
      spanPrefix: "MiaPosClient",
      transport,
      timeoutMs: config.timeoutMs,
      retry: config.retry,
      envelope: posEnvelope,
      auth,
      attemptHeaders: correlationId,
      route: (name) => config.routes[name as PosOperation],
      logger: config.logger,
      tracer: config.tracer
    })
    const session = yield* makePosSessionState(config)
    const seller = yield* makePosSessionAuth({
      session,
      seller: config.seller,
      refreshSkewMs: config.refreshSkewMs,
      login: (terminalActivationId, credentials) =>
        pipeline.run(operations.sellerLogin, [terminalActivationId, credentials]),
      refresh: (terminalActivationId, refreshToken) =>
        pipeline.run(operations.sellerRefresh, [terminalActivationId, refreshToken])
    })
    auth[SELLER_AUTH] = seller.bearer
    auth[SELLER_IF_VALID_AUTH] = seller.ifValid
    return makePosService({ pipeline, operations, session, seller, config })
  })

/** Validates options once, for every way of building a client. */
export const resolveOrFail = (
  options: MiaPosClientOptions
): Effect.Effect<ResolvedPosOptions, MiaValidationError> =>
  orFail("createMiaPosClient", resolvePosOptions(options))

/** Sent on every request: JSON accept, the SDK's User-Agent and the device headers. */
const posHeaders = (config: ResolvedPosOptions) => ({
  accept: "application/json",
  "user-agent": SDK_USER_AGENT,
  ...config.deviceHeaders
})

/** The default transport: `fetch` with the MiaPos headers. */
export const posFetchTransport = (config: ResolvedPosOptions): Transport =>
  makeFetchTransport({ baseUrl: config.baseUrl, headers: posHeaders(config), fetch: config.fetch })

/**
 * Builds a MiaPos client: validates the options, then assembles the request pipeline and the
 * session (store, single-flight token refresh) once. Calls `fetch` directly (`options.fetch`,
 * else `globalThis.fetch` at call time). Needs a `Scope` that owns background token requests.
 *
 * @example
 * import { Effect } from "effect"
 * import { makeMiaPosClient } from "@mia-sdk/core"
 *
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const pos = yield* makeMiaPosClient({ baseUrl, device, seller: { username: "seller", password: "sandbox" } })
 *   return yield* pos.shift.check()
 * }))
 */
export const makeMiaPosClient = (
  options: MiaPosClientOptions
): Effect.Effect<MiaPosClientService, MiaValidationError, Scope.Scope> =>
  Effect.flatMap(resolveOrFail(options), (config) => buildMiaPosClient(config, posFetchTransport(config)))

/**
 * Builds a MiaPos client whose requests go through the `HttpClient` of `effect/http` from the
 * context (after `options.transformClient`), for middleware, proxies and HTTP client spans.
 *
 * @example
 * import { Effect } from "effect"
 * import { FetchHttpClient } from "effect/http"
 * import { makeMiaPosClientWithHttpClient } from "@mia-sdk/core"
 *
 * const program = Effect.scoped(Effect.gen(function* () {
 *   const pos = yield* makeMiaPosClientWithHttpClient({ baseUrl, device })
 *   return yield* pos.activation.terminalInfo()
 * })).pipe(Effect.provide(FetchHttpClient.layer))
 */
export const makeMiaPosClientWithHttpClient = (
  options: MiaPosClientOptions
): Effect.Effect<MiaPosClientService, MiaValidationError, HttpClient.HttpClient | Scope.Scope> =>
  Effect.flatMap(resolveOrFail(options), (config) =>
    Effect.flatMap(
      makeHttpClientTransport({
        baseUrl: config.baseUrl,
        headers: posHeaders(config),
        transformClient: config.transformClient
      }),
      (transport) => buildMiaPosClient(config, transport)
    )
  )
