import { describe, expect, it } from "vitest"
import type { Order, OrderChange, OrderStatus, OrderStore } from "../../src/index.js"
import { MiaOrderError } from "../../src/index.js"
import { orderIn, paymentFor, uniqueId } from "./orders.js"
import { describeLedgerContract } from "./store-contract-ledger.js"

/** A store under test, with the clock it reads. */
export interface StoreFixture {
  readonly store: OrderStore
  readonly advance: (milliseconds: number) => void
}

const lastEntry = (order: Order) => order.history[order.history.length - 1]

/**
 * The behaviour every OrderStore must have: DESIGN.md's lifecycle table row by row, idempotency
 * under concurrency, the audit trail and the change notifications.
 */
export const describeOrderStoreContract = (name: string, setup: () => Promise<StoreFixture>) => {
  describeLedgerContract(name, setup)
  describe(`${name}: the order lifecycle table`, () => {
    describe("payment executed, amount and currency match", () => {
      it.each<OrderStatus>(["pending", "failed"])("%s -> processing", async (from) => {
        const { store } = await setup()
        const order = await orderIn(store, from)
        const payment = paymentFor(order)
        const result = await store.applyEvent(payment, { actor: "mia-callback" })
        expect(result.outcome).toBe("applied")
        const after = await store.getOrder(order.orderId)
        expect(after).toMatchObject({
          status: "processing",
          payId: payment.payId,
          paidAmountMinor: 15025,
          refundedAmountMinor: 0,
          duplicatePayment: false
        })
        expect(lastEntry(after as Order)).toMatchObject({
          from,
          to: "processing",
          code: "payment_received",
          actor: "mia-callback",
          payload: { source: "test" }
        })
      })

      it("pending -> completed for a virtual order", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "pending", { virtual: true })
        await store.applyEvent(paymentFor(order))
        expect((await store.getOrder(order.orderId))?.status).toBe("completed")
      })
    })

    describe("payment executed, amount or currency differs", () => {
      it.each<OrderStatus>(["pending", "failed"])(
        "%s -> on-hold when the amount differs, with a note",
        async (from) => {
          const { store } = await setup()
          const order = await orderIn(store, from)
          await store.applyEvent(paymentFor(order, { amountMinor: 15000 }))
          const after = (await store.getOrder(order.orderId)) as Order
          expect(after.status).toBe("on-hold")
          expect(after.paidAmountMinor).toBe(15000)
          expect(lastEntry(after)).toMatchObject({ code: "amount_mismatch", from, to: "on-hold" })
          expect(lastEntry(after)?.reason).toContain("150.00 MDL, expected 150.25 MDL")
        }
      )

      it.each<OrderStatus>(["pending", "failed"])("%s -> on-hold when the currency differs", async (from) => {
        const { store } = await setup()
        const order = await orderIn(store, from)
        await store.applyEvent(paymentFor(order, { currency: "EUR" }))
        const after = (await store.getOrder(order.orderId)) as Order
        expect(after.status).toBe("on-hold")
        expect(lastEntry(after)).toMatchObject({ code: "currency_mismatch", to: "on-hold" })
      })
    })

    it("payment executed after the order was cancelled: cancelled -> on-hold, the money is kept", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "cancelled")
      const payment = paymentFor(order)
      await store.applyEvent(payment)
      const after = (await store.getOrder(order.orderId)) as Order
      expect(after).toMatchObject({ status: "on-hold", payId: payment.payId, paidAmountMinor: 15025 })
      expect(lastEntry(after)).toMatchObject({
        from: "cancelled",
        to: "on-hold",
        code: "paid_after_cancellation"
      })
    })

    describe("second, different payId for a paid order", () => {
      it.each<OrderStatus>(["processing", "completed", "on-hold"])(
        "%s: unchanged, flagged as a duplicate payment to refund",
        async (from) => {
          const { store } = await setup()
          const order = await orderIn(store, from)
          const second = paymentFor(order)
          const result = await store.applyEvent(second)
          expect(result.outcome).toBe("applied")
          const after = (await store.getOrder(order.orderId)) as Order
          expect(after.status).toBe(from)
          expect(after.payId).toBe(order.payId)
          expect(after.paidAmountMinor).toBe(order.paidAmountMinor)
          expect(after.duplicatePayment).toBe(true)
          expect(after.duplicatePayIds).toEqual([second.payId])
          expect(lastEntry(after)).toMatchObject({ from, to: from, code: "duplicate_payment" })
        }
      )
    })

    describe("same payId again", () => {
      it.each<OrderStatus>(["processing", "on-hold", "completed", "refunded"])(
        "%s: unchanged, answered as a duplicate",
        async (status) => {
          const { store } = await setup()
          const order = await orderIn(store, status)
          const before = (await store.getOrder(order.orderId)) as Order
          const again = paymentFor(order, { payId: order.payId })
          const result = await store.applyEvent(again)
          expect(result.outcome).toBe("duplicate")
          expect(await store.getOrder(order.orderId)).toEqual(before)
        }
      )

      it("a payment redelivered for an order paid by it applies nothing, even after other changes", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "pending")
        const payment = paymentFor(order)
        await store.applyEvent(payment)
        await store.applyEvent({ type: "manual", orderId: order.orderId, to: "completed", reason: "Shipped" })
        const before = await store.getOrder(order.orderId)
        expect((await store.applyEvent(payment)).outcome).toBe("duplicate")
        expect(await store.getOrder(order.orderId)).toEqual(before)
      })
    })

    describe("QR expired or cancelled unpaid (reconciliation)", () => {
      it.each(["Expired", "Cancelled"] as const)(
        "pending -> cancelled when the QR is %s",
        async (qrStatus) => {
          const { store } = await setup()
          const order = await orderIn(store, "pending")
          const result = await store.applyEvent(
            { type: "qr_closed", qrId: order.qrId ?? "", qrStatus, payload: { status: qrStatus } },
            { actor: "reconciliation" }
          )
          expect(result.outcome).toBe("applied")
          const after = (await store.getOrder(order.orderId)) as Order
          expect(after.status).toBe("cancelled")
          expect(lastEntry(after)).toMatchObject({
            from: "pending",
            to: "cancelled",
            code: qrStatus === "Expired" ? "qr_expired" : "qr_cancelled",
            actor: "reconciliation"
          })
        }
      )

      it.each<OrderStatus>(["processing", "completed", "on-hold", "refunded", "failed", "cancelled"])(
        "%s: never downgraded by a late QR closure",
        async (status) => {
          const { store } = await setup()
          const order = await orderIn(store, status)
          const result = await store.applyEvent({
            type: "qr_closed",
            qrId: order.qrId ?? "",
            qrStatus: "Expired"
          })
          expect(result.outcome).toBe("ignored")
          expect((await store.getOrder(order.orderId))?.status).toBe(status)
        }
      )

      it("the closure of a replaced QR leaves the order pending", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "pending")
        const oldQr = order.qrId ?? ""
        await store.attachQr(order.orderId, {
          qrId: uniqueId("qr"),
          qrUrl: "https://x",
          qrExpiresAt: "2030-01-01T00:00:00.000Z"
        })
        const result = await store.applyEvent({ type: "qr_closed", qrId: oldQr, qrStatus: "Expired" })
        expect(result).toMatchObject({ outcome: "ignored", code: "stale_qr" })
        expect((await store.getOrder(order.orderId))?.status).toBe("pending")
      })
    })

    describe("refunds", () => {
      it.each<OrderStatus>(["processing", "completed", "on-hold"])(
        "full refund: %s -> refunded",
        async (from) => {
          const { store } = await setup()
          const order = await orderIn(store, from)
          const result = await store.applyEvent({
            type: "refund",
            refundId: uniqueId("refund"),
            payId: order.payId ?? "",
            orderId: order.orderId,
            amountMinor: order.paidAmountMinor
          })
          expect(result.outcome).toBe("applied")
          const after = (await store.getOrder(order.orderId)) as Order
          expect(after.status).toBe("refunded")
          expect(after.refundedAmountMinor).toBe(order.paidAmountMinor)
          expect(lastEntry(after)).toMatchObject({ from, to: "refunded", code: "refund_full" })
        }
      )

      it.each<OrderStatus>(["processing", "completed", "on-hold"])(
        "partial refund: %s unchanged, refunded amount recorded",
        async (from) => {
          const { store } = await setup()
          const order = await orderIn(store, from)
          await store.applyEvent({
            type: "refund",
            refundId: uniqueId("refund"),
            payId: order.payId ?? "",
            amountMinor: 5000
          })
          const after = (await store.getOrder(order.orderId)) as Order
          expect(after.status).toBe(from)
          expect(after.refundedAmountMinor).toBe(5000)
          expect(lastEntry(after)).toMatchObject({ from, to: from, code: "refund_partial" })
        }
      )

      it("partial refunds that add up to the paid amount make the order refunded", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "processing")
        const refund = (amountMinor: number) =>
          store.applyEvent({
            type: "refund",
            refundId: uniqueId("refund"),
            payId: order.payId ?? "",
            amountMinor
          })
        await refund(10_000)
        expect((await store.getOrder(order.orderId))?.status).toBe("processing")
        await refund(5_025)
        expect(await store.getOrder(order.orderId)).toMatchObject({
          status: "refunded",
          refundedAmountMinor: 15025
        })
      })

      it("the same refundId is applied once", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "processing")
        const event = {
          type: "refund",
          refundId: uniqueId("refund"),
          payId: order.payId ?? "",
          amountMinor: 1000
        } as const
        expect((await store.applyEvent(event)).outcome).toBe("applied")
        expect((await store.applyEvent(event)).outcome).toBe("duplicate")
        expect((await store.getOrder(order.orderId))?.refundedAmountMinor).toBe(1000)
      })

      it("a refund that overtook its payment is not swallowed: delivered again, it applies", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "pending")
        const payment = paymentFor(order)
        const refund = {
          type: "refund",
          refundId: uniqueId("refund"),
          payId: payment.payId,
          amountMinor: 2500
        } as const
        expect(await store.applyEvent({ ...refund, orderId: order.orderId })).toMatchObject({
          outcome: "ignored",
          code: "not_paid"
        })
        await store.applyEvent(payment)
        expect((await store.applyEvent(refund)).outcome).toBe("applied")
        expect((await store.applyEvent(refund)).outcome).toBe("duplicate")
        expect((await store.getOrder(order.orderId))?.refundedAmountMinor).toBe(2500)
      })

      it("refunding the duplicate payment clears the flag and keeps the order", async () => {
        const { store } = await setup()
        const order = await orderIn(store, "processing")
        const second = paymentFor(order)
        await store.applyEvent(second)
        await store.applyEvent({
          type: "refund",
          refundId: uniqueId("refund"),
          payId: second.payId,
          amountMinor: 15025
        })
        expect(await store.getOrder(order.orderId)).toMatchObject({
          status: "processing",
          duplicatePayment: false,
          duplicatePayIds: [],
          refundedAmountMinor: 0
        })
      })

      it.each<OrderStatus>(["pending", "cancelled", "failed"])(
        "%s: a refund changes nothing",
        async (status) => {
          const { store } = await setup()
          const order = await orderIn(store, status)
          const result = await store.applyEvent({
            type: "refund",
            refundId: uniqueId("refund"),
            payId: uniqueId("pay"),
            orderId: order.orderId,
            amountMinor: 100
          })
          expect(result.outcome).toBe("ignored")
          expect((await store.getOrder(order.orderId))?.status).toBe(status)
        }
      )
    })

    describe("manual decisions never downgrade", () => {
      it.each<[OrderStatus, "cancelled" | "failed" | "completed"]>([
        ["processing", "cancelled"],
        ["completed", "failed"],
        ["refunded", "completed"],
        ["on-hold", "cancelled"],
        ["cancelled", "failed"]
      ])("%s stays when asked to become %s", async (status, to) => {
        const { store } = await setup()
        const order = await orderIn(store, status)
        const result = await store.applyEvent({ type: "manual", orderId: order.orderId, to, reason: "test" })
        expect(result).toMatchObject({ outcome: "ignored", code: "not_allowed" })
        expect((await store.getOrder(order.orderId))?.status).toBe(status)
      })
    })
  })

  describe(`${name}: unknown orders`, () => {
    it("keeps a payment for an unknown order as unmatched, once", async () => {
      const { store } = await setup()
      const payId = uniqueId("pay")
      const event = {
        type: "payment",
        payId,
        qrId: uniqueId("qr"),
        orderId: uniqueId("missing"),
        amountMinor: 999,
        currency: "MDL",
        payload: { raw: true }
      } as const
      const result = await store.applyEvent(event)
      expect(result).toMatchObject({ outcome: "unmatched", payment: { payId, amountMinor: 999 } })
      expect((await store.applyEvent(event)).outcome).toBe("duplicate")
      const unmatched = (await store.listUnmatchedPayments()).filter((payment) => payment.payId === payId)
      expect(unmatched).toHaveLength(1)
      expect(unmatched[0]).toMatchObject({
        orderId: event.orderId,
        qrId: event.qrId,
        currency: "MDL",
        payload: { raw: true }
      })
    })

    it("a payment kept as unmatched stays processed once its order appears", async () => {
      const { store } = await setup()
      const orderId = uniqueId("late")
      const event = {
        type: "payment",
        payId: uniqueId("pay"),
        orderId,
        amountMinor: 1000,
        currency: "MDL"
      } as const
      expect((await store.applyEvent(event)).outcome).toBe("unmatched")
      await store.createOrder({ orderId, amount: 10 })
      expect((await store.applyEvent(event)).outcome).toBe("duplicate")
      expect(await store.getOrder(orderId)).toMatchObject({ status: "pending", paidAmountMinor: 0 })
    })

    it("finds the order by QR when the callback carries no orderId", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const result = await store.applyEvent(paymentFor(order, { orderId: undefined }))
      expect(result.outcome).toBe("applied")
      expect((await store.findOrderByQrId(order.qrId ?? ""))?.status).toBe("processing")
    })

    it("finds the order by an earlier QR of the same order", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const firstQr = order.qrId
      await store.attachQr(order.orderId, {
        qrId: uniqueId("qr"),
        qrUrl: "https://x",
        qrExpiresAt: "2030-01-01T00:00:00.000Z"
      })
      await store.applyEvent(paymentFor(order, { orderId: undefined, qrId: firstQr }))
      expect((await store.getOrder(order.orderId))?.status).toBe("processing")
    })

    it("ignores a refund or QR closure nobody knows", async () => {
      const { store } = await setup()
      const refund = await store.applyEvent({
        type: "refund",
        refundId: uniqueId("r"),
        payId: uniqueId("p"),
        amountMinor: 1
      })
      expect(refund).toMatchObject({ outcome: "ignored", code: "unknown_order" })
      const closed = await store.applyEvent({ type: "qr_closed", qrId: uniqueId("q"), qrStatus: "Expired" })
      expect(closed).toMatchObject({ outcome: "ignored", code: "unknown_order" })
    })
  })

  describe(`${name}: idempotency under concurrency`, () => {
    it("50 concurrent deliveries of the same payment apply it once", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const payment = paymentFor(order)
      const results = await Promise.all(Array.from({ length: 50 }, () => store.applyEvent(payment)))
      expect(results.filter((result) => result.outcome === "applied")).toHaveLength(1)
      expect(results.filter((result) => result.outcome === "duplicate")).toHaveLength(49)
      const after = (await store.getOrder(order.orderId)) as Order
      expect(after.status).toBe("processing")
      expect(after.history.filter((entry) => entry.code === "payment_received")).toHaveLength(1)
      expect(after.version).toBe(order.version + 1)
    })

    it("50 concurrent deliveries of the same unknown payment keep one unmatched record", async () => {
      const { store } = await setup()
      const payId = uniqueId("pay")
      const event = {
        type: "payment",
        payId,
        orderId: uniqueId("ghost"),
        amountMinor: 100,
        currency: "MDL"
      } as const
      const results = await Promise.all(Array.from({ length: 50 }, () => store.applyEvent(event)))
      expect(results.filter((result) => result.outcome === "unmatched")).toHaveLength(1)
      expect((await store.listUnmatchedPayments()).filter((payment) => payment.payId === payId)).toHaveLength(
        1
      )
    })

    it("two different payments racing for one order: one pays, the other is flagged", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const [first, second] = [paymentFor(order), paymentFor(order)]
      await Promise.all([store.applyEvent(first), store.applyEvent(second)])
      const after = (await store.getOrder(order.orderId)) as Order
      expect(after.status).toBe("processing")
      expect([first.payId, second.payId]).toContain(after.payId)
      expect(after.duplicatePayIds).toHaveLength(1)
      expect(after.duplicatePayIds[0]).not.toBe(after.payId)
    })

    it("concurrent partial refunds of one order all count", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "processing")
      await Promise.all(
        Array.from({ length: 5 }, () =>
          store.applyEvent({
            type: "refund",
            refundId: uniqueId("refund"),
            payId: order.payId ?? "",
            amountMinor: 1000
          })
        )
      )
      expect((await store.getOrder(order.orderId))?.refundedAmountMinor).toBe(5000)
    })
  })

  describe(`${name}: orders, audit trail and notifications`, () => {
    it("records every transition with time, reason, actor and payload", async () => {
      const { store, advance } = await setup()
      const order = await orderIn(store, "pending")
      advance(60_000)
      const payment = paymentFor(order, { payload: { callback: { payId: "evidence" } } })
      await store.applyEvent(payment, { actor: "mia-callback" })
      const after = (await store.getOrder(order.orderId)) as Order
      expect(after.history.map((entry) => entry.code)).toEqual([
        "order_created",
        "qr_created",
        "payment_received"
      ])
      const last = lastEntry(after)
      expect(last?.payload).toEqual({ callback: { payId: "evidence" } })
      expect(Date.parse(last?.at ?? "")).toBe(Date.parse(order.updatedAt) + 60_000)
      expect(after.updatedAt).toBe(last?.at)
      expect(last?.reason).toContain(payment.payId)
    })

    it("publishes each committed change on the event bus, and nothing for duplicates", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      const seen: Array<OrderChange> = []
      const unsubscribe = store.events.subscribe(order.orderId, (change) => seen.push(change))
      const payment = paymentFor(order)
      await store.applyEvent(payment)
      await store.applyEvent(payment)
      unsubscribe()
      await store.applyEvent({ type: "manual", orderId: order.orderId, to: "completed", reason: "Shipped" })
      expect(seen).toHaveLength(1)
      expect(seen[0]?.order.status).toBe("processing")
      expect(seen[0]?.transition).toMatchObject({ from: "pending", to: "processing" })
      expect(store.events.listenerCount(order.orderId)).toBe(0)
    })

    it("creates orders idempotently and refuses a conflicting one", async () => {
      const { store } = await setup()
      const orderId = uniqueId("order")
      const first = await store.createOrder({ orderId, amount: 10.5, description: "Tea" })
      expect(first).toMatchObject({
        orderId,
        amountMinor: 1050,
        currency: "MDL",
        status: "pending",
        version: 1
      })
      expect(await store.createOrder({ orderId, amount: 10.5, description: "Tea" })).toEqual(first)
      await expect(store.createOrder({ orderId, amount: 11, description: "Tea" })).rejects.toMatchObject({
        code: "order_exists"
      })
    })

    it.each([
      [{ orderId: "", amount: 1 }, "orderId"],
      [{ orderId: "x".repeat(101), amount: 1 }, "orderId"],
      [{ orderId: "a", amount: 0 }, "amount"],
      [{ orderId: "a", amount: 10.001 }, "amount"],
      [{ orderId: "a", amount: 100_000.01 }, "amount"],
      [{ orderId: "a", amount: 1, currency: "lei" }, "currency"],
      [{ orderId: "a", amount: 1, description: "d".repeat(501) }, "description"]
    ])("rejects an invalid order %j naming the field", async (input, field) => {
      const { store } = await setup()
      const error = await store.createOrder(input).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(MiaOrderError)
      expect(error).toMatchObject({ code: "invalid_order", field })
      expect(String((error as Error).message)).toContain(field)
    })

    it("attaches a QR and finds the order by it; an unknown order is refused", async () => {
      const { store } = await setup()
      const order = await orderIn(store, "pending")
      expect(await store.findOrderByQrId(order.qrId ?? "")).toMatchObject({
        orderId: order.orderId,
        qrUrl: order.qrUrl
      })
      await expect(
        store.attachQr(uniqueId("nobody"), { qrId: "q", qrUrl: "u", qrExpiresAt: "2030-01-01T00:00:00.000Z" })
      ).rejects.toMatchObject({ code: "order_not_found" })
    })

    it("lists pending orders by age for reconciliation", async () => {
      const { store, advance } = await setup()
      const old = await orderIn(store, "pending")
      advance(10 * 60_000)
      const paid = await orderIn(store, "processing")
      const fresh = await orderIn(store, "pending")
      const cutoff = new Date(Date.parse(fresh.updatedAt) - 60_000).toISOString()
      const due = await store.listOrders({ statuses: ["pending"], updatedBefore: cutoff })
      const ids = due.map((order) => order.orderId)
      expect(ids).toContain(old.orderId)
      expect(ids).not.toContain(fresh.orderId)
      expect(ids).not.toContain(paid.orderId)
    })
  })
}
