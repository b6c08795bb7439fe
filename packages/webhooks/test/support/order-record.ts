import type { Order, OrderStatus } from "../../src/index.js"

const PAID = ["processing", "completed", "on-hold", "refunded"]

/**
 * An order record in `status` as the lifecycle would have left it (150.25 MDL, QR qr-1, paid by
 * pay-1 when paid), for the pure decision tests; `overrides` change any field.
 */
export const orderRecord = (status: OrderStatus, overrides: Partial<Order> = {}): Order => ({
  orderId: "1001",
  amountMinor: 15025,
  currency: "MDL",
  description: "Order 1001",
  virtual: false,
  status,
  paidAmountMinor: PAID.includes(status) ? 15025 : 0,
  refundedAmountMinor: status === "refunded" ? 15025 : 0,
  payId: PAID.includes(status) ? "pay-1" : undefined,
  qrId: "qr-1",
  qrIds: ["qr-1"],
  rtps: [],
  duplicatePayment: false,
  duplicatePayIds: [],
  history: [],
  version: 3,
  createdAt: "2026-11-21T10:00:00.000Z",
  updatedAt: "2026-11-21T10:00:00.000Z",
  ...overrides
})
