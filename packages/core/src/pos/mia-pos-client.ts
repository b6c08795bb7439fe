import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeMiaPosClient, makeMiaPosClientWithHttpClient } from "./make-client.js"
import type { MiaPosClientOptions } from "./options.js"
import type { MiaPosClientService } from "./service.js"

/**
 * Options of `MiaPosClient.layerConfig()` that do not come from the environment.
 *
 * @example
 * MiaPosClient.layerConfig({ sessionStore: createFilePosSessionStore("./pos-session.json") })
 */
export type MiaPosClientConfigOverrides = Omit<
  MiaPosClientOptions,
  "baseUrl" | "device" | "terminalActivationId" | "seller"
>

/**
 * The environment variables `MiaPosClient.layerConfig` reads: `MIAPOS_BASE_URL`,
 * `MIAPOS_INSTALLATION_ID`, `MIAPOS_POS_APP_VERSION` (required); `MIAPOS_DEVICE` (default
 * `mia-sdk`), `MIAPOS_PLATFORM_TYPE` (default `external_system`), `MIAPOS_PLATFORM_VERSION`,
 * `MIAPOS_NATIVE_APP_VERSION`, `MIAPOS_TERMINAL_ACTIVATION_ID`, `MIAPOS_SELLER_USERNAME` and
 * `MIAPOS_SELLER_PASSWORD` (read with `Config.Redacted`).
 *
 * @example
 * const options = yield* miaPosClientConfig
 */
export const miaPosClientConfig: Config.Config<
  Pick<MiaPosClientOptions, "baseUrl" | "device" | "terminalActivationId" | "seller">
> = Config.all({
  baseUrl: Config.String("MIAPOS_BASE_URL"),
  installationId: Config.String("MIAPOS_INSTALLATION_ID"),
  posAppVersion: Config.Int("MIAPOS_POS_APP_VERSION"),
  device: Config.String("MIAPOS_DEVICE").pipe(Config.withDefault("mia-sdk")),
  platformType: Config.Literals(["ios", "android", "web", "external_system"], "MIAPOS_PLATFORM_TYPE").pipe(
    Config.withDefault("external_system" as const)
  ),
  platformVersion: Config.option(Config.String("MIAPOS_PLATFORM_VERSION")),
  nativeAppVersion: Config.option(Config.Int("MIAPOS_NATIVE_APP_VERSION")),
  terminalActivationId: Config.option(Config.String("MIAPOS_TERMINAL_ACTIVATION_ID")),
  username: Config.option(Config.String("MIAPOS_SELLER_USERNAME")),
  password: Config.option(Config.Redacted("MIAPOS_SELLER_PASSWORD"))
}).pipe(
  Config.map((config) => ({
    baseUrl: config.baseUrl,
    device: {
      device: config.device,
      platformType: config.platformType,
      platformVersion: Option.getOrUndefined(config.platformVersion),
      installationId: config.installationId,
      nativeAppVersion: Option.getOrUndefined(config.nativeAppVersion),
      posAppVersion: config.posAppVersion
    },
    terminalActivationId: Option.getOrUndefined(config.terminalActivationId),
    seller:
      Option.isSome(config.username) && Option.isSome(config.password)
        ? { username: config.username.value, password: config.password.value }
        : undefined
  }))
)

/**
 * The MiaPos terminal API as an Effect service. Provide it with `MiaPosClient.layer(options)` or
 * `MiaPosClient.layerConfig()` (both call `fetch` directly), or `MiaPosClient.layerHttpClient(options)`
 * to go through the `HttpClient` of `effect/http`. Spans are named verb-first
 * (`MiaPosClient.createQr`, `MiaPosClient.openShift`, ...).
 *
 * @example
 * import { Effect } from "effect"
 * import { MiaPosClient } from "@mia-sdk/core"
 *
 * const PosLive = MiaPosClient.layerConfig()
 *
 * const program = Effect.gen(function* () {
 *   const pos = yield* MiaPosClient
 *   const qr = yield* pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 125.5 })
 *   yield* Effect.log(`Show ${qr.qrText}`)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(PosLive)))
 */
export class MiaPosClient extends Context.Service<MiaPosClient, MiaPosClientService>()(
  "@mia-sdk/core/MiaPosClient"
) {
  /**
   * A layer from explicit options. The pipeline and the session live as long as the layer.
   *
   * @example
   * const PosLive = MiaPosClient.layer({ baseUrl, device, sessionStore })
   */
  static layer(options: MiaPosClientOptions): Layer.Layer<MiaPosClient, MiaValidationError> {
    return Layer.effect(MiaPosClient, makeMiaPosClient(options))
  }

  /**
   * A layer whose requests go through the `HttpClient` in the context (after
   * `options.transformClient`): for middleware, proxies and HTTP client spans.
   *
   * @example
   * import { FetchHttpClient } from "effect/http"
   *
   * const PosLive = MiaPosClient.layerHttpClient({ baseUrl, device }).pipe(Layer.provide(FetchHttpClient.layer))
   */
  static layerHttpClient(
    options: MiaPosClientOptions
  ): Layer.Layer<MiaPosClient, MiaValidationError, HttpClient.HttpClient> {
    return Layer.effect(MiaPosClient, makeMiaPosClientWithHttpClient(options))
  }

  /**
   * A layer from the environment (see {@link miaPosClientConfig}), with optional overrides.
   *
   * @example
   * const PosLive = MiaPosClient.layerConfig({ timeoutMs: 10_000 })
   */
  static layerConfig(
    overrides?: MiaPosClientConfigOverrides
  ): Layer.Layer<MiaPosClient, MiaValidationError | Config.ConfigError> {
    return Layer.effect(
      MiaPosClient,
      Effect.flatMap(miaPosClientConfig, (config) => makeMiaPosClient({ ...overrides, ...config }))
    )
  }

  /**
   * A layer with a hand-written implementation, for testing code that uses the service.
   * Groups or operations you leave out die with a message naming them.
   *
   * @example
   * const TestPos = MiaPosClient.layerTest({
   *   shift: { check: () => Effect.succeed({ isOpen: true, shiftId: "1", raw: {} }) }
   * })
   */
  static layerTest(
    implementation: {
      readonly [K in keyof MiaPosClientService]?: Partial<MiaPosClientService[K]>
    }
  ): Layer.Layer<MiaPosClient> {
    const missing = (name: string) => () =>
      Effect.die(new Error(`MiaPosClient.layerTest: ${name} is not implemented`))
    const group = (name: string, value: object) =>
      new Proxy(value, {
        get: (target, key: string) =>
          key in target ? target[key as keyof typeof target] : missing(`${name}.${key}`)
      })
    const service = new Proxy(implementation, {
      get: (target, key: string) => {
        const value = target[key as keyof typeof target]
        return typeof value === "object" && value !== null
          ? group(key, value)
          : value === undefined
            ? group(key, {})
            : value
      }
    }) as MiaPosClientService
    return Layer.succeed(MiaPosClient, service)
  }
}
