import { ConfigProvider, Context, Effect, Layer, Redacted, Stream } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import { afterEach, describe, expect, it } from "vitest"
import {
  MiaRtpClient,
  type MiaRtpPromiseClient,
  MiaValidationError,
  makeMiaRtpClient,
  makeMiaRtpClientWithHttpClient
} from "../../src/index.js"
import { itEffect } from "../support/effect-test.js"
import { BASE_URL, CLIENT_ID, CLIENT_SECRET, fakeBank, ok } from "../qr/fake-bank.js"
import { createInput, RTP_ID, rtpClient, rtpDetails } from "./fixtures.js"

const bank = fakeBank()

const options = { clientId: CLIENT_ID, clientSecret: Redacted.make(CLIENT_SECRET), baseUrl: BASE_URL }

const serviceOf = <E>(layer: Layer.Layer<MiaRtpClient, E>) =>
  Effect.map(Layer.build(layer), (context) => Context.get(context, MiaRtpClient))

describe("Effect API", () => {
  itEffect(
    "MiaRtpClient.layer provides the service",
    Effect.gen(function* () {
      bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok(rtpDetails))
      const rtp = yield* Effect.flatMap(MiaRtpClient, (client) => client.getRtp(RTP_ID)).pipe(
        Effect.provide(MiaRtpClient.layer(options))
      )
      expect(rtp.status).toBe("Created")
      expect(bank.apiCalls()[0]?.headers.authorization).toBe("Bearer token-1")
    })
  )

  itEffect(
    "makeMiaRtpClient: failures are typed values; invalid options fail with a MiaValidationError",
    Effect.gen(function* () {
      const client = yield* makeMiaRtpClient(options)
      const invalid = yield* Effect.flip(client.createRtp({ ...createInput(), alias: "+37369112221" }))
      expect(invalid).toBeInstanceOf(MiaValidationError)
      expect(bank.recorded).toHaveLength(0)
      const badOptions = yield* Effect.flip(makeMiaRtpClient({ ...options, baseUrl: "http://bank.example" }))
      expect(badOptions).toMatchObject({ operation: "createMiaRtpClient", field: "baseUrl", rule: "https" })
    })
  )

  itEffect(
    "layerConfig reads the same MIA_* variables as the QR client",
    Effect.gen(function* () {
      bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok(rtpDetails))
      const provider = ConfigProvider.fromEnv({
        env: {
          MIA_CLIENT_ID: CLIENT_ID,
          MIA_CLIENT_SECRET: CLIENT_SECRET,
          MIA_SIGNATURE_KEY: "key",
          MIA_ENV: "production",
          MIA_BASE_URL: BASE_URL
        }
      })
      const client = yield* serviceOf(
        MiaRtpClient.layerConfig().pipe(Layer.provide(ConfigProvider.layer(provider)))
      )
      expect(client.baseUrl).toBe(BASE_URL)
      yield* client.getRtp(RTP_ID)
      expect(bank.tokenCalls()[0]?.body).toEqual({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
      const production = yield* serviceOf(
        MiaRtpClient.layerConfig().pipe(
          Layer.provide(
            ConfigProvider.layer(
              ConfigProvider.fromEnv({
                env: { MIA_CLIENT_ID: CLIENT_ID, MIA_CLIENT_SECRET: CLIENT_SECRET, MIA_ENV: "production" }
              })
            )
          )
        )
      )
      expect(production.baseUrl).toBe("https://api.maibmerchants.md")
    })
  )

  itEffect(
    "layerHttpClient goes through the HttpClient in the context",
    Effect.gen(function* () {
      bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok(rtpDetails))
      const client = yield* serviceOf(
        MiaRtpClient.layerHttpClient(options).pipe(Layer.provide(FetchHttpClient.layer))
      )
      expect((yield* client.getRtp(RTP_ID)).rtpId).toBe(RTP_ID)
      const direct = yield* Effect.provide(makeMiaRtpClientWithHttpClient(options), FetchHttpClient.layer)
      expect(direct.baseUrl).toBe(BASE_URL)
    })
  )

  itEffect(
    "allRtps is a Stream over the pages",
    Effect.gen(function* () {
      const items = Array.from({ length: 3 }, (_, index) => ({ ...rtpDetails, rtpId: `rtp-${index}` }))
      bank.on("GET /v2/rtp", (request) => {
        const offset = Number(request.query.offset)
        return ok({ totalCount: 3, items: items.slice(offset, offset + 2) })
      })
      const client = yield* makeMiaRtpClient(options)
      const all = yield* Stream.runCollect(client.allRtps({ count: 2 }))
      expect(Array.from(all).map((rtp) => rtp.rtpId)).toEqual(["rtp-0", "rtp-1", "rtp-2"])
    })
  )

  itEffect(
    "layerTest: given operations run, missing ones die naming themselves",
    Effect.gen(function* () {
      const layer = MiaRtpClient.layerTest({
        getRtp: (rtpId) => Effect.succeed({ rtpId, status: "Accepted" })
      })
      const client = yield* serviceOf(layer)
      expect(yield* client.getRtp("r")).toEqual({ rtpId: "r", status: "Accepted" })
      const defect = yield* Effect.exit(client.cancelRtp("r", { reason: "x" }))
      expect(String(defect)).toContain("MiaRtpClient.layerTest: cancelRtp is not implemented")
    })
  )
})

