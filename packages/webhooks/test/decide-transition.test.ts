import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  decideTransition,
  ORDER_STATUSES,
  type Order,
  type OrderEvent,
  type OrderStatus
} from "../src/index.js"
import { orderRecord } from "./support/order-record.js"

const order = orderRecord

const payment = (overrides: Partial<Extract<OrderEvent, { type: "payment" }>> = {}): OrderEvent => ({
  type: "payment",
  payId: "pay-2",
  qrId: "qr-1",
  orderId: "1001",
  amountMinor: 15025,
  currency: "MDL",
  ...overrides
})

const outcome = (status: OrderStatus, event: OrderEvent, overrides: Partial<Order> = {}) => {
  const decision = decideTransition(order(status, overrides), event)
  return decision.kind === "transition" ? `${decision.to}/${decision.code}` : `ignore/${decision.code}`
}

describe("decideTransition: DESIGN.md's lifecycle table", () => {
  it.each<[OrderStatus, string]>([
    ["pending", "processing/payment_received"],
    ["failed", "processing/payment_received"],
    ["cancelled", "on-hold/paid_after_cancellation"],
    ["processing", "processing/duplicate_payment"],
    ["completed", "completed/duplicate_payment"],
    ["on-hold", "on-hold/duplicate_payment"],
    ["refunded", "refunded/duplicate_payment"]
  ])("a new matching payment on a %s order -> %s", (status, expected) => {
    expect(outcome(status, payment())).toBe(expected)
  })

  it("a matching payment completes a virtual order", () => {
    expect(outcome("pending", payment(), { virtual: true })).toBe("completed/payment_received")
  })

  it.each<[OrderStatus, Partial<Extract<OrderEvent, { type: "payment" }>>, string]>([
    ["pending", { amountMinor: 15024 }, "on-hold/amount_mismatch"],
    ["failed", { amountMinor: 30050 }, "on-hold/amount_mismatch"],
    ["pending", { currency: "EUR" }, "on-hold/currency_mismatch"],
    ["failed", { currency: "USD", amountMinor: 1 }, "on-hold/currency_mismatch"]
  ])("%s with %j -> %s", (status, change, expected) => {
    expect(outcome(status, payment(change))).toBe(expected)
  })

  it("compares currencies case-insensitively", () => {
    expect(outcome("pending", payment({ currency: "mdl" }))).toBe("processing/payment_received")
  })

  it.each(ORDER_STATUSES)("the same payId again on a %s order is ignored", (status) => {
    expect(outcome(status, payment({ payId: "pay-1" }), { payId: "pay-1" })).toBe("ignore/already_applied")
  })

  it("a payId already flagged as duplicate is not flagged twice", () => {
    expect(outcome("processing", payment({ payId: "pay-9" }), { duplicatePayIds: ["pay-9"] })).toBe(
      "ignore/already_applied"
    )
  })

  it("records the payment on the order", () => {
    const decision = decideTransition(
      order("pending", { qrIds: ["qr-1", "qr-7"] }),
      payment({ payId: "pay-7", qrId: "qr-7", amountMinor: 100 })
    )
    expect(decision).toMatchObject({
      kind: "transition",
      changes: { payId: "pay-7", qrId: "qr-7", paidAmountMinor: 100 }
    })
  })

  describe("a payment pays an order only through the order's own QRs", () => {
    it.each(["pending", "failed", "cancelled", "processing"] as const)(
      "keeps a payment through a QR this %s order never created, whatever orderId it names",
      (status) => {
        const decision = decideTransition(order(status), payment({ qrId: "qr-from-a-restored-database" }))
        expect(decision).toMatchObject({ kind: "keep", code: "foreign_qr" })
      }
    )

    it("accepts a payment on an order without any QR only on its exact terms", () => {
      const bare = order("pending", { qrId: undefined, qrIds: [] })
      expect(decideTransition(bare, payment({ qrId: "qr-9" }))).toMatchObject({
        kind: "transition",
        to: "processing",
        changes: { qrId: "qr-9" }
      })
      expect(decideTransition(bare, payment({ qrId: "qr-9", amountMinor: 15024 }))).toMatchObject({
        kind: "keep",
        code: "terms_mismatch"
      })
      expect(decideTransition(bare, payment({ qrId: "qr-9", currency: "EUR" }))).toMatchObject({
        kind: "keep",
        code: "terms_mismatch"
      })
    })
  })

  it("a refund the bank shows as partial may not complete the order", () => {
    const bankSays = (amountMinor: number, full: boolean): OrderEvent => ({
      type: "refund",
      refundId: "refund-9",
      payId: "pay-1",
      amountMinor,
      full
    })
    expect(outcome("processing", bankSays(15025, false))).toBe("ignore/refund_unconfirmed")
    expect(outcome("processing", bankSays(100, false))).toBe("processing/refund_partial")
    expect(outcome("processing", bankSays(1, true))).toBe("refunded/refund_full")
  })

  it("accumulates duplicate payIds", () => {
    const decision = decideTransition(
      order("processing", { duplicatePayIds: ["pay-8"] }),
      payment({ payId: "pay-9" })
    )
    expect(decision).toMatchObject({ changes: { duplicatePayIds: ["pay-8", "pay-9"] } })
  })

  it.each<[OrderStatus, string]>([
    ["pending", "cancelled/qr_expired"],
    ["failed", "ignore/not_pending"],
    ["processing", "ignore/not_pending"],
    ["completed", "ignore/not_pending"],
    ["on-hold", "ignore/not_pending"],
    ["cancelled", "ignore/not_pending"],
    ["refunded", "ignore/not_pending"]
  ])("QR expired unpaid on a %s order -> %s", (status, expected) => {
    expect(outcome(status, { type: "qr_closed", qrId: "qr-1", qrStatus: "Expired" })).toBe(expected)
  })

  it("QR cancelled unpaid -> cancelled; a replaced QR's closure is ignored", () => {
    expect(outcome("pending", { type: "qr_closed", qrId: "qr-1", qrStatus: "Cancelled" })).toBe(
      "cancelled/qr_cancelled"
    )
    expect(outcome("pending", { type: "qr_closed", qrId: "qr-0", qrStatus: "Expired" })).toBe(
      "ignore/stale_qr"
    )
  })

  const refund = (amountMinor: number, payId = "pay-1"): OrderEvent => ({
    type: "refund",
    refundId: "refund-1",
    payId,
    amountMinor
  })

  it.each<[OrderStatus, number, string]>([
    ["processing", 15025, "refunded/refund_full"],
    ["completed", 15025, "refunded/refund_full"],
    ["on-hold", 15025, "refunded/refund_full"],
    ["processing", 5000, "processing/refund_partial"],
    ["completed", 1, "completed/refund_partial"],
    ["on-hold", 15024, "on-hold/refund_partial"],
    ["refunded", 1, "ignore/already_refunded"]
  ])("a refund on a %s order of %i bani -> %s", (status, amount, expected) => {
    expect(outcome(status, refund(amount))).toBe(expected)
  })

  it.each<OrderStatus>(["pending", "failed", "cancelled"])(
    "a refund on an unpaid %s order is ignored",
    (status) => {
      expect(outcome(status, refund(100), { payId: "pay-1" })).toBe("ignore/not_paid")
    }
  )

  it("a refund of another payment is ignored; of a duplicate payment it clears the flag", () => {
    expect(outcome("processing", refund(100, "pay-x"))).toBe("ignore/unknown_payment")
    const decision = decideTransition(
      order("processing", { duplicatePayIds: ["pay-2", "pay-3"], duplicatePayment: true }),
      refund(15025, "pay-2")
    )
    expect(decision).toMatchObject({
      kind: "transition",
      to: "processing",
      code: "duplicate_payment_refunded",
      changes: { duplicatePayIds: ["pay-3"] }
    })
  })

  it("adds partial refunds up and goes refunded at the paid amount", () => {
    expect(outcome("processing", refund(25), { refundedAmountMinor: 15000 })).toBe("refunded/refund_full")
    expect(decideTransition(order("processing", { refundedAmountMinor: 100 }), refund(50))).toMatchObject({
      changes: { refundedAmountMinor: 150 }
    })
  })
})

