import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeFetchExecutor } from "../internal/fetch-executor.js"
import { type HttpExecutor, makeHttpExecutor } from "../internal/http-executor.js"
import { orFail } from "../internal/validation.js"
import { makeActivationApi } from "./internal/operations/activation.js"
import type { PosContext } from "./internal/operations/context.js"
import { makeQrApi, makeQrV1Api } from "./internal/operations/qr.js"
import { makeReportsApi } from "./internal/operations/reports.js"
import { makeAuthRequests, makeSellerApi, makeSessionApi } from "./internal/operations/seller.js"
import { makeSettingsApi } from "./internal/operations/settings.js"
import { makeShiftApi } from "./internal/operations/shift.js"
import { makeTransactionsApi } from "./internal/operations/transactions.js"
import { makePosTransport, posDefaultHeaders } from "./internal/pos-transport.js"
import { type ResolvedPosOptions, resolvePosOptions } from "./internal/resolve-options.js"
import { makePosSessionManager, type PosSessionManager } from "./internal/session-manager.js"
import type { MiaPosClientOptions } from "./options.js"
import type { MiaPosClientService } from "./service.js"

const build = (config: ResolvedPosOptions, execute: HttpExecutor) =>
  Effect.gen(function* () {
    // The transport needs the session for bearer tokens, and the session needs the transport
    // for login and refresh: the late binding breaks the cycle.
    let sessionManager: PosSessionManager | undefined
    const send = makePosTransport(config, execute, () => sessionManager!)
    const auth = makeAuthRequests({ send })
    sessionManager = yield* makePosSessionManager({
      store: config.store,
      terminalActivationId: config.terminalActivationId,
      seller: config.seller,
      refreshSkewMs: config.refreshSkewMs,
      login: auth.login,
      refresh: auth.refresh
    })
    const context: PosContext = { send, session: sessionManager, config }
    return {
      baseUrl: config.baseUrl,
      routes: config.routes,
      activation: makeActivationApi(context),
      seller: makeSellerApi(context),
      session: makeSessionApi(context),
      shift: makeShiftApi(context),
      qr: makeQrApi(context),
      qrV1: makeQrV1Api(context),
      reports: makeReportsApi(context),
      transactions: makeTransactionsApi(context),
      settings: makeSettingsApi(context)
    } satisfies MiaPosClientService
  })

/**
 * Builds a MiaPos client: validates the options, then assembles the request pipeline and the
 * session (store, single-flight token refresh) once. Calls `fetch` directly (`options.fetch`, a
 * `FetchHttpClient.Fetch` in the context, or `globalThis.fetch` at call time). Needs a `Scope`
 * that owns background token requests.
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
  Effect.gen(function* () {
    const config = yield* orFail("createMiaPosClient", resolvePosOptions(options))
    const fromContext = yield* Effect.serviceOption(FetchHttpClient.Fetch)
    const execute = makeFetchExecutor({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      headers: posDefaultHeaders(config),
      fetch: options.fetch ?? Option.getOrUndefined(fromContext)
    })
    return yield* build(config, execute)
  })

/**
 * Builds a MiaPos client whose requests go through `@effect/platform`'s `HttpClient` from the
 * context (after `options.transformClient`), for middleware, proxies and HTTP client spans.
 * Costs more per call than {@link makeMiaPosClient}.
 *
 * @example
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect } from "effect"
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
  Effect.gen(function* () {
    const config = yield* orFail("createMiaPosClient", resolvePosOptions(options))
    const execute = yield* makeHttpExecutor({
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      headers: posDefaultHeaders(config),
      transformClient: config.transformClient
    })
    return yield* build(config, execute)
  })
