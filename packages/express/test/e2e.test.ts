import type { CheckoutSession, OrderView, RefundView } from "@mia-sdk/core/wire"
import { createMiaReconciler } from "@mia-sdk/webhooks"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startBank, type TestBank } from "./support/bank.js"
import { EXPRESS_VERSIONS } from "./support/express-versions.js"
import { newOrderId, postJson, type Shop, startShop } from "./support/shop.js"
import { sseReader } from "./support/sse.js"

const TEST_IBAN = "MD88AG000000011621810140"

describe.each(EXPRESS_VERSIONS)("end to end over loopback on $name: shop + sandbox bank", ({ express }) => {
  let bank: TestBank
  let shop: Shop
  beforeAll(async () => {
    bank = await startBank()
    shop = await startShop(express, bank, {
      authorizeRefund: () => ({ actor: "e2e-admin" }),
      refundCallbackUrl: "https://shop.example/mia/callback"
    })
  })
  afterAll(async () => {
    await shop.close()
    await bank.close()
  })

  const newCheckout = async (amount: number) => {
    const orderId = newOrderId()
    await shop.store.createOrder({ orderId, amount, description: `E2E ${orderId}` })
    const response = await shop.api(`/orders/${orderId}/checkout`, { method: "POST" })
    expect(response.status).toBe(201)
    return { orderId, session: (await response.json()) as CheckoutSession }
  }

  it("create QR, test-pay, signed callback, order paid, SSE sees it, refund", async () => {
    const { orderId, session } = await newCheckout(150.25)
    const stream = await shop.api(`/orders/${orderId}/events`)
    const events = sseReader(stream)
    expect(JSON.parse((await events.nextEvent()).data)).toMatchObject({ orderId, status: "pending" })

    const payment = await bank.client.testPay({
      qrId: session.qrId,
      amount: 150.25,
      iban: TEST_IBAN,
      payerName: "John D."
    })
    const delivery = await bank.sandbox.deliveries.waitFor({ payId: payment.payId, status: "delivered" })
    expect(delivery.attempts.at(-1)?.status).toBe(200)

    const paid = JSON.parse((await events.nextEvent()).data) as OrderView
    expect(paid).toMatchObject({ orderId, status: "processing", paidAmount: 150.25, payId: payment.payId })
    const order = await shop.store.getOrder(orderId)
    expect(order?.history.at(-1)).toMatchObject({ actor: "mia-callback", code: "payment_received" })

    const refund = await shop.api(
      `/orders/${orderId}/refunds`,
      postJson({ reason: "Customer returned the goods" })
    )
    expect(refund.status).toBe(201)
    const refunded = (await refund.json()) as RefundView
    expect(refunded).toMatchObject({ amount: 150.25, order: { status: "refunded", refundedAmount: 150.25 } })
    expect(JSON.parse((await events.nextEvent()).data)).toMatchObject({ status: "refunded" })
    expect(bank.sandbox.state.refund(refunded.refundId)).toMatchObject({
      payId: payment.payId,
      amount: 150.25
    })
    await events.cancel()
  })

  it("duplicate and out-of-order deliveries from the bank apply each payment once", async () => {
    bank.sandbox.faults.setCallbackFaults({ duplicateRate: 1, reorderRate: 1, maxHoldMs: 30 })
    try {
      const checkouts = await Promise.all([newCheckout(10), newCheckout(20), newCheckout(30)])
      const payments = await Promise.all(
        checkouts.map(({ session }) =>
          bank.client.testPay({
            qrId: session.qrId,
            amount: session.amount,
            iban: TEST_IBAN,
            payerName: "Jane D."
          })
        )
      )
      const deliveries = await Promise.all(
        payments.map((payment) =>
          bank.sandbox.deliveries.waitFor({ payId: payment.payId, status: "delivered" })
        )
      )
      expect(deliveries.some((delivery) => delivery.attempts.some((attempt) => attempt.duplicate))).toBe(true)
      expect(deliveries.some((delivery) => delivery.reordered)).toBe(true)
      for (const { orderId } of checkouts) {
        const order = await shop.store.getOrder(orderId)
        expect(order?.status).toBe("processing")
        expect(order?.duplicatePayment).toBe(false)
        expect(order?.history.filter((entry) => entry.code === "payment_received")).toHaveLength(1)
      }
    } finally {
      bank.sandbox.faults.setCallbackFaults({})
    }
  })

  it("a lost callback is recovered by reconciliation; the late redelivery is a duplicate", async () => {
    const { orderId, session } = await newCheckout(42.5)
    shop.setCallbacksDown(true)
    const payment = await bank.client.testPay({
      qrId: session.qrId,
      amount: 42.5,
      iban: TEST_IBAN,
      payerName: "Lost C."
    })
    await bank.sandbox.deliveries.waitFor(
      (delivery) => delivery.payId === payment.payId && delivery.attempts.length > 0
    )
    expect((await shop.store.getOrder(orderId))?.status).toBe("pending")

    const reconciler = createMiaReconciler({
      store: shop.store,
      api: bank.client,
      now: bank.sandbox.clock.now,
      onError: () => undefined
    })
    expect((await reconciler.runOnce()).orders.find((entry) => entry.orderId === orderId)).toBeUndefined()
    bank.sandbox.clock.advance(2 * 60_000)
    const report = await reconciler.runOnce()
    expect(report.orders.find((entry) => entry.orderId === orderId)).toMatchObject({ status: "processing" })
    expect((await shop.store.getOrder(orderId))?.history.at(-1)).toMatchObject({
      actor: "reconciliation",
      code: "payment_received"
    })

    shop.setCallbacksDown(false)
    bank.sandbox.deliveries.retryNow()
    const redelivered = await bank.sandbox.deliveries.waitFor({ payId: payment.payId, status: "delivered" })
    expect(redelivered.attempts.at(-1)?.status).toBe(200)
    expect(
      (await shop.store.getOrder(orderId))?.history.filter((entry) => entry.code === "payment_received")
    ).toHaveLength(1)
  })

  it("reconciliation cancels an order whose QR expired unpaid", async () => {
    const { orderId } = await newCheckout(5)
    bank.sandbox.clock.advance(16 * 60_000)
    const reconciler = createMiaReconciler({
      store: shop.store,
      api: bank.client,
      now: bank.sandbox.clock.now
    })
    await reconciler.runOnce()
    expect(await shop.store.getOrder(orderId)).toMatchObject({ status: "cancelled" })
    expect((await shop.store.getOrder(orderId))?.history.at(-1)).toMatchObject({
      code: "qr_expired",
      actor: "reconciliation"
    })
  })
})
