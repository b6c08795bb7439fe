import { createMiaPosClient, type MiaPosPromiseClient } from "@mia-sdk/core"
import type { CheckoutSession, OrderView, RefundView } from "@mia-sdk/core/wire"
import { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMemoryOrderStore } from "../../src/index.js"
import {
  createMiaCheckoutHandler,
  createMiaPosHandler,
  createMiaWebhookHandler
} from "../../src/web/index.js"
import { uniqueId } from "../support/orders.js"
import {
  CALLBACK_URL,
  type ForwardingBank,
  type RunningApp,
  serveHono,
  startForwardingBank
} from "./support/hono-shop.js"
import { sseReader } from "./support/sse.js"

// The README's Hono shop on Node (@hono/node-server) over loopback, hit with fetch. The sandbox
// bank delivers its signed callbacks to the shop's webhook route, as maib would.
let bank: ForwardingBank
let shop: RunningApp
let posClient: MiaPosPromiseClient
const store = createMemoryOrderStore()

beforeAll(async () => {
  bank = await startForwardingBank()
  posClient = createMiaPosClient({
    baseUrl: bank.url,
    device: {
      device: "Web till",
      platformType: "web",
      installationId: crypto.randomUUID(),
      posAppVersion: 1
    },
    maxRetries: 0
  })
  const webhook = createMiaWebhookHandler({
    signatureKey: bank.signatureKey,
    store,
    confirmWith: bank.client
  })
  const checkout = createMiaCheckoutHandler({
    store,
    client: bank.client,
    callbackUrl: CALLBACK_URL,
    basePath: "/api/mia",
    maxStreamsPerOrder: 1,
    onWarning: () => undefined,
    onError: () => undefined,
    authorizeRefund: (request) => (request.headers.get("x-admin") === "yes" ? { actor: "admin" } : false)
  })
  const pos = createMiaPosHandler({
    client: posClient,
    basePath: "/api/pos",
    authorize: (request) => request.headers.get("x-till") === "till-1"
  })
  const app = new Hono()
  // As the README shows it: the callback route first, then the checkout routes around it.
  app.all("/api/mia/callback", (c) => webhook(c.req.raw))
  app.all("/api/mia/*", (c) => checkout(c.req.raw))
  app.all("/api/pos/*", (c) => pos(c.req.raw))
  shop = await serveHono(app)
  bank.forwardTo(shop.url)
})
afterAll(async () => {
  await shop.close()
  await posClient.close()
  await bank.close()
})

const api = (path: string, init?: RequestInit) => fetch(`${shop.url}/api/mia${path}`, init)
const newOrder = async (amount = 80) => {
  const orderId = uniqueId("hono")
  await store.createOrder({ orderId, amount })
  return orderId
}
const checkout = async (orderId: string) => {
  const response = await api(`/orders/${orderId}/checkout`, { method: "POST" })
  expect(response.status).toBe(201)
  return (await response.json()) as CheckoutSession
}

describe("the handlers served by Hono on Node", () => {
  it("streams the order live: pending first, then paid once the bank's callback reaches the webhook route", async () => {
    const orderId = await newOrder()
    const session = await checkout(orderId)
    const controller = new AbortController()
    const response = await api(`/orders/${orderId}/events`, { signal: controller.signal })
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8")
    const events = sseReader(response)
    expect((JSON.parse((await events.nextEvent()).data) as OrderView).status).toBe("pending")
    const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount: session.amount })
    expect((JSON.parse((await events.nextEvent()).data) as OrderView).status).toBe("processing")
    expect(await bank.sandbox.deliveries.waitFor({ payId, status: "delivered" })).toBeDefined()
    controller.abort()
  })

  it("frees an order's stream slot when the browser disconnects", async () => {
    const orderId = await newOrder()
    const controller = new AbortController()
    await sseReader(await api(`/orders/${orderId}/events`, { signal: controller.signal })).nextEvent()
    const refused = await api(`/orders/${orderId}/events`)
    expect(refused.status).toBe(503)
    await refused.body?.cancel()
    controller.abort()
    await expect
      .poll(async () => {
        const retry = await api(`/orders/${orderId}/events`)
        await retry.body?.cancel()
        return retry.status
      })
      .toBe(200)
  })

  it("refunds with an Idempotency-Key once, replaying the answer", async () => {
    const orderId = await newOrder()
    const session = await checkout(orderId)
    const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount: session.amount })
    await bank.sandbox.deliveries.waitFor({ payId, status: "delivered" })
    const refund = () =>
      api(`/orders/${orderId}/refunds`, {
        method: "POST",
        headers: {
          "x-admin": "yes",
          "content-type": "application/json",
          "idempotency-key": `refund-${orderId}`
        },
        body: JSON.stringify({ amount: 30, reason: "Returned" })
      })
    const first = await refund()
    expect(first.status).toBe(201)
    const again = await refund()
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(((await again.json()) as RefundView).refundId).toBe(((await first.json()) as RefundView).refundId)
    expect(bank.sandbox.state.refunds({ payId })).toHaveLength(1)
  })

  it("keeps the security defaults behind Hono: cross-site 403, urlencoded 415, unknown path 404", async () => {
    const orderId = await newOrder()
    const evil = await api(`/orders/${orderId}/checkout`, {
      method: "POST",
      headers: { origin: "https://evil.example" }
    })
    expect(evil.status).toBe(403)
    expect(await evil.json()).toMatchObject({ code: "cross_site_request" })
    const form = await api(`/orders/${orderId}/checkout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "orderId=1"
    })
    expect(form.status).toBe(415)
    expect((await store.getOrder(orderId))?.qrId).toBeUndefined()
    const unknown = await api("/nothing-here")
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get("content-type")).toBe("application/problem+json; charset=utf-8")
  })

  it("serves the webhook's uptime check and guards the till with authorize", async () => {
    expect(await (await fetch(`${shop.url}/api/mia/callback`)).json()).toEqual({
      ok: true,
      endpoint: "mia-callback"
    })
    const refused = await fetch(`${shop.url}/api/pos/session`)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: "pos_forbidden" })
    const session = await fetch(`${shop.url}/api/pos/session`, { headers: { "x-till": "till-1" } })
    expect(await session.json()).toEqual({ activated: false, loggedIn: false, shift: null })
  })
})
