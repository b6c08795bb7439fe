import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { makeMiaPosClient, makeMiaPosClientWithHttpClient } from "./make-client.js"
import type { PosPlatformType } from "./model/common.js"
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
 * `MIAPOS_SELLER_PASSWORD` (read with `Config.redacted`).
 *
 * @example
 * const options = yield* miaPosClientConfig
 */
export const miaPosClientConfig: Config.Config<
  Pick<MiaPosClientOptions, "baseUrl" | "device" | "terminalActivationId" | "seller">
> = Config.all({
  baseUrl: Config.string("MIAPOS_BASE_URL"),
  installationId: Config.string("MIAPOS_INSTALLATION_ID"),
  posAppVersion: Config.integer("MIAPOS_POS_APP_VERSION"),
  device: Config.string("MIAPOS_DEVICE").pipe(Config.withDefault("mia-sdk")),
  platformType: Config.literal(
    "ios",
    "android",
    "web",
    "external_system"
  )("MIAPOS_PLATFORM_TYPE").pipe(Config.withDefault<PosPlatformType>("external_system")),
  platformVersion: Config.option(Config.string("MIAPOS_PLATFORM_VERSION")),
  nativeAppVersion: Config.option(Config.integer("MIAPOS_NATIVE_APP_VERSION")),
  terminalActivationId: Config.option(Config.string("MIAPOS_TERMINAL_ACTIVATION_ID")),
  username: Config.option(Config.string("MIAPOS_SELLER_USERNAME")),
  password: Config.option(Config.redacted("MIAPOS_SELLER_PASSWORD"))
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
 * `MiaPosClient.layerConfig()` (both call `fetch` directly; a `FetchHttpClient.Fetch` in the
 * context is used when present), or `MiaPosClient.layerHttpClient(options)` to go through an
 * `@effect/platform` `HttpClient`.
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
export class MiaPosClient extends Context.Tag("@mia-sdk/core/MiaPosClient")<
  MiaPosClient,
  MiaPosClientService
>() {
  /**
   * A layer from explicit options. The pipeline and the session live as long as the layer.
   *
   * @example
   * const PosLive = MiaPosClient.layer({ baseUrl, device, sessionStore })
   */
  static layer(options: MiaPosClientOptions): Layer.Layer<MiaPosClient, MiaValidationError> {
    return Layer.scoped(MiaPosClient, makeMiaPosClient(options))
  }

  /**
   * A layer whose requests go through the `HttpClient` in the context (after
   * `options.transformClient`), for its middleware and HTTP spans.
   *
   * @example
   * const PosLive = MiaPosClient.layerHttpClient({ baseUrl, device }).pipe(Layer.provide(FetchHttpClient.layer))
   */
  static layerHttpClient(
    options: MiaPosClientOptions
  ): Layer.Layer<MiaPosClient, MiaValidationError, HttpClient.HttpClient> {
    return Layer.scoped(MiaPosClient, makeMiaPosClientWithHttpClient(options))
  }

  /**
   * A layer from the environment (see {@link miaPosClientConfig}), with optional overrides.
   *
   * @example
   * const PosLive = MiaPosClient.layerConfig({ timeoutMs: 10_000 })
   */
  static layerConfig(
    overrides: MiaPosClientConfigOverrides = {}
  ): Layer.Layer<MiaPosClient, MiaValidationError | ConfigError.ConfigError> {
    return Layer.scoped(
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
      Effect.dieMessage(`MiaPosClient.layerTest: ${name} is not implemented`)
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
