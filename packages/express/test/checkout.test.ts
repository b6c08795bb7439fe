import type { CheckoutSession, OrderView, ProblemDetails } from "@mia-sdk/core/wire"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { type TestBank, startBank } from "./support/bank.js"
import { EXPRESS_VERSIONS } from "./support/express-versions.js"
import { newOrderId, postJson, type Shop, startShop } from "./support/shop.js"
import { sseReader } from "./support/sse.js"

let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

describe.each(EXPRESS_VERSIONS)("miaCheckout on $name", ({ express }) => {
  let shop: Shop
  beforeAll(async () => {
    shop = await startShop(express, bank, {
      keepAliveMs: 20,
      authorizeRefund: (req) => (req.headers["x-admin"] === "yes" ? { actor: "admin@shop.example" } : false)
    })
  })
  afterAll(() => shop.close())

  const createOrder = async (amount = 150.25) => {
    const orderId = newOrderId()
    await shop.store.createOrder({ orderId, amount, description: `Order ${orderId}` })
    return orderId
  }
  const checkout = (orderId: string) =>
    shop.api(`/orders/${encodeURIComponent(orderId)}/checkout`, { method: "POST" })
  const pay = async (session: CheckoutSession) => {
    const paid = await bank.sandbox.pay({ qrId: session.qrId, amount: session.amount })
    await bank.sandbox.deliveries.waitFor({ payId: paid.payId, status: "delivered" })
    return paid
  }

  describe("POST /orders/:orderId/checkout", () => {
    it("creates a Dynamic, Fixed QR from the stored amount (201), then reuses it (200)", async () => {
      const orderId = await createOrder()
      const first = await checkout(orderId)
      expect(first.status).toBe(201)
      const session = (await first.json()) as CheckoutSession
      expect(session).toMatchObject({
        orderId,
        amount: 150.25,
        currency: "MDL",
        status: "pending",
        reused: false
      })
      expect(session.url).toMatch(/^https:\/\//)
      const qr = bank.sandbox.state.qr(session.qrId)
      expect(qr).toMatchObject({
        type: "Dynamic",
        amountType: "Fixed",
        amount: 150.25,
        orderId,
        status: "Active"
      })
      expect(qr?.callbackUrl).toBe("https://shop.example/mia/callback")
      expect(Date.parse(session.expiresAt) - bank.sandbox.clock.now()).toBeGreaterThan(14 * 60_000)
      const second = await checkout(orderId)
      expect(second.status).toBe(200)
      expect(await second.json()).toMatchObject({ qrId: session.qrId, reused: true })
      expect((await shop.store.getOrder(orderId))?.qrId).toBe(session.qrId)
    })

    it("replaces a QR with less than half its validity left, cancelling the old one", async () => {
      const orderId = await createOrder()
      const first = (await (await checkout(orderId)).json()) as CheckoutSession
      bank.sandbox.clock.advance(8 * 60_000)
      const second = await checkout(orderId)
      expect(second.status).toBe(201)
      const replaced = (await second.json()) as CheckoutSession
      expect(replaced.qrId).not.toBe(first.qrId)
      expect(bank.sandbox.state.qr(first.qrId)?.status).toBe("Cancelled")
    })

    it("replaces an expired QR", async () => {
      const orderId = await createOrder()
      const first = (await (await checkout(orderId)).json()) as CheckoutSession
      bank.sandbox.clock.advance(16 * 60_000)
      const second = (await (await checkout(orderId)).json()) as CheckoutSession
      expect(second).toMatchObject({ reused: false })
      expect(second.qrId).not.toBe(first.qrId)
    })

    it("creates one QR for concurrent checkouts of the same order", async () => {
      const orderId = await createOrder()
      const responses = await Promise.all(Array.from({ length: 5 }, () => checkout(orderId)))
      const sessions = (await Promise.all(
        responses.map((response) => response.json())
      )) as Array<CheckoutSession>
      expect(new Set(sessions.map((session) => session.qrId)).size).toBe(1)
      expect(bank.sandbox.state.qrs().filter((qr) => qr.orderId === orderId)).toHaveLength(1)
    })

    it("answers a paid order with its session and final status instead of a new QR", async () => {
      const orderId = await createOrder()
      const session = (await (await checkout(orderId)).json()) as CheckoutSession
      await pay(session)
      const again = await checkout(orderId)
      expect(again.status).toBe(200)
      expect(await again.json()).toMatchObject({ qrId: session.qrId, status: "processing", reused: true })
    })

    it("recovers a paid QR whose callback never arrived (asks the bank)", async () => {
      const orderId = await createOrder()
      const session = (await (await checkout(orderId)).json()) as CheckoutSession
      shop.setCallbacksDown(true)
      try {
        const paid = await bank.sandbox.pay({ qrId: session.qrId, amount: session.amount })
        await bank.sandbox.deliveries.waitFor(
          (delivery) => delivery.payId === paid.payId && delivery.attempts.length > 0
        )
      } finally {
        shop.setCallbacksDown(false)
      }
      expect((await shop.store.getOrder(orderId))?.status).toBe("pending")
      const again = await checkout(orderId)
      expect(await again.json()).toMatchObject({ qrId: session.qrId, status: "processing" })
      expect((await shop.store.getOrder(orderId))?.history.at(-1)?.actor).toBe("checkout")
    })

    it("answers 404 problem+json for an unknown order and 409 for a cancelled one", async () => {
      const missing = await checkout("no-such-order")
      expect(missing.status).toBe(404)
      expect(missing.headers.get("content-type")).toContain("application/problem+json")
      expect(await missing.json()).toMatchObject({
        status: 404,
        code: "not_found",
        instance: "/api/mia/orders/no-such-order/checkout"
      })
      const orderId = await createOrder()
      await shop.store.applyEvent({ type: "manual", orderId, to: "cancelled", reason: "Out of stock" })
      const cancelled = await checkout(orderId)
      expect(cancelled.status).toBe(409)
      expect(((await cancelled.json()) as ProblemDetails).code).toBe("order_not_payable")
    })

    it("answers 400 naming the field for an orderId over 100 characters", async () => {
      const response = await checkout("x".repeat(101))
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ code: "validation", errors: [{ field: "orderId" }] })
    })

    it("maps bank failures to problem+json: 5xx -> 502, credentials never leak", async () => {
      const orderId = await createOrder()
      const outage = bank.sandbox.faults.add({
        method: "POST",
        path: "/v2/mia/qr",
        fault: { type: "status", status: 503 }
      })
      try {
        const response = await checkout(orderId)
        expect(response.status).toBe(502)
        const body = await response.text()
        expect(JSON.parse(body)).toMatchObject({ code: "mia_unavailable", retryable: true })
        expect(body).not.toContain(bank.sandbox.credentials.clientSecret)
        expect(body).not.toMatch(/\bat .*\.ts:\d+/)
      } finally {
        outage.remove()
      }
      expect((await checkout(orderId)).status).toBe(201)
    })

    it("answers 405 with Allow for another method on a known path", async () => {
      const response = await shop.api("/orders/x/checkout", { method: "GET" })
      expect(response.status).toBe(405)
      expect(response.headers.get("allow")).toBe("POST")
    })

    it("passes unknown paths on to the rest of the app", async () => {
      expect((await shop.api("/nothing-here")).status).toBe(404)
    })
  })

  describe("GET /orders/:orderId", () => {
    it("returns the order view with two-decimal amounts", async () => {
      const orderId = await createOrder(19.99)
      const response = await shop.api(`/orders/${orderId}`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({
        orderId,
        status: "pending",
        amount: 19.99,
        currency: "MDL",
        paidAmount: 0,
        refundedAmount: 0,
        duplicatePayment: false
      })
      expect((await shop.api("/orders/ghost")).status).toBe(404)
    })
  })

  describe("GET /orders/:orderId/events", () => {
    it("streams the current state first, then each change, with keep-alive comments", async () => {
      const orderId = await createOrder()
      const session = (await (await checkout(orderId)).json()) as CheckoutSession
      const controller = new AbortController()
      const response = await shop.api(`/orders/${orderId}/events`, { signal: controller.signal })
      expect(response.status).toBe(200)
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/)
      expect(response.headers.get("cache-control")).toBe("no-cache, no-transform")
      expect(response.headers.get("x-accel-buffering")).toBe("no")
      const events = sseReader(response)
      const first = await events.nextEvent()
      expect(JSON.parse(first.data) as OrderView).toMatchObject({
        orderId,
        status: "pending",
        qrId: session.qrId
      })
      await pay(session)
      const paid = await events.nextEvent()
      expect(JSON.parse(paid.data)).toMatchObject({ orderId, status: "processing", paidAmount: 150.25 })
      expect(Number(paid.id)).toBeGreaterThan(Number(first.id))
      expect((await events.nextEvent("comment")).data).toBe(": keep-alive")
      controller.abort()
      await vi.waitFor(() => expect(shop.store.events.listenerCount(orderId)).toBe(0))
    })

    it("answers 404 before streaming for an unknown order and leaves no listener", async () => {
      const response = await shop.api("/orders/nobody/events")
      expect(response.status).toBe(404)
      expect(response.headers.get("content-type")).toContain("application/problem+json")
      expect(shop.store.events.listenerCount("nobody")).toBe(0)
    })
  })

  describe("POST /orders/:orderId/refunds", () => {
    const paidOrder = async () => {
      const orderId = await createOrder()
      const session = (await (await checkout(orderId)).json()) as CheckoutSession
      const paid = await pay(session)
      return { orderId, payId: paid.payId }
    }
    const refund = (orderId: string, body: unknown, admin = true) =>
      shop.api(`/orders/${orderId}/refunds`, {
        ...postJson(body),
        headers: { "content-type": "application/json", ...(admin ? { "x-admin": "yes" } : {}) }
      })

    it("refuses without authorization (403) and changes nothing", async () => {
      const { orderId } = await paidOrder()
      const response = await refund(orderId, { reason: "Returned" }, false)
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ code: "refund_forbidden" })
      expect((await shop.store.getOrder(orderId))?.refundedAmountMinor).toBe(0)
    })

    it("refunds part, then the rest, recording who did it", async () => {
      const { orderId, payId } = await paidOrder()
      const partial = await refund(orderId, { amount: 50.25, reason: "One book returned" })
      expect(partial.status).toBe(201)
      expect(await partial.json()).toMatchObject({
        amount: 50.25,
        status: "Created",
        order: { status: "processing", refundedAmount: 50.25 }
      })
      const rest = await refund(orderId, { reason: "Everything returned" })
      expect(await rest.json()).toMatchObject({
        amount: 100,
        order: { status: "refunded", refundedAmount: 150.25 }
      })
      expect(bank.sandbox.state.refunds({ payId }).map((entry) => entry.amount)).toEqual([50.25, 100])
      const order = await shop.store.getOrder(orderId)
      expect(
        order?.history.filter((entry) => entry.code.startsWith("refund_")).map((entry) => entry.actor)
      ).toEqual(["admin@shop.example", "admin@shop.example"])
    })

    it.each([
      [{}, "reason"],
      [{ reason: "  " }, "reason"],
      [{ reason: "x".repeat(501) }, "reason"],
      [{ reason: "r", amount: 0 }, "amount"],
      [{ reason: "r", amount: 10.001 }, "amount"],
      [{ reason: "r", amount: "10" }, "amount"],
      [{ reason: "r", amount: 150.26 }, "amount"],
      [[1, 2], "body"]
    ])("answers 400 for %j naming %s", async (body, field) => {
      const { orderId } = await paidOrder()
      const response = await refund(orderId, body)
      expect(response.status).toBe(400)
      const problem = (await response.json()) as ProblemDetails
      expect(problem.errors?.[0]?.field).toBe(field)
      expect(problem.detail).toContain(field)
    })

    it("answers 400 for malformed JSON, 415 for another media type, 413 for a huge body", async () => {
      const { orderId } = await paidOrder()
      const headers = { "x-admin": "yes" }
      const malformed = await shop.api(`/orders/${orderId}/refunds`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: "{nope"
      })
      expect(malformed.status).toBe(400)
      const text = await shop.api(`/orders/${orderId}/refunds`, {
        method: "POST",
        headers: { ...headers, "content-type": "text/plain" },
        body: "reason=x"
      })
      expect(text.status).toBe(415)
      const huge = await refund(orderId, { reason: "x".repeat(20_000) })
      expect(huge.status).toBe(413)
    })

    it("refuses an unpaid order with 409", async () => {
      const orderId = await createOrder()
      const response = await refund(orderId, { reason: "Nothing to refund" })
      expect(response.status).toBe(409)
      expect(await response.json()).toMatchObject({ code: "order_not_refundable" })
    })

    it("never refunds more than was paid, even when asked concurrently", async () => {
      const { orderId, payId } = await paidOrder()
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => refund(orderId, { amount: 50, reason: "Race" }))
      )
      expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 201, 400])
      expect(bank.sandbox.state.refunds({ payId })).toHaveLength(3)
      expect((await shop.store.getOrder(orderId))?.refundedAmountMinor).toBe(15000)
    })
  })
})

describe.each(EXPRESS_VERSIONS)("miaCheckout behind an app-wide express.json() on $name", ({ express }) => {
  it("uses the body the app already parsed", async () => {
    const shop = await startShop(express, bank, { jsonEverywhere: true, authorizeRefund: () => true })
    try {
      const orderId = newOrderId()
      await shop.store.createOrder({ orderId, amount: 10 })
      const session = (await (
        await shop.api(`/orders/${orderId}/checkout`, { method: "POST" })
      ).json()) as CheckoutSession
      const paid = await bank.sandbox.pay({ qrId: session.qrId, amount: 10 })
      await bank.sandbox.deliveries.waitFor({ payId: paid.payId, status: "delivered" })
      const response = await shop.api(`/orders/${orderId}/refunds`, postJson({ reason: "Returned" }))
      expect(response.status).toBe(201)
      expect(await response.json()).toMatchObject({ amount: 10, order: { status: "refunded" } })
    } finally {
      await shop.close()
    }
  })
})
