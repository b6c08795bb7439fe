import { describe, expect, it } from "vitest"
import {
  decideTransition,
  type Order,
  type OrderEvent,
  type OrderRtp,
  type OrderStatus,
  toOrderView
} from "../../src/index.js"
import { orderRecord } from "../support/order-record.js"

const rtp = (overrides: Partial<OrderRtp> = {}): OrderRtp => ({
  rtpId: "rtp-1",
  alias: "37369112221",
  status: "pending",
  expiresAt: "2026-11-21T10:15:00.000Z",
  createdAt: "2026-11-21T10:00:00.000Z",
  ...overrides
})

/** The decision tests' order, with one open request to 37369112221 and nothing paid yet. */
const order = (status: OrderStatus, overrides: Partial<Order> = {}): Order =>
  orderRecord(status, { paidAmountMinor: 0, payId: undefined, rtps: [rtp()], ...overrides })

const rtpPayment = (overrides: Partial<Extract<OrderEvent, { type: "payment" }>> = {}): OrderEvent => ({
  type: "payment",
  payId: "pay-rtp",
  rtpId: "rtp-1",
  orderId: "1001",
  amountMinor: 15025,
  currency: "MDL",
  ...overrides
})

const decide = (subject: Order, event: OrderEvent) => {
  const decision = decideTransition(subject, event)
  if (decision.kind !== "transition") return { summary: `${decision.kind}/${decision.code}`, decision }
  return { summary: `${decision.to}/${decision.code}`, decision }
}

describe("decideTransition: payment requests (RTP)", () => {
  it("a payment through the order's own RTP pays it and marks the request accepted", () => {
    const { summary, decision } = decide(order("pending"), rtpPayment())
    expect(summary).toBe("processing/payment_received")
    expect(decision.kind === "transition" && decision.changes).toMatchObject({
      payId: "pay-rtp",
      qrId: "qr-1",
      rtps: [{ rtpId: "rtp-1", status: "accepted", payId: "pay-rtp" }]
    })
  })

  it("a payment through an RTP this order never sent is kept for review, whatever orderId it names", () => {
    expect(decide(order("pending"), rtpPayment({ rtpId: "rtp-foreign" })).summary).toBe("keep/foreign_qr")
    // Naming a QR of the order does not help a payment that says it came through another RTP.
    expect(decide(order("pending"), rtpPayment({ rtpId: "rtp-foreign", qrId: "qr-1" })).summary).toBe(
      "keep/foreign_qr"
    )
  })

  it("an RTP paid after the order was paid by QR is flagged as a duplicate, not lost", () => {
    const paidByQr = order("processing", { payId: "pay-qr", paidAmountMinor: 15025 })
    const { summary, decision } = decide(paidByQr, rtpPayment())
    expect(summary).toBe("processing/duplicate_payment")
    expect(decision.kind === "transition" && decision.changes).toMatchObject({
      duplicatePayIds: ["pay-rtp"],
      rtps: [{ status: "accepted", payId: "pay-rtp" }]
    })
  })

  it("the callback's real payId replaces the placeholder reconciliation recorded, without paying twice", () => {
    const reconciled = order("processing", {
      payId: "rtp:rtp-1",
      paidAmountMinor: 15025,
      rtps: [rtp({ status: "accepted", payId: "rtp:rtp-1" })]
    })
    const { summary, decision } = decide(reconciled, rtpPayment())
    expect(summary).toBe("processing/payment_identified")
    expect(decision.kind === "transition" && decision.changes).toMatchObject({
      payId: "pay-rtp",
      rtps: [{ payId: "pay-rtp" }]
    })
    expect(decision.kind === "transition" && decision.changes.paidAmountMinor).toBeUndefined()
    // ...and reconciliation seeing it again after the callback is a no-op.
    const identified = order("processing", {
      payId: "pay-rtp",
      rtps: [rtp({ status: "accepted", payId: "pay-rtp" })]
    })
    expect(decide(identified, rtpPayment({ payId: "rtp:rtp-1" })).summary).toBe("ignore/already_applied")
  })

  it("a placeholder among the duplicates is replaced too", () => {
    const flagged = order("processing", {
      payId: "pay-qr",
      duplicatePayIds: ["rtp:rtp-1"],
      rtps: [rtp({ status: "accepted", payId: "rtp:rtp-1" })]
    })
    const { decision } = decide(flagged, rtpPayment())
    expect(decision.kind === "transition" && decision.changes).toMatchObject({ duplicatePayIds: ["pay-rtp"] })
    expect(decision.kind === "transition" && decision.changes.payId).toBeUndefined()
  })

  it("records a request on a pending order, refuses a second open one and any on a paid order", () => {
    const requested = (rtpId: string): OrderEvent => ({
      type: "rtp_requested",
      rtpId,
      orderId: "1001",
      alias: "37369112221",
      expiresAt: "2026-11-21T10:30:00.000Z",
      requestedAt: "2026-11-21T10:15:00.000Z"
    })
    const fresh = order("pending", { rtps: [] })
    const { summary, decision } = decide(fresh, requested("rtp-2"))
    expect(summary).toBe("pending/rtp_requested")
    expect(decision.kind === "transition" && decision.reason).toContain("373*****221")
    expect(decide(order("pending"), requested("rtp-2")).summary).toBe("ignore/not_allowed")
    expect(decide(order("pending"), requested("rtp-1")).summary).toBe("ignore/already_applied")
    expect(decide(order("processing", { rtps: [] }), requested("rtp-2")).summary).toBe("ignore/not_pending")
    const closedBefore = order("pending", { rtps: [rtp({ status: "rejected" })] })
    expect(decide(closedBefore, requested("rtp-2")).summary).toBe("pending/rtp_requested")
  })

  it.each([
    ["Rejected", "rejected", "pending/rtp_rejected"],
    ["Expired", "expired", "pending/rtp_expired"],
    ["Cancelled", "cancelled", "pending/rtp_cancelled"]
  ] as const)("a request %s unpaid leaves the order pending (%s)", (rtpStatus, status, expected) => {
    const { summary, decision } = decide(order("pending"), { type: "rtp_closed", rtpId: "rtp-1", rtpStatus })
    expect(summary).toBe(expected)
    expect(decision.kind === "transition" && decision.changes.rtps).toEqual([rtp({ status })])
  })

  it("closing an unknown or already answered request changes nothing", () => {
    const closed = (rtpId: string): OrderEvent => ({ type: "rtp_closed", rtpId, rtpStatus: "Expired" })
    expect(decide(order("pending"), closed("rtp-9")).summary).toBe("ignore/unknown_rtp")
    const accepted = order("processing", { rtps: [rtp({ status: "accepted", payId: "p" })] })
    expect(decide(accepted, closed("rtp-1")).summary).toBe("ignore/already_applied")
  })

  it("the order view shows the latest request with the number masked", () => {
    const view = toOrderView(
      order("pending", { rtps: [rtp({ status: "rejected" }), rtp({ rtpId: "rtp-2" })] })
    )
    expect(view.rtp).toEqual({
      rtpId: "rtp-2",
      alias: "373*****221",
      status: "pending",
      expiresAt: "2026-11-21T10:15:00.000Z"
    })
    expect(JSON.stringify(view)).not.toContain("37369112221")
  })
})
