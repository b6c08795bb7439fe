import type { CheckoutSession, OrderView, ProblemDetails, RefundView } from "@mia-sdk/core/wire"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMemoryOrderStore } from "../../src/index.js"
import { createMiaCheckoutHandler, createMiaWebhookHandler } from "../../src/web/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "../support/bank.js"
import { uniqueId } from "../support/orders.js"
import { sseReader } from "./support/sse.js"

// The handlers are called with real Request objects, as a Web runtime calls them; the bank is the
// sandbox over loopback with the real MIA QR client, and its signed callbacks are handed to the
// webhook handler exactly as the bank sent them.
let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

const SHOP = "https://shop.example"
const store = createMemoryOrderStore()
const handlers = () => ({
  checkout: createMiaCheckoutHandler({
    store,
    client: bank.client,
    callbackUrl: CALLBACK_URL,
    basePath: "/api/mia",
    keepAliveMs: 20,
    maxStreamsPerOrder: 1,
    onWarning: () => undefined,
    onError: () => undefined,
    authorizeRefund: (request) =>
      request.headers.get("x-admin") === "yes" ? { actor: "admin@shop.example" } : false
  }),
  webhook: createMiaWebhookHandler({ signatureKey: bank.signatureKey, store, confirmWith: bank.client })
})
let checkoutHandler: ReturnType<typeof handlers>["checkout"]
let webhookHandler: ReturnType<typeof handlers>["webhook"]
beforeAll(() => {
  ;({ checkout: checkoutHandler, webhook: webhookHandler } = handlers())
})

const api = (path: string, init?: RequestInit) => checkoutHandler(new Request(`${SHOP}/api/mia${path}`, init))
const createOrder = async (amount = 150.25) => {
  const orderId = uniqueId("web")
  await store.createOrder({ orderId, amount, description: `Order ${orderId}` })
  return orderId
}
const checkout = async (orderId: string) =>
  (await (await api(`/orders/${orderId}/checkout`, { method: "POST" })).json()) as CheckoutSession