describe("spans", () => {
  let client: MiaRtpPromiseClient
  afterEach(async () => {
    await client?.close()
  })

  it("every operation runs in a MiaRtpClient.<operation> span with the rtp id attribute", async () => {
    const spans: Array<{ name: string; attributes: Record<string, unknown> }> = []
    const tracer = {
      startSpan(name: string, spanOptions?: { readonly attributes?: Record<string, unknown> }) {
        const span = { name, attributes: { ...spanOptions?.attributes } }
        spans.push(span)
        return {
          setAttribute(key: string, value: unknown) {
            span.attributes[key] = value
            return this
          },
          setStatus() {
            return this
          },
          end() {}
        }
      }
    }
    bank.on("POST /v2/rtp", () => ok({ rtpId: RTP_ID }))
    bank.on(`GET /v2/rtp/${RTP_ID}`, () => ok(rtpDetails))
    bank.on(`POST /v2/rtp/${RTP_ID}/cancel`, () => ok({ rtpId: RTP_ID, status: "Cancelled" }))
    client = rtpClient({ tracer })
    await client.createRtp(createInput())
    await client.getRtp(RTP_ID)
    await client.cancelRtp(RTP_ID, { reason: "x" })
    expect(spans.map((span) => span.name).sort()).toEqual([
      "MiaRtpClient.cancelRtp",
      "MiaRtpClient.createRtp",
      "MiaRtpClient.getRtp",
      "MiaRtpClient.issueToken"
    ])
    expect(spans.find((span) => span.name === "MiaRtpClient.getRtp")?.attributes["mia.rtp_id"]).toBe(RTP_ID)
    expect(JSON.stringify(spans)).not.toContain(CLIENT_SECRET)
  })

  it("createMiaRtpClient validates its options synchronously, like createMiaQrClient", () => {
    expect(() => rtpClient({ clientSecret: " " })).toThrow(MiaValidationError)
    expect(() => rtpClient({ timeoutMs: 0 })).toThrowError(/createMiaRtpClient: timeoutMs/)
    client = rtpClient({ baseUrl: undefined })
    expect(client.baseUrl).toBe("https://sandbox.maibmerchants.md")
  })

  it("close() refuses later calls; Symbol.asyncDispose closes too", async () => {
    client = rtpClient()
    await client[Symbol.asyncDispose]()
    await expect(client.getRtp(RTP_ID)).rejects.toMatchObject({ rule: "closed" })
  })
})
