import compression from "compression"
import type { CheckoutSession, OrderView } from "@mia-sdk/core/wire"
import { createMemoryOrderStore } from "@mia-sdk/webhooks"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { miaCheckout, miaErrorHandler, miaWebhook } from "../src/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "./support/bank.js"
import { EXPRESS_VERSIONS, type RunningServer, serve } from "./support/express-versions.js"
import { newOrderId } from "./support/shop.js"
import { sseReader } from "./support/sse.js"

let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

describe.each(EXPRESS_VERSIONS)("live order events behind compression() on $name", ({ express }) => {
  const store = createMemoryOrderStore({ now: () => bank.sandbox.clock.now() })
  let server: RunningServer
  beforeAll(async () => {
    const app = express()
    // An app-wide compression(), as many apps have: it buffers until flushed.
    app.use(compression())
    app.post(
      "/mia/callback",
      miaWebhook({ signatureKey: bank.signatureKey, store, onError: () => undefined })
    )
    app.use(
      "/api/mia",
      miaCheckout({
        store,
        client: bank.client,
        callbackUrl: CALLBACK_URL,
        now: bank.sandbox.clock.now,
        maxStreamsPerOrder: 2,
        keepAliveMs: 60_000
      })
    )
    app.use(miaErrorHandler({ log: () => undefined }))
    server = await serve(app)
    bank.forwardTo(server.url)
  })
  afterAll(() => server.close())

  const api = (path: string, init?: RequestInit) =>
    fetch(`${server.url}/api/mia${path}`, {
      ...init,
      headers: { "accept-encoding": "gzip", ...init?.headers }
    })

  it("delivers each event as it happens, compressed or not, marked no-transform", async () => {
    const orderId = newOrderId()
    await store.createOrder({ orderId, amount: 20 })
    const session = (await (
      await api(`/orders/${orderId}/checkout`, { method: "POST" })
    ).json()) as CheckoutSession
    const controller = new AbortController()
    const response = await api(`/orders/${orderId}/events`, { signal: controller.signal })
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform")
    const events = sseReader(response)
    expect((JSON.parse((await events.nextEvent()).data) as OrderView).status).toBe("pending")
    const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount: 20 })
    await bank.sandbox.deliveries.waitFor({ payId, status: "delivered" })
    expect((JSON.parse((await events.nextEvent()).data) as OrderView).status).toBe("processing")
    controller.abort()
  })

  it("caps the open streams of one order (503, the hooks poll instead) and frees a slot on disconnect", async () => {
    const orderId = newOrderId()
    await store.createOrder({ orderId, amount: 5 })
    const controllers = [new AbortController(), new AbortController()]
    const open = await Promise.all(
      controllers.map((controller) => api(`/orders/${orderId}/events`, { signal: controller.signal }))
    )
    await Promise.all(open.map((response) => sseReader(response).nextEvent()))
    const third = await api(`/orders/${orderId}/events`)
    expect(third.status).toBe(503)
    expect(third.headers.get("retry-after")).toBe("30")
    expect(await third.json()).toMatchObject({ code: "too_many_streams", retryable: true })
    controllers[0]?.abort()
    await expect
      .poll(async () => {
        const retry = await api(`/orders/${orderId}/events`)
        await retry.body?.cancel()
        return retry.status
      })
      .toBe(200)
    controllers[1]?.abort()
  })
})