describe("decideTransition: invariants over every order and event", () => {
  const statusArbitrary = fc.constantFrom(...ORDER_STATUSES)
  const eventArbitrary: fc.Arbitrary<OrderEvent> = fc.oneof(
    fc.record({
      type: fc.constant("payment" as const),
      payId: fc.constantFrom("pay-1", "pay-2", "pay-3"),
      qrId: fc.constantFrom("qr-1", "qr-2"),
      amountMinor: fc.integer({ min: 1, max: 10_000_000 }),
      currency: fc.constantFrom("MDL", "EUR")
    }),
    fc.record({
      type: fc.constant("qr_closed" as const),
      qrId: fc.constantFrom("qr-1", "qr-2"),
      qrStatus: fc.constantFrom("Expired" as const, "Cancelled" as const)
    }),
    fc.record({
      type: fc.constant("refund" as const),
      refundId: fc.string({ minLength: 1 }),
      payId: fc.constantFrom("pay-1", "pay-2"),
      amountMinor: fc.integer({ min: 1, max: 20_000 })
    }),
    fc.record({
      type: fc.constant("manual" as const),
      orderId: fc.constant("1001"),
      to: fc.constantFrom("cancelled" as const, "failed" as const, "completed" as const),
      reason: fc.string()
    })
  )

  const paidStatuses: ReadonlyArray<OrderStatus> = ["processing", "completed", "on-hold", "refunded"]

  it("never takes a paid order back to unpaid, and never loses a payment", () => {
    fc.assert(
      fc.property(statusArbitrary, eventArbitrary, (status, event) => {
        const decision = decideTransition(order(status), event)
        if (event.type === "payment" && event.qrId !== "qr-1") expect(decision.kind).not.toBe("transition")
        if (decision.kind !== "transition") return
        if (paidStatuses.includes(status)) expect(paidStatuses).toContain(decision.to)
        if (event.type === "payment") expect(["pending", "failed", "cancelled"]).not.toContain(decision.to)
      }),
      { numRuns: 2000 }
    )
  })

  it("is pure: the same input gives the same decision and the order is untouched", () => {
    fc.assert(
      fc.property(statusArbitrary, eventArbitrary, (status, event) => {
        const input = order(status)
        const snapshot = structuredClone(input)
        expect(decideTransition(input, event)).toEqual(decideTransition(input, event))
        expect(input).toEqual(snapshot)
      }),
      { numRuns: 500 }
    )
  })
})
