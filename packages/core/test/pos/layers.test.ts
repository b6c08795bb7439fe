import { ConfigProvider, Effect, Exit, Layer, Redacted } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { MiaPosClient, miaPosClientConfig } from "../../src/index.js"
import { testDevice } from "./helpers/device.js"
import { BASE_URL, loggedInStore, ok } from "./helpers/msw-pos.js"

const environment = {
  MIAPOS_BASE_URL: BASE_URL,
  MIAPOS_INSTALLATION_ID: testDevice.installationId,
  MIAPOS_POS_APP_VERSION: "12",
  MIAPOS_TERMINAL_ACTIVATION_ID: "e559d17a-a29b-49c0-878b-af3de2495d39",
  MIAPOS_SELLER_USERNAME: "ana",
  MIAPOS_SELLER_PASSWORD: "hunter2"
}

describe("MiaPosClient.layerConfig", () => {
  const bodies: Array<unknown> = []
  const headers: Array<Headers> = []
  const server = setupServer(
    http.post(`${BASE_URL}/pos/api/v1/seller/login`, async ({ request }) => {
      bodies.push(await request.json())
      return HttpResponse.json(
        ok({ authTokens: { accessToken: "a", refreshToken: "r", accessTokenExpiresIn: 300 } })
      )
    }),
    http.get(`${BASE_URL}/pos/api/v1/shift/check`, ({ request }) => {
      headers.push(request.headers)
      return HttpResponse.json(ok({ isOpen: false }))
    })
  )
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterAll(() => server.close())

  it("reads the environment, keeps the password redacted, and logs in by itself", async () => {
    const provider = ConfigProvider.fromEnv({ env: environment })
    const config = await Effect.runPromise(
      Effect.provideService(miaPosClientConfig, ConfigProvider.ConfigProvider, provider)
    )
    expect(config.device).toMatchObject({
      device: "mia-sdk",
      platformType: "external_system",
      posAppVersion: 12
    })
    expect(Redacted.isRedacted(config.seller?.password)).toBe(true)
    expect(String(config.seller?.password)).not.toContain("hunter2")

    const layer = MiaPosClient.layerConfig({ maxRetries: 0 }).pipe(
      Layer.provide(ConfigProvider.layer(provider))
    )
    const shift = await Effect.runPromise(
      Effect.provide(
        Effect.flatMap(MiaPosClient, (pos) => pos.shift.check()),
        layer
      )
    )
    expect(shift.isOpen).toBe(false)
    expect(bodies).toEqual([
      { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39", username: "ana", password: "hunter2" }
    ])
    expect(headers[0]?.get("x-device")).toBe("mia-sdk")
  })

  it("fails to build with a ConfigError when MIAPOS_BASE_URL is missing", async () => {
    const { MIAPOS_BASE_URL: _, ...partial } = environment
    const layer = MiaPosClient.layerConfig().pipe(
      Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: partial })))
    )
    const exit = await Effect.runPromiseExit(Effect.provide(MiaPosClient, layer))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(String(exit)).toContain("MIAPOS_BASE_URL")
  })
})

describe("MiaPosClient.layer", () => {
  it("fails to build with the MiaValidationError of the options", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.provide(MiaPosClient, MiaPosClient.layer({ baseUrl: "http://bank.md", device: testDevice }))
    )
    expect(String(exit)).toContain("baseUrl must use https")
  })
})

describe("MiaPosClient.layerHttpClient", () => {
  const seen: Array<Headers> = []
  const server = setupServer(
    http.get(`${BASE_URL}/pos/api/v1/seller/info`, ({ request }) => {
      seen.push(request.headers)
      return HttpResponse.json({ sellerInfo: { id: 1, fullName: "Ana" } })
    })
  )
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterAll(() => server.close())

  it("sends through the context's HttpClient, after transformClient, with the same headers", async () => {
    const layer = MiaPosClient.layerHttpClient({
      baseUrl: BASE_URL,
      device: testDevice,
      sessionStore: loggedInStore(),
      transformClient: HttpClient.mapRequest(HttpClientRequest.setHeader("x-proxy", "on"))
    }).pipe(Layer.provide(FetchHttpClient.layer))
    const info = await Effect.runPromise(
      Effect.provide(
        Effect.flatMap(MiaPosClient, (pos) => pos.seller.info()),
        layer
      )
    )
    expect(info.seller).toEqual({ id: "1", fullName: "Ana" })
    expect(seen[0]?.get("x-proxy")).toBe("on")
    expect(seen[0]?.get("x-device")).toBe(testDevice.device)
    expect(seen[0]?.get("user-agent")).toMatch(/^mia-sdk\//)
    expect(seen[0]?.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/)
    expect(seen[0]?.get("authorization")).toBe("Bearer access-1")
  })
})

describe("MiaPosClient.layerTest", () => {
  it("serves the operations given and dies naming the ones left out", async () => {
    const layer = MiaPosClient.layerTest({
      shift: { check: () => Effect.succeed({ isOpen: true, shiftId: "1", raw: {} }) }
    })
    const shift = await Effect.runPromise(
      Effect.provide(
        Effect.flatMap(MiaPosClient, (pos) => pos.shift.check()),
        layer
      )
    )
    expect(shift.shiftId).toBe("1")
    const missing = await Effect.runPromiseExit(
      Effect.provide(
        Effect.flatMap(MiaPosClient, (pos) => pos.qr.listActive()),
        layer
      )
    )
    expect(String(missing)).toContain("qr.listActive is not implemented")
  })
})
