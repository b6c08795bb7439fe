import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import type { MiaValidationError } from "../errors/mia-validation-error.js"
import { miaQrClientConfig } from "../qr/mia-qr-client.js"
import { makeMiaRtpClient, makeMiaRtpClientWithHttpClient } from "./make-client.js"
import type { MiaRtpClientOptions } from "./options.js"
import type { MiaRtpClientService } from "./service.js"

/**
 * Options of `MiaRtpClient.layerConfig()` that do not come from the environment.
 *
 * @example
 * MiaRtpClient.layerConfig({ timeoutMs: 10_000 })
 */
export type MiaRtpClientConfigOverrides = Omit<
  MiaRtpClientOptions,
  "clientId" | "clientSecret" | "signatureKey" | "environment" | "baseUrl"
>

/**
 * The MIA RTP (request to pay) API as an Effect service. Provide it with
 * `MiaRtpClient.layer(options)` or `MiaRtpClient.layerConfig()` (both call `fetch`), or
 * `MiaRtpClient.layerHttpClient(options)` to go through the `HttpClient` of `effect/http`.
 *
 * @example
 * import { Effect } from "effect"
 * import { MiaRtpClient } from "@mia-sdk/core"
 *
 * const RtpLive = MiaRtpClient.layerConfig()
 *
 * const program = Effect.gen(function* () {
 *   const rtp = yield* MiaRtpClient
 *   const { rtpId } = yield* rtp.createRtp({
 *     alias: "37369112221", amount: 150, description: "Invoice #123", orderId: "123",
 *     expiresAt: new Date(Date.now() + 60 * 60_000), callbackUrl: "https://shop.md/mia/callback"
 *   })
 *   yield* Effect.log(`Request ${rtpId} sent to the payer's phone`)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(RtpLive)))
 */
export class MiaRtpClient extends Context.Service<MiaRtpClient, MiaRtpClientService>()(
  "@mia-sdk/core/MiaRtpClient"
) {
  /**
   * A layer from explicit options. The pipeline and the token cache are built once and live as
   * long as the layer.
   *
   * @example
   * const RtpLive = MiaRtpClient.layer({ clientId, clientSecret: Redacted.make(secret), environment: "sandbox" })
   */
  static layer(options: MiaRtpClientOptions): Layer.Layer<MiaRtpClient, MiaValidationError> {
    return Layer.effect(MiaRtpClient, makeMiaRtpClient(options))
  }

  /**
   * A layer whose requests go through the `HttpClient` in the context (after
   * `options.transformClient`): for middleware, proxies and HTTP client spans.
   *
   * @example
   * import { FetchHttpClient } from "effect/http"
   *
   * const RtpLive = MiaRtpClient.layerHttpClient({ clientId, clientSecret }).pipe(Layer.provide(FetchHttpClient.layer))
   */
  static layerHttpClient(
    options: MiaRtpClientOptions
  ): Layer.Layer<MiaRtpClient, MiaValidationError, HttpClient.HttpClient> {
    return Layer.effect(MiaRtpClient, makeMiaRtpClientWithHttpClient(options))
  }

  /**
   * A layer from the environment: the same `MIA_CLIENT_ID`, `MIA_CLIENT_SECRET`,
   * `MIA_SIGNATURE_KEY`, `MIA_BASE_URL` / `MIA_ENV` variables as `MiaQrClient.layerConfig`
   * (one credential set serves both), with optional non-secret overrides.
   *
   * @example
   * const RtpLive = MiaRtpClient.layerConfig({ timeoutMs: 10_000 })
   */
  static layerConfig(
    overrides: MiaRtpClientConfigOverrides = {}
  ): Layer.Layer<MiaRtpClient, MiaValidationError | Config.ConfigError> {
    return Layer.effect(
      MiaRtpClient,
      Effect.gen(function* () {
        const config = yield* miaQrClientConfig
        return yield* makeMiaRtpClient({ ...overrides, ...config })
      })
    )
  }

  /**
   * A layer with a hand-written implementation, for testing code that uses the service.
   * Operations you leave out die with a message naming them.
   *
   * @example
   * const TestRtp = MiaRtpClient.layerTest({ getRtp: (rtpId) => Effect.succeed({ rtpId, status: "Accepted" }) })
   */
  static layerTest(implementation: Partial<MiaRtpClientService>): Layer.Layer<MiaRtpClient> {
    const missing = (name: string) => Effect.die(`MiaRtpClient.layerTest: ${name} is not implemented`)
    const fallback: MiaRtpClientService = {
      baseUrl: "https://mia-sdk.test",
      getAccessToken: missing("getAccessToken"),
      createRtp: () => missing("createRtp"),
      getRtp: () => missing("getRtp"),
      listRtps: () => missing("listRtps"),
      allRtps: () => Stream.die(new Error("MiaRtpClient.layerTest: allRtps is not implemented")),
      cancelRtp: () => missing("cancelRtp"),
      refundRtp: () => missing("refundRtp"),
      testAccept: () => missing("testAccept"),
      testReject: () => missing("testReject"),
      verifyCallback: () => missing("verifyCallback")
    }
    return Layer.succeed(MiaRtpClient, { ...fallback, ...implementation })
  }
}
