import { describe, expect, it } from "vitest"
import { MiaOrderError, type NewRefund, type OrderStore } from "../../src/index.js"
import type { StoreFixture } from "./store-contract.js"
import { orderIn, paymentFor, uniqueId } from "./orders.js"

const refundOf = (orderId: string, overrides: Partial<NewRefund> = {}): NewRefund => ({
  orderId,
  idempotencyKey: uniqueId("key"),
  amountMinor: 1000,
  reason: "Returned",
  actor: "admin@shop.example",
  ...overrides
})

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof MiaOrderError ? { code: error.code, field: error.field } : error)
  )

const paidOrder = (store: OrderStore) => orderIn(store, "processing")

/** The refund ledger and the QR matching rule, on every store. */
export const describeLedgerContract = (name: string, setup: () => Promise<StoreFixture>) => {
  describe(`${name}: the refund ledger`, () => {
    it("writes a refund as pending, then records the bank's acceptance on the order, once", async () => {
      const { store } = await setup()
      const order = await paidOrder(store)
      const begun = await store.beginRefund(refundOf(order.orderId, { amountMinor: 550 }))
      expect(begun).toMatchObject({
        outcome: "started",
        refund: { status: "pending", amountMinor: 550, payId: order.payId }
      })
      if (begun.outcome !== "started") return
      const bankRefundId = uniqueId("bank-refund")
      const accepted = { status: "accepted", bankRefundId, bankStatus: "Created" } as const
      const finished = await store.finishRefund(begun.refund.refundKey, accepted)
      expect(finished.refund).toMatchObject({ status: "accepted", bankRefundId, bankStatus: "Created" })
      expect(finished.applied?.outcome).toBe("applied")
      const again = await store.finishRefund(begun.refund.refundKey, accepted)
      expect(again.applied).toBeUndefined()
      expect(await store.getOrder(order.orderId)).toMatchObject({
        status: "processing",
        refundedAmountMinor: 550
      })
      expect(await store.listRefunds({ bankRefundId })).toEqual([finished.refund])
    })

    it("returns the first refund for a repeated idempotency key and refuses another request under it", async () => {
      const { store } = await setup()
      const order = await paidOrder(store)
      const request = refundOf(order.orderId)
      const first = await store.beginRefund(request)
      const second = await store.beginRefund(request)
      expect(second).toEqual({ outcome: "existing", refund: first.refund })
      expect(await refusal(store.beginRefund({ ...request, amountMinor: 2000 }))).toEqual({
        code: "idempotency_key_reused",
        field: undefined
      })
      expect(await store.listRefunds({ orderId: order.orderId })).toHaveLength(1)
    })

    it("counts pending refunds against the remainder; a failed one frees it", async () => {
      const { store } = await setup()
      const order = await paidOrder(store)
      const big = await store.beginRefund(refundOf(order.orderId, { amountMinor: 10_000 }))
      expect(await refusal(store.beginRefund(refundOf(order.orderId, { amountMinor: 6000 })))).toEqual({
        code: "invalid_refund",
        field: "amount"
      })
      const rest = await store.beginRefund(refundOf(order.orderId, { amountMinor: undefined }))
      expect(rest.refund.amountMinor).toBe(5025)
      expect(await refusal(store.beginRefund(refundOf(order.orderId)))).toMatchObject({
        code: "refund_in_progress"
      })
      await store.finishRefund(big.refund.refundKey, { status: "failed", failure: "14016" })
      const retry = await store.beginRefund(refundOf(order.orderId, { amountMinor: 10_000 }))
      expect(retry.outcome).toBe("started")
    })

    it("counts an accepted refund once while its ledger row is still being settled", async () => {
      const { store } = await setup()
      const order = await paidOrder(store)
      const first = await store.beginRefund(refundOf(order.orderId, { amountMinor: 5000 }))
      // What finishRefund does first (and what a crash right after leaves): the order records it.
      const applied = await store.applyEvent({
        type: "refund",
        refundId: first.refund.refundKey,
        payId: first.refund.payId,
        orderId: order.orderId,
        amountMinor: 5000
      })
      expect(applied.outcome).toBe("applied")
      const rest = await store.beginRefund(refundOf(order.orderId, { amountMinor: undefined }))
      expect(rest.refund.amountMinor).toBe(order.paidAmountMinor - 5000)
      const settled = await store.finishRefund(first.refund.refundKey, {
        status: "accepted",
        bankStatus: "Created"
      })
      expect(settled.applied?.outcome).toBe("duplicate")
      expect((await store.getOrder(order.orderId))?.refundedAmountMinor).toBe(5000)
    })

    it("never lets concurrent refunds exceed the paid amount", async () => {
      const { store } = await setup()
      const order = await paidOrder(store)
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, () => store.beginRefund(refundOf(order.orderId, { amountMinor: 2000 })))
      )
      const started = attempts.filter((attempt) => attempt.status === "fulfilled")
      expect(started).toHaveLength(7)
      const pending = await store.listRefunds({ orderId: order.orderId, status: "pending" })
      expect(pending.reduce((sum, refund) => sum + refund.amountMinor, 0)).toBeLessThanOrEqual(
        order.paidAmountMinor
      )
    })

    it("refuses orders that are not paid, and unknown ones", async () => {
      const { store } = await setup()
      const pending = await orderIn(store, "pending")
      expect(await refusal(store.beginRefund(refundOf(pending.orderId)))).toMatchObject({
        code: "order_not_refundable"
      })
      expect(await refusal(store.beginRefund(refundOf("no-such-order")))).toMatchObject({
        code: "order_not_found"
      })
    })

    it("keeps an unconfirmed refund notice once", async () => {
      const { store } = await setup()
      const notice = {
        refundId: uniqueId("r"),
        payId: "p-1",
        amountMinor: 500,
        reason: "unconfirmed",
        receivedAt: "2026-11-21T12:00:00.000Z"
      }
      expect(await store.recordRefundNotice(notice)).toBe(true)
      expect(await store.recordRefundNotice(notice)).toBe(false)
      expect(await store.listRefundNotices()).toContainEqual(
        expect.objectContaining({ refundId: notice.refundId, amountMinor: 500 })
      )
    })
  })

  describe(`${name}: a payment pays an order only through its own QRs`, () => {
    it("keeps a payment naming the order through a foreign QR, once, and the order stays unpaid", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const foreign = paymentFor(order, { qrId: uniqueId("foreign-qr") })
      const result = await store.applyEvent(foreign)
      expect(result).toMatchObject({
        outcome: "unmatched",
        payment: { code: "foreign_qr", orderId: order.orderId }
      })
      expect((await store.applyEvent(foreign)).outcome).toBe("duplicate")
      expect((await store.getOrder(order.orderId))?.status).toBe("pending")
      expect(await store.listUnmatchedPayments()).toContainEqual(
        expect.objectContaining({ payId: foreign.payId, code: "foreign_qr" })
      )
    })

    it("finds the order by its QR before the orderId the payment names", async () => {
      const { store } = await setup()
      const [mine, other] = [await orderIn(store, "pending"), await orderIn(store, "pending")]
      const result = await store.applyEvent(paymentFor(mine, { orderId: other.orderId }))
      expect(result).toMatchObject({
        outcome: "applied",
        order: { orderId: mine.orderId, status: "processing" }
      })
      expect((await store.getOrder(other.orderId))?.status).toBe("pending")
    })

    it("accepts a payment through any QR the order ever had, and records new ones", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const oldQr = order.qrId
      const replaced = await store.attachQr(order.orderId, {
        qrId: uniqueId("qr"),
        qrUrl: "https://mia-qr.bnm.md/1/m/BNM/AGRnew",
        qrExpiresAt: "2030-01-01T00:00:00.000Z"
      })
      expect(replaced.qrIds).toEqual([oldQr, replaced.qrId])
      expect((await store.applyEvent(paymentFor(order, { qrId: oldQr }))).outcome).toBe("applied")
    })

    it("pays an order without a QR only on its exact terms", async () => {
      const { store } = await setup()
      const orderId = uniqueId("order")
      const order = await store.createOrder({ orderId, amount: 150.25 })
      const wrong = await store.applyEvent(paymentFor(order, { qrId: uniqueId("qr"), amountMinor: 15000 }))
      expect(wrong).toMatchObject({ outcome: "unmatched", payment: { code: "terms_mismatch" } })
      const qrId = uniqueId("qr")
      const right = await store.applyEvent(paymentFor(order, { qrId }))
      expect(right).toMatchObject({ outcome: "applied", order: { status: "processing", qrIds: [qrId] } })
      expect((await store.findOrderByQrId(qrId))?.orderId).toBe(orderId)
    })
  })

  describe(`${name}: the reconciliation schedule`, () => {
    it("schedules a check soon after a QR is shown, lists due orders oldest due first, clears it when final", async () => {
      const { store, advance } = await setup()
      const first = await orderIn(store, "pending")
      advance(1000)
      const second = await orderIn(store, "pending")
      expect(first.nextCheckAt).toBeDefined()
      const horizon = new Date(Date.parse(second.nextCheckAt ?? "") + 1).toISOString()
      const due = (await store.listDueOrders({ now: horizon, limit: 1000 })).map((order) => order.orderId)
      expect(due.indexOf(first.orderId)).toBeLessThan(due.indexOf(second.orderId))
      await store.scheduleCheck(first.orderId, "2099-01-01T00:00:00.000Z")
      expect((await store.getOrder(first.orderId))?.nextCheckAt).toBe("2099-01-01T00:00:00.000Z")
      const cancelled = await store.applyEvent({
        type: "manual",
        orderId: second.orderId,
        to: "cancelled",
        reason: "Left"
      })
      expect(cancelled).toMatchObject({ outcome: "applied", order: { nextCheckAt: undefined } })
      const after = (await store.listDueOrders({ now: horizon, limit: 1000 })).map((order) => order.orderId)
      expect(after).not.toContain(first.orderId)
      expect(after).not.toContain(second.orderId)
    })
  })
}
