import type { Order, OrderEvent, OrderStatus, OrderStore, PaymentEvent } from "../../src/index.js"

let sequence = 0

/** A fresh id for each use, so tests never collide in a shared database. */
export const uniqueId = (prefix: string): string =>
  `${prefix}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`

export const paymentFor = (order: Order, overrides: Partial<PaymentEvent> = {}): PaymentEvent => ({
  type: "payment",
  payId: uniqueId("pay"),
  qrId: order.qrId,
  orderId: order.orderId,
  amountMinor: order.amountMinor,
  currency: order.currency,
  payload: { source: "test" },
  ...overrides
})

const mustApply = async (store: OrderStore, event: OrderEvent): Promise<Order> => {
  const result = await store.applyEvent(event, { actor: "test-setup" })
  if (result.outcome !== "applied") throw new Error(`setup event ${event.type} was ${result.outcome}`)
  return result.order
}

/**
 * Creates an order (150.25 MDL, with a QR) and drives it through the lifecycle into `status`,
 * the way production would get it there.
 */
export const orderIn = async (
  store: OrderStore,
  status: OrderStatus,
  options: { readonly virtual?: boolean } = {}
): Promise<Order> => {
  const orderId = uniqueId("order")
  await store.createOrder({
    orderId,
    amount: 150.25,
    description: `Order ${orderId}`,
    virtual: options.virtual
  })
  const order = await store.attachQr(orderId, {
    qrId: uniqueId("qr"),
    qrUrl: `https://mia-qr.bnm.md/1/m/BNM/AGR${orderId}`,
    qrExpiresAt: "2030-01-01T00:00:00.000Z"
  })
  switch (status) {
    case "pending":
      return order
    case "failed":
      return mustApply(store, { type: "manual", orderId, to: "failed", reason: "Declined" })
    case "cancelled":
      return mustApply(store, { type: "manual", orderId, to: "cancelled", reason: "Customer left" })
    case "processing":
      return mustApply(store, paymentFor(order))
    case "completed":
      await mustApply(store, paymentFor(order))
      return mustApply(store, { type: "manual", orderId, to: "completed", reason: "Shipped" })
    case "on-hold":
      return mustApply(store, paymentFor(order, { amountMinor: order.amountMinor - 25 }))
    case "refunded": {
      const paid = await mustApply(store, paymentFor(order))
      return mustApply(store, {
        type: "refund",
        refundId: uniqueId("refund"),
        payId: paid.payId ?? "",
        orderId,
        amountMinor: paid.paidAmountMinor
      })
    }
  }
}