/** Pays the QR at the bank and posts the bank's signed callback to the webhook handler. */
const payAndNotify = async (session: CheckoutSession) => {
  const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount: session.amount })
  const body = await bank.callbackBody({ payId, kind: "payment" })
  const answer = await webhookHandler(
    new Request(`${SHOP}/mia/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body
    })
  )
  expect(await answer.json()).toMatchObject({ ok: true, outcome: "applied" })
  return payId
}

describe("createMiaCheckoutHandler with Request objects", () => {
  it("creates the order's QR from the stored amount (201), then reuses it (200)", async () => {
    const orderId = await createOrder()
    const first = await api(`/orders/${orderId}/checkout`, { method: "POST" })
    expect(first.status).toBe(201)
    expect(first.headers.get("cache-control")).toBe("no-store")
    const session = (await first.json()) as CheckoutSession
    expect(session).toMatchObject({
      orderId,
      amount: 150.25,
      currency: "MDL",
      status: "pending",
      reused: false
    })
    expect(bank.sandbox.state.qr(session.qrId)).toMatchObject({ type: "Dynamic", amount: 150.25, orderId })
    const again = await api(`/orders/${orderId}/checkout`, { method: "POST" })
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ qrId: session.qrId, reused: true })
  })

  it("answers the order's status, and a 404 problem naming the path for an unknown order", async () => {
    const orderId = await createOrder(19.99)
    const status = await api(`/orders/${orderId}`)
    expect(status.status).toBe(200)
    expect(await status.json()).toMatchObject({ orderId, status: "pending", amount: 19.99, paidAmount: 0 })
    const missing = await api("/orders/no-such-order")
    expect(missing.status).toBe(404)
    expect(missing.headers.get("content-type")).toBe("application/problem+json; charset=utf-8")
    expect(await missing.json()).toMatchObject({
      status: 404,
      code: "not_found",
      instance: "/api/mia/orders/no-such-order"
    })
  })

  it("answers unknown paths with a 404 problem, another method with 405 and Allow, HEAD without a body", async () => {
    for (const url of [`${SHOP}/api/mia/nothing-here`, `${SHOP}/elsewhere/orders/1`]) {
      const response = await checkoutHandler(new Request(url))
      expect(response.status).toBe(404)
      expect(((await response.json()) as ProblemDetails).code).toBe("not_found")
    }
    const wrongMethod = await api("/orders/x/checkout")
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get("allow")).toBe("POST")
    const orderId = await createOrder()
    const head = await api(`/orders/${orderId}`, { method: "HEAD" })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe("")
  })

  it("streams the current state first, then the paid event, with keep-alive comments", async () => {
    const orderId = await createOrder()
    const session = await checkout(orderId)
    const controller = new AbortController()
    const response = await api(`/orders/${orderId}/events`, { signal: controller.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8")
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform")
    expect(response.headers.get("x-accel-buffering")).toBe("no")
    const events = sseReader(response)
    expect(await events.next()).toEqual({ event: "retry", data: "" })
    const first = await events.nextEvent()
    expect(JSON.parse(first.data) as OrderView).toMatchObject({ orderId, status: "pending" })
    expect(first.id).toBe("2")
    await payAndNotify(session)
    const paid = await events.nextEvent()
    expect(JSON.parse(paid.data) as OrderView).toMatchObject({
      orderId,
      status: "processing",
      paidAmount: 150.25
    })
    expect(Number(paid.id)).toBeGreaterThan(2)
    expect(await events.nextEvent("comment")).toEqual({ event: "comment", data: ": keep-alive" })
    controller.abort()
    await events.done()
  })

  it("ends the watch when the client goes away or cancels: the order's only stream slot frees", async () => {
    const orderId = await createOrder()
    const controller = new AbortController()
    const open = await api(`/orders/${orderId}/events`, { signal: controller.signal })
    await sseReader(open).nextEvent()
    const refused = await api(`/orders/${orderId}/events`)
    expect(refused.status).toBe(503)
    expect(refused.headers.get("retry-after")).toBe("30")
    expect(await refused.json()).toMatchObject({ code: "too_many_streams", retryable: true })
    controller.abort()
    const second = await api(`/orders/${orderId}/events`)
    expect(second.status).toBe(200)
    await second.body?.cancel()
    const third = await api(`/orders/${orderId}/events`)
    expect(third.status).toBe(200)
    await third.body?.cancel()
    expect((await api("/orders/ghost/events")).status).toBe(404)
  })

  describe("refunds", () => {
    const refund = (orderId: string, body: string, headers: Record<string, string> = {}) =>
      api(`/orders/${orderId}/refunds`, {
        method: "POST",
        headers: { "x-admin": "yes", "content-type": "application/json", ...headers },
        body
      })
    const paidOrder = async () => {
      const orderId = await createOrder()
      const payId = await payAndNotify(await checkout(orderId))
      return { orderId, payId }
    }

    it("refunds once per Idempotency-Key and replays the first answer", async () => {
      const { orderId, payId } = await paidOrder()
      const key = { "idempotency-key": crypto.randomUUID() }
      const first = await refund(orderId, '{"amount": 5.5, "reason": "Broken cup"}', key)
      expect(first.status).toBe(201)
      expect(first.headers.get("idempotent-replayed")).toBeNull()
      const view = (await first.json()) as RefundView
      expect(view).toMatchObject({ amount: 5.5, order: { orderId, refundedAmount: 5.5 } })
      const again = await refund(orderId, '{"amount": 5.5, "reason": "Broken cup"}', key)
      expect(again.status).toBe(201)
      expect(again.headers.get("idempotent-replayed")).toBe("true")
      expect(((await again.json()) as RefundView).refundId).toBe(view.refundId)
      expect(bank.sandbox.state.refunds({ payId }).map((entry) => entry.amount)).toEqual([5.5])
      const reused = await refund(orderId, '{"amount": 2, "reason": "Broken cup"}', key)
      expect(reused.status).toBe(422)
      expect(await reused.json()).toMatchObject({ code: "idempotency_key_reused" })
    })

    it('answers {"amount": null} with a 400 naming amount, and sends nothing to the bank', async () => {
      const { orderId, payId } = await paidOrder()
      const response = await refund(orderId, '{"amount": null, "reason": "x"}')
      expect(response.status).toBe(400)
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/)
      expect(((await response.json()) as ProblemDetails).errors).toEqual([
        expect.objectContaining({ field: "amount" })
      ])
      expect(bank.sandbox.state.refunds({ payId })).toEqual([])
      expect((await store.getOrder(orderId))?.refundedAmountMinor).toBe(0)
    })

    it("refuses a refund authorizeRefund does not allow (403) and malformed JSON (400)", async () => {
      const { orderId, payId } = await paidOrder()
      const stranger = await refund(orderId, '{"reason": "x"}', { "x-admin": "no" })
      expect(stranger.status).toBe(403)
      expect(await stranger.json()).toMatchObject({ code: "refund_forbidden" })
      const malformed = await refund(orderId, '{"reason": ')
      expect(malformed.status).toBe(400)
      expect(await malformed.json()).toMatchObject({ code: "malformed_json" })
      expect(bank.sandbox.state.refunds({ payId })).toEqual([])
    })
  })
})
