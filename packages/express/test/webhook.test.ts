import { PGlite } from "@electric-sql/pglite"
import { signMiaCallback } from "@mia-sdk/core"
import { createMemoryOrderStore, createSqlOrderStore, type Order, type OrderStore } from "@mia-sdk/webhooks"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { miaErrorHandler, miaWebhook } from "../src/index.js"
import {
  EXPRESS_VERSIONS,
  type ExpressFactory,
  type RunningServer,
  serve
} from "./support/express-versions.js"

const SIGNATURE_KEY = "592b6999-fdd0-4fd3-9708-5cb9df590dee"
let sequence = 0

const newOrder = async (store: OrderStore): Promise<Order> => {
  const orderId = `wh-${++sequence}-${Date.now().toString(36)}`
  await store.createOrder({ orderId, amount: 99.9 })
  return store.attachQr(orderId, {
    qrId: `qr-${orderId}`,
    qrUrl: "https://mia-qr.bnm.md/x",
    qrExpiresAt: "2030-01-01T00:00:00.000Z"
  })
}

const signedCallback = async (order: Order, payId = `pay-${++sequence}`) => {
  const result = {
    qrId: order.qrId,
    qrStatus: "Paid",
    payId,
    orderId: order.orderId,
    amount: order.amountMinor / 100,
    commission: 1,
    currency: "MDL",
    payerName: "John D.",
    executedAt: "2026-11-21T10:00:00+02:00"
  }
  return JSON.stringify({ result, signature: await signMiaCallback(result, SIGNATURE_KEY) })
}

const startWebhookApp = async (express: ExpressFactory, store: OrderStore, jsonEverywhere = false) => {
  const app = express()
  if (jsonEverywhere) app.use(express.json())
  app.post("/mia/callback", miaWebhook({ signatureKey: SIGNATURE_KEY, store, onError: () => undefined }))
  app.all("/mia/callback", miaWebhook({ signatureKey: SIGNATURE_KEY, store }))
  app.use(miaErrorHandler({ log: () => undefined }))
  return serve(app)
}

const post = (server: RunningServer, body: string | Uint8Array, contentType = "application/json") =>
  fetch(`${server.url}/mia/callback`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : new Uint8Array(body)
  })

describe.each(EXPRESS_VERSIONS)("miaWebhook on $name", ({ express }) => {
  const store = createMemoryOrderStore()
  let server: RunningServer
  beforeAll(async () => {
    server = await startWebhookApp(express, store)
  })
  afterAll(() => server.close())

  it("applies a signed callback (200) and answers a redelivery 200 duplicate", async () => {
    const order = await newOrder(store)
    const body = await signedCallback(order)
    const first = await post(server, body)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ ok: true, outcome: "applied" })
    const again = await post(server, body)
    expect(await again.json()).toMatchObject({ ok: true, outcome: "duplicate" })
    expect((await store.getOrder(order.orderId))?.status).toBe("processing")
  })

  it("answers 401 for a forged or missing signature, 400 for a malformed body, and changes nothing", async () => {
    const order = await newOrder(store)
    const body = JSON.parse(await signedCallback(order))
    const forged = { ...body, signature: await signMiaCallback(body.result, "another-key") }
    expect((await post(server, JSON.stringify(forged))).status).toBe(401)
    expect((await post(server, JSON.stringify({ result: body.result }))).status).toBe(401)
    expect((await post(server, "{not json")).status).toBe(400)
    expect((await post(server, "")).status).toBe(400)
    expect(await store.getOrder(order.orderId)).toEqual(order)
  })

  it("verifies whatever content type the bank sends (it signs values, not bytes)", async () => {
    const order = await newOrder(store)
    expect((await post(server, await signedCallback(order), "text/plain")).status).toBe(200)
  })

  it("answers GET for uptime checks and 405 for other methods", async () => {
    expect((await fetch(`${server.url}/mia/callback`)).status).toBe(200)
    const put = await fetch(`${server.url}/mia/callback`, { method: "PUT" })
    expect(put.status).toBe(405)
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST")
  })

  it("refuses a body over the limit with 413", async () => {
    const response = await post(
      server,
      JSON.stringify({ result: { pad: "x".repeat(70_000) }, signature: "s" })
    )
    expect(response.status).toBe(413)
  })

  it("works behind an app-wide express.json()", async () => {
    const jsonStore = createMemoryOrderStore()
    const jsonServer = await startWebhookApp(express, jsonStore, true)
    try {
      const order = await newOrder(jsonStore)
      expect((await post(jsonServer, await signedCallback(order))).status).toBe(200)
      expect((await jsonStore.getOrder(order.orderId))?.status).toBe("processing")
    } finally {
      await jsonServer.close()
    }
  })

  // 5000 bodies go through the handler itself in @mia-sdk/webhooks; over HTTP, 1000 per version.
  it("1000 random and malformed bodies over HTTP: never a 5xx, never a state change", async () => {
    const orders = await Promise.all([newOrder(store), newOrder(store)])
    const snapshot = async () =>
      JSON.stringify([
        await Promise.all(orders.map((order) => store.getOrder(order.orderId))),
        await store.listUnmatchedPayments()
      ])
    const before = await snapshot()
    const validResult = JSON.parse(await signedCallback(orders[0] as Order)).result
    const bodies = fc.oneof(
      fc.string(),
      fc.json(),
      fc.uint8Array({ maxLength: 200 }),
      fc
        .record({
          result: fc.oneof(fc.constant(validResult), fc.dictionary(fc.string(), fc.jsonValue())),
          signature: fc.oneof(fc.base64String({ minLength: 44, maxLength: 44 }), fc.jsonValue())
        })
        .map((value) => JSON.stringify(value))
    )
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const response = await post(server, body)
        await response.arrayBuffer()
        expect(response.status).toBeGreaterThanOrEqual(400)
        expect(response.status).toBeLessThan(500)
      }),
      { numRuns: 1000 }
    )
    expect(await snapshot()).toBe(before)
  }, 60_000)
})

let pglite: PGlite | undefined
afterAll(() => pglite?.close())

const stores = {
  "memory store": async (): Promise<OrderStore> => createMemoryOrderStore(),
  // One embedded database for the file: starting PGlite takes seconds on a busy machine.
  "PGlite store": async (): Promise<OrderStore> => {
    pglite ??= await PGlite.create()
    return createSqlOrderStore({ db: pglite })
  }
} as const

describe.each(Object.keys(stores) as Array<keyof typeof stores>)(
  "50 concurrent deliveries over HTTP with the %s",
  (name) => {
    it.each(EXPRESS_VERSIONS)(
      "apply once on $name",
      async ({ express }) => {
        const store = await stores[name]()
        const server = await startWebhookApp(express, store)
        try {
          const order = await newOrder(store)
          const body = await signedCallback(order)
          const responses = await Promise.all(Array.from({ length: 50 }, () => post(server, body)))
          const outcomes = await Promise.all(
            responses.map(async (response) => ((await response.json()) as { outcome: string }).outcome)
          )
          expect(responses.every((response) => response.status === 200)).toBe(true)
          expect(outcomes.filter((outcome) => outcome === "applied")).toHaveLength(1)
          expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(49)
          const after = await store.getOrder(order.orderId)
          expect(after?.history.filter((entry) => entry.code === "payment_received")).toHaveLength(1)
        } finally {
          await server.close()
        }
      },
      60_000
    )
  }
)
