import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeMiaQrClient, makeMiaQrClientWithHttpClient } from "./make-client.js"
import type { MiaQrClientOptions } from "./options.js"
import type { MiaQrClientService } from "./service.js"

/**
 * Options of `MiaQrClient.layerConfig()` that do not come from the environment.
 *
 * @example
 * MiaQrClient.layerConfig({ timeoutMs: 10_000 })
 */
export type MiaQrClientConfigOverrides = Omit<
  MiaQrClientOptions,
  "clientId" | "clientSecret" | "signatureKey" | "environment" | "baseUrl"
>

/**
 * The environment variables `layerConfig` reads: `MIA_CLIENT_ID`, `MIA_CLIENT_SECRET`,
 * `MIA_SIGNATURE_KEY` (optional), and `MIA_BASE_URL` or `MIA_ENV` (`sandbox` | `production`,
 * default `sandbox`). Secrets are read as `Redacted`.
 *
 * @example
 * const options = yield* miaQrClientConfig
 */
export const miaQrClientConfig: Config.Config<
  Pick<MiaQrClientOptions, "clientId" | "clientSecret" | "signatureKey" | "environment" | "baseUrl">
> = Config.all({
  clientId: Config.String("MIA_CLIENT_ID"),
  clientSecret: Config.Redacted("MIA_CLIENT_SECRET"),
  signatureKey: Config.option(Config.Redacted("MIA_SIGNATURE_KEY")),
  baseUrl: Config.option(Config.String("MIA_BASE_URL")),
  environment: Config.Literals(["sandbox", "production"], "MIA_ENV").pipe(
    Config.withDefault("sandbox" as const)
  )
}).pipe(
  Config.map((config) => ({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    signatureKey: Option.getOrUndefined(config.signatureKey),
    baseUrl: Option.getOrUndefined(config.baseUrl),
    environment: config.environment
  }))
)

/**
 * The MIA QR API as an Effect service. Provide it with `MiaQrClient.layer(options)` or
 * `MiaQrClient.layerConfig()` (both call `fetch`), or `MiaQrClient.layerHttpClient(options)` to go
 * through the `HttpClient` of `effect/http`.
 *
 * @example
 * import { Effect } from "effect"
 * import { MiaQrClient } from "@mia-sdk/core"
 *
 * const MiaLive = MiaQrClient.layerConfig()
 *
 * const program = Effect.gen(function* () {
 *   const mia = yield* MiaQrClient
 *   const qr = yield* mia.createQr({
 *     type: "Dynamic", amountType: "Fixed", amount: 50, description: "Order #123",
 *     orderId: "123", expiresAt: new Date(Date.now() + 15 * 60_000)
 *   })
 *   yield* Effect.log(`Show ${qr.url}`)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(MiaLive)))
 */
export class MiaQrClient extends Context.Service<MiaQrClient, MiaQrClientService>()(
  "@mia-sdk/core/MiaQrClient"
) {
  /**
   * A layer from explicit options. The pipeline and the token cache are built once and live as
   * long as the layer.
   *
   * @example
   * const MiaLive = MiaQrClient.layer({ clientId, clientSecret: Redacted.make(secret), environment: "sandbox" })
   */
  static layer(options: MiaQrClientOptions): Layer.Layer<MiaQrClient, MiaValidationError> {
    return Layer.effect(MiaQrClient, makeMiaQrClient(options))
  }

  /**
   * A layer whose requests go through the `HttpClient` in the context (after
   * `options.transformClient`): for middleware, proxies and HTTP client spans.
   *
   * @example
   * import { FetchHttpClient } from "effect/http"
   *
   * const MiaLive = MiaQrClient.layerHttpClient({ clientId, clientSecret }).pipe(Layer.provide(FetchHttpClient.layer))
   */
  static layerHttpClient(
    options: MiaQrClientOptions
  ): Layer.Layer<MiaQrClient, MiaValidationError, HttpClient.HttpClient> {
    return Layer.effect(MiaQrClient, makeMiaQrClientWithHttpClient(options))
  }

  /**
   * A layer from the environment (see {@link miaQrClientConfig}), with optional non-secret overrides.
   *
   * @example
   * const MiaLive = MiaQrClient.layerConfig({ timeoutMs: 10_000 })
   */
  static layerConfig(
    overrides: MiaQrClientConfigOverrides = {}
  ): Layer.Layer<MiaQrClient, MiaValidationError | Config.ConfigError> {
    return Layer.effect(
      MiaQrClient,
      Effect.gen(function* () {
        const config = yield* miaQrClientConfig
        return yield* makeMiaQrClient({ ...overrides, ...config })
      })
    )
  }

  /**
   * A layer with a hand-written implementation, for testing code that uses the service.
   * Operations you leave out die with a message naming them.
   *
   * @example
   * const TestMia = MiaQrClient.layerTest({ getQr: (qrId) => Effect.succeed({ qrId, status: "Paid", type: "Dynamic" }) })
   */
  static layerTest(implementation: Partial<MiaQrClientService>): Layer.Layer<MiaQrClient> {
    const missing = (name: string) => Effect.die(`MiaQrClient.layerTest: ${name} is not implemented`)
    const fallback: MiaQrClientService = {
      baseUrl: "https://mia-sdk.test",
      getAccessToken: missing("getAccessToken"),
      createQr: () => missing("createQr"),
      createHybridQr: () => missing("createHybridQr"),
      createExtension: () => missing("createExtension"),
      cancelQr: () => missing("cancelQr"),
      cancelExtension: () => missing("cancelExtension"),
      refundPayment: () => missing("refundPayment"),
      listQrs: () => missing("listQrs"),
      getQr: () => missing("getQr"),
      listExtensions: () => missing("listExtensions"),
      listPayments: () => missing("listPayments"),
      getPayment: () => missing("getPayment"),
      testPay: () => missing("testPay"),
      allQrs: () => Stream.die(new Error("MiaQrClient.layerTest: allQrs is not implemented")),
      allPayments: () => Stream.die(new Error("MiaQrClient.layerTest: allPayments is not implemented")),
      verifyCallback: () => missing("verifyCallback")
    }
    return Layer.succeed(MiaQrClient, { ...fallback, ...implementation })
  }
}
