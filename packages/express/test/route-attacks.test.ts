import type { CheckoutSession } from "@mia-sdk/core/wire"
import { createMemoryOrderStore, createMiaReconciler, type OrderStore } from "@mia-sdk/webhooks"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { miaCheckout, miaErrorHandler, miaWebhook } from "../src/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "./support/bank.js"
import { EXPRESS_VERSIONS, type RunningServer, serve } from "./support/express-versions.js"
import { newOrderId } from "./support/shop.js"

// Attacks on the merchant's routes: a page on another site, a client retry, a double-click, a
// form the admin screen failed to parse. The shop is the README's: an app-wide urlencoded and
// JSON parser, a cookie session that authorises refunds, the sandbox bank over loopback.
let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

describe.each(EXPRESS_VERSIONS)("routes under attack on $name", ({ express }) => {
  let server: RunningServer
  let store: OrderStore
  beforeAll(async () => {
    store = createMemoryOrderStore({ now: bank.sandbox.clock.now })
    const app = express()
    app.use(express.urlencoded({ extended: false }))
    app.use(express.json())
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
        onWarning: () => undefined,
        allowedOrigins: ["https://admin.shop.example"],
        // A browser session cookie: exactly what a cross-site form post carries along.
        authorizeRefund: (req) => (req.headers.cookie === "session=admin" ? { actor: "admin" } : false),
        authorizeOrder: (req, orderId) =>
          req.headers.cookie?.includes(`order=${orderId}`) === true || req.headers.cookie === "session=admin"
      })
    )
    app.use(miaErrorHandler({ log: () => undefined }))
    server = await serve(app)
    bank.forwardTo(server.url)
  })
  afterAll(() => server.close())

  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/mia${path}`, init)
  const admin = { cookie: "session=admin" }
  const paidOrder = async () => {
    const orderId = newOrderId()
    await store.createOrder({ orderId, amount: 150.25 })
    const response = await api(`/orders/${orderId}/checkout`, { method: "POST", headers: admin })
    const session = (await response.json()) as CheckoutSession
    const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount: session.amount })
    await bank.sandbox.deliveries.waitFor({ payId, status: "delivered" })
    return { orderId, payId }
  }
  const refund = (orderId: string, body: string, headers: Record<string, string> = {}) =>
    api(`/orders/${orderId}/refunds`, {
      method: "POST",
      headers: { ...admin, "content-type": "application/json", ...headers },
      body
    })
  const bankRefunds = (payId: string) => bank.sandbox.state.refunds({ payId })

  describe("refund bodies: only a missing amount means everything", () => {
    it.each([
      ['{"amount": null, "reason": "x"}'],
      ['{"amount": "5,50", "reason": "x"}'],
      ['{"amount": "abc", "reason": "x"}'],
      ['{"amount": "5.50", "reason": "x"}'],
      ['{"amount": 0, "reason": "x"}'],
      ['{"amount": -5, "reason": "x"}'],
      ['{"amount": 5.555, "reason": "x"}']
    ])("%s -> 400 naming amount, nothing sent to the bank", async (body) => {
      const { orderId, payId } = await paidOrder()
      const response = await refund(orderId, body)
      expect(response.status).toBe(400)
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/)
      expect((await response.json()).errors).toEqual([expect.objectContaining({ field: "amount" })])
      expect(bankRefunds(payId)).toEqual([])
      expect((await store.getOrder(orderId))?.refundedAmountMinor).toBe(0)
    })
  })

  describe("cross-site requests", () => {
    it("refuses a cross-site <form> post (urlencoded, cookie attached) even though the app parsed it", async () => {
      const { orderId, payId } = await paidOrder()
      const form = (headers: Record<string, string>) =>
        api(`/orders/${orderId}/refunds`, {
          method: "POST",
          headers: { ...admin, "content-type": "application/x-www-form-urlencoded", ...headers },
          body: "reason=x"
        })
      expect((await form({ origin: "https://evil.example" })).status).toBe(403)
      expect((await form({ "sec-fetch-site": "cross-site" })).status).toBe(403)
      // Same origin, but a form: HTML forms can't send JSON, so the media type alone stops it.
      const sameSite = await form({ origin: server.url })
      expect(sameSite.status).toBe(415)
      expect(bankRefunds(payId)).toEqual([])
    })

    it("refuses a cross-site JSON request and a cross-site checkout; allows listed origins and server-to-server calls", async () => {
      const { orderId, payId } = await paidOrder()
      const evil = await refund(orderId, '{"amount": 1, "reason": "x"}', { origin: "https://evil.example" })
      expect(evil.status).toBe(403)
      expect(await evil.json()).toMatchObject({ code: "cross_site_request" })
      const fresh = newOrderId()
      await store.createOrder({ orderId: fresh, amount: 10 })
      const checkout = await api(`/orders/${fresh}/checkout`, {
        method: "POST",
        headers: { ...admin, origin: "https://evil.example" }
      })
      expect(checkout.status).toBe(403)
      expect((await store.getOrder(fresh))?.qrId).toBeUndefined()
      expect(
        (await refund(orderId, '{"amount": 1, "reason": "x"}', { origin: "https://admin.shop.example" }))
          .status
      ).toBe(201)
      expect((await refund(orderId, '{"amount": 1, "reason": "x"}')).status).toBe(201)
      expect(bankRefunds(payId)).toHaveLength(2)
    })
  })

  describe("Idempotency-Key", () => {
    it("replays the first answer for the same key, sequentially and concurrently: one refund at the bank", async () => {
      const { orderId, payId } = await paidOrder()
      const body = '{"amount": 5.5, "reason": "Broken cup"}'
      const key = { "idempotency-key": globalThis.crypto.randomUUID() }
      const first = await refund(orderId, body, key)
      expect(first.status).toBe(201)
      const again = await refund(orderId, body, key)
      expect(again.status).toBe(201)
      expect(again.headers.get("idempotent-replayed")).toBe("true")
      expect((await again.json()).refundId).toBe((await first.json()).refundId)
      const other = { "idempotency-key": globalThis.crypto.randomUUID() }
      const burst = await Promise.all(Array.from({ length: 5 }, () => refund(orderId, body, other)))
      expect(burst.every((response) => response.status === 201 || response.status === 202)).toBe(true)
      expect(bankRefunds(payId).map((entry) => entry.amount)).toEqual([5.5, 5.5])
      expect((await store.getOrder(orderId))?.refundedAmountMinor).toBe(1100)
    })

    it("refuses the same key for a different refund (422)", async () => {
      const { orderId } = await paidOrder()
      const key = { "idempotency-key": globalThis.crypto.randomUUID() }
      expect((await refund(orderId, '{"amount": 1, "reason": "x"}', key)).status).toBe(201)
      const reused = await refund(orderId, '{"amount": 2, "reason": "x"}', key)
      expect(reused.status).toBe(422)
      expect(await reused.json()).toMatchObject({ code: "idempotency_key_reused" })
    })

    it("keeps a refund whose bank answer was lost pending (202), never sends it twice, and reconciliation settles it", async () => {
      const { orderId, payId } = await paidOrder()
      const key = { "idempotency-key": globalThis.crypto.randomUUID() }
      const drop = bank.sandbox.faults.add({
        method: "POST",
        path: "/v2/payments/{payId}/refund",
        times: 1,
        fault: { type: "drop" }
      })
      const lost = await refund(orderId, '{"amount": 3, "reason": "x"}', key)
      expect(lost.status).toBe(202)
      expect(await lost.json()).toMatchObject({ status: "Pending", amount: 3 })
      drop.remove()
      expect((await refund(orderId, '{"amount": 3, "reason": "x"}', key)).status).toBe(202)
      expect(bankRefunds(payId)).toEqual([])
      const reconciler = createMiaReconciler({
        store,
        api: bank.client,
        now: () => bank.sandbox.clock.now() + 3_600_000
      })
      expect(await reconciler.runOnce()).toMatchObject({ refundsSettled: 1 })
      const [settled] = await store.listRefunds({ orderId })
      expect(settled).toMatchObject({ status: "failed" })
      expect((await refund(orderId, '{"amount": 3, "reason": "x"}', key)).status).toBe(409)
    })
  })

  describe("authorizeOrder", () => {
    it("guards status, live events and checkout", async () => {
      const orderId = newOrderId()
      await store.createOrder({ orderId, amount: 12 })
      const stranger = { cookie: "order=someone-else" }
      expect((await api(`/orders/${orderId}`, { headers: stranger })).status).toBe(403)
      expect((await api(`/orders/${orderId}/events`, { headers: stranger })).status).toBe(403)
      expect((await api(`/orders/${orderId}/checkout`, { method: "POST", headers: stranger })).status).toBe(
        403
      )
      expect((await store.getOrder(orderId))?.qrId).toBeUndefined()
      const owner = { cookie: `order=${orderId}` }
      expect((await api(`/orders/${orderId}/checkout`, { method: "POST", headers: owner })).status).toBe(201)
      expect(await (await api(`/orders/${orderId}`, { headers: owner })).json()).toMatchObject({
        orderId,
        status: "pending"
      })
    })
  })
})
