import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  createMemoryOrderStore,
  createMiaCallbackHandler,
  createMiaCheckout,
  createMiaReconciler,
  createSqlOrderStore,
  type MiaReconcilerOptions,
  type OrderStore,
  type ReconciliationReport
} from "../src/index.js"
import { CALLBACK_URL, startBank } from "./support/bank.js"
import { uniqueId } from "./support/orders.js"
import { sharedPglite } from "./support/pglite.js"
import { countingClient } from "./support/counting-client.js"

// The sandbox bank over loopback with the real client; the shop, the reconciler and the bank share
// one frozen clock, so "later" is a clock move and a QR expires at the bank when the shop says so.
// Nobody listens at CALLBACK_URL: every payment callback is lost unless a test replays it.
let bank: Awaited<ReturnType<typeof startBank>>
const database = sharedPglite()
// Starting PGlite blocks the event loop for seconds: before the client has a keep-alive socket to lose.
beforeAll(async () => {
  await database.get()
  bank = await startBank({ frozenClock: true })
}, 120_000)
afterAll(async () => {
  await bank.close()
  await database.close()
})

const SECOND = 1000
const MINUTE = 60 * SECOND

/** A shop on `store` with its reconciler; every report is checked against the requests the client really made. */
const shop = (store?: OrderStore, options: Partial<MiaReconcilerOptions> = {}) => {
  const now = bank.clock.now
  const orders = store ?? createMemoryOrderStore({ now })
  const counting = countingClient(bank.client)
  const reconciler = createMiaReconciler({
    store: orders,
    api: counting.api,
    now,
    onError: () => undefined,
    ...options
  })
  const checkout = createMiaCheckout({ store: orders, bank: bank.client, callbackUrl: CALLBACK_URL, now })
  return {
    store: orders,
    reconciler,
    calls: counting.calls,
    order: (orderId: string) => orders.getOrder(orderId),
    async run(): Promise<ReconciliationReport> {
      const before = counting.calls.length
      const report = await reconciler.runOnce()
      expect(report.failed).toEqual([])
      expect(report.bankCalls).toBe(counting.calls.length - before)
      return report
    },
    /** A new order with a QR from the checkout. */
    async orderWithQr(amount = 150.25) {
      const orderId = uniqueId("order")
      await orders.createOrder({ orderId, amount })
      const { session } = await checkout.checkout(orderId)
      return { orderId, qrId: session.qrId, expiresAt: Date.parse(session.expiresAt) }
    },
    async dueAt(orderId: string): Promise<number> {
      const at = (await orders.getOrder(orderId))?.nextCheckAt
      if (at === undefined) throw new Error(`Order ${orderId} is never checked`)
      return Date.parse(at)
    }
  }
}

describe("abandoned carts never starve a paid order", () => {
  it.each(["memory", "pglite"] as const)(
    "recovers a lost payment behind 250 QR-less and 250 older abandoned orders (%s store)",
    async (kind) => {
      const now = bank.clock.now
      const store =
        kind === "memory"
          ? createMemoryOrderStore({ now })
          : createSqlOrderStore({ db: await database.get(), now })
      const market = shop(store, { batchSize: 50 })
      const withoutQr = new Set<string>()
      for (let index = 0; index < 250; index++) {
        const orderId = uniqueId("no-qr")
        await store.createOrder({ orderId, amount: 10 })
        withoutQr.add(orderId)
      }
      const abandoned = new Set<string>()
      for (let index = 0; index < 250; index++) abandoned.add((await market.orderWithQr(10)).orderId)
      bank.clock.advance(MINUTE)
      const paid = await market.orderWithQr()
      await bank.sandbox.pay({ qrId: paid.qrId, amount: 150.25 })
      bank.clock.set(await market.dueAt(paid.orderId))

      // Every run takes the longest overdue first: the paid order waits behind the 250 at most.
      const runsNeeded = Math.ceil(251 / 50)
      let runs = 0
      while ((await market.order(paid.orderId))?.status === "pending" && runs < 3 * runsNeeded) {
        const report = await market.run()
        runs++
        expect(report.checked).toBeLessThanOrEqual(50)
        // An order with a QR costs at most two requests; QR-less orders are never candidates.
        expect(report.bankCalls).toBeLessThanOrEqual(2 * report.checked)
        const strangers = report.orders.filter(
          ({ orderId }) => !abandoned.has(orderId) && orderId !== paid.orderId
        )
        expect(strangers).toEqual([])
        bank.clock.advance(30 * SECOND)
      }
      expect(await market.order(paid.orderId)).toMatchObject({ status: "processing", paidAmountMinor: 15025 })
      expect(runs).toBeLessThanOrEqual(runsNeeded)
      const asked = market.calls.flatMap((call) => (call.method === "listPayments" ? [call.arg] : []))
      expect(asked.filter((filter) => withoutQr.has((filter as { orderId: string }).orderId))).toEqual([])
    },
    120_000
  )
})

describe("bank calls are bounded and reported", () => {
  it("stops at maxBankCalls, reports the requests it made, and leaves the rest for the next run", async () => {
    const { run, orderWithQr, calls } = shop(undefined, { maxBankCalls: 20 })
    const due: Array<string> = []
    for (let index = 0; index < 15; index++) due.push((await orderWithQr()).orderId)
    bank.clock.advance(MINUTE)

    const first = await run()
    // An order's checks are not cut in half: one order's worth (two requests) may run over.
    expect(first.bankCalls).toBeGreaterThanOrEqual(20)
    expect(first.bankCalls).toBeLessThanOrEqual(20 + 2)
    expect(calls).toHaveLength(first.bankCalls)
    expect(first.deferred).toBeGreaterThan(0)
    expect(first.checked + first.deferred).toBe(due.length)

    const checked = new Set(first.orders.map((order) => order.orderId))
    const second = await run()
    expect(second.deferred).toBe(0)
    expect(second.orders.map((order) => order.orderId).sort()).toEqual(
      due.filter((id) => !checked.has(id)).sort()
    )
  })
})

describe("backoff", () => {
  it("checks an unpaid QR less often as it ages, then cancels the order once the bank says it expired", async () => {
    const { run, orderWithQr, order, dueAt } = shop()
    const { orderId, qrId, expiresAt } = await orderWithQr()
    const intervals: Array<number> = []
    while (intervals.length < 30 && (await dueAt(orderId)) < expiresAt) {
      const due = await dueAt(orderId)
      bank.clock.set(due - 1)
      expect((await run()).checked).toBe(0)
      bank.clock.set(due)
      expect(await run()).toMatchObject({ checked: 1, applied: 0, bankCalls: 2 })
      expect((await order(orderId))?.status).toBe("pending")
      intervals.push((await dueAt(orderId)) - due)
    }
    expect(intervals.length).toBeGreaterThan(3)
    for (const interval of intervals) expect(interval).toBeGreaterThan(0)
    expect(intervals).toEqual([...intervals].sort((a, b) => a - b))
    expect(intervals.at(-1)).toBeGreaterThan(4 * (intervals[0] ?? 0))

    // The check after expiry is soon after it, not a full interval later, and the bank says Expired.
    const afterExpiry = await dueAt(orderId)
    expect(afterExpiry).toBeLessThanOrEqual(expiresAt + MINUTE)
    bank.clock.set(afterExpiry)
    expect((await bank.client.getQr(qrId)).status).toBe("Expired")
    expect(await run()).toMatchObject({ checked: 1, applied: 1 })
    const cancelled = await order(orderId)
    expect(cancelled).toMatchObject({ status: "cancelled", nextCheckAt: undefined })
    expect(cancelled?.history.at(-1)).toMatchObject({ code: "qr_expired", actor: "reconciliation" })
  })
})

describe("a payment through a QR the order never created", () => {
  it("is kept unmatched as foreign_qr and the order stays pending", async () => {
    const { run, orderWithQr, order, dueAt, store } = shop()
    const { orderId } = await orderWithQr(40)
    // Staging (or a restored database) created its own QR with the same order id, and it was paid.
    const foreign = await bank.client.createQr({
      type: "Dynamic",
      amountType: "Fixed",
      amount: 40,
      currency: "MDL",
      description: "staging",
      orderId,
      expiresAt: new Date(bank.clock.now() + 15 * MINUTE),
      callbackUrl: CALLBACK_URL
    })
    const { payId } = await bank.sandbox.pay({ qrId: foreign.qrId, amount: 40 })
    bank.clock.set(await dueAt(orderId))

    const report = await run()
    expect(report).toMatchObject({ checked: 1, applied: 0 })
    expect(report.orders[0]?.results).toEqual([expect.objectContaining({ outcome: "unmatched" })])
    expect(await order(orderId)).toMatchObject({ status: "pending", paidAmountMinor: 0 })
    expect(await store.listUnmatchedPayments()).toEqual([
      expect.objectContaining({ payId, orderId, code: "foreign_qr" })
    ])
    expect((await order(orderId))?.nextCheckAt).toBeDefined()
  })
})

describe("a refund made in the maib portal", () => {
  it("refunds the paid order on its next due check", async () => {
    const { run, orderWithQr, order, dueAt, store } = shop()
    const { orderId, qrId } = await orderWithQr()
    const { payId } = await bank.sandbox.pay({ qrId, amount: 150.25 })
    const handler = createMiaCallbackHandler({
      signatureKey: bank.signatureKey,
      store,
      confirmWith: bank.client
    })
    expect((await handler.handle(await bank.callbackBody({ payId, kind: "payment" }))).outcome).toBe(
      "applied"
    )
    await bank.client.refundPayment(payId, { reason: "Refunded in the maib portal" })

    const due = await dueAt(orderId)
    bank.clock.set(due - 1)
    expect((await run()).checked).toBe(0)
    expect(await order(orderId)).toMatchObject({ status: "processing", refundedAmountMinor: 0 })
    bank.clock.set(due)
    expect(await run()).toMatchObject({ checked: 1, applied: 1, bankCalls: 1 })
    expect(await order(orderId)).toMatchObject({
      status: "refunded",
      refundedAmountMinor: 15025,
      nextCheckAt: undefined
    })
  })
})

describe("ledger refunds whose answer was lost", () => {
  const options = { refundCheckAfterMs: MINUTE, lostRefundAfterMs: 15 * MINUTE }

  /** An order paid at the bank, its callback lost, recovered by reconciliation. */
  const paidOrder = async (paidShop: ReturnType<typeof shop>) => {
    const { orderId, qrId } = await paidShop.orderWithQr()
    const { payId } = await bank.sandbox.pay({ qrId, amount: 150.25 })
    expect((await paidShop.reconciler.reconcileOrder(orderId)).status).toBe("processing")
    const refund = (idempotencyKey: string) =>
      paidShop.store.beginRefund({
        orderId,
        idempotencyKey,
        amountMinor: undefined,
        reason: "Returned",
        actor: "admin"
      })
    return { orderId, payId, refund }
  }

  it("settles a refund the bank accepted from the bank's record of the payment", async () => {
    const refundShop = shop(undefined, options)
    const { orderId, payId, refund } = await paidOrder(refundShop)
    const begun = await refund("key-1")
    await bank.client.refundPayment(payId, { reason: "Returned" })

    // Too fresh: the request that wrote it may still be waiting for the bank.
    expect(await refundShop.run()).toMatchObject({ refundsSettled: 0, bankCalls: 0 })
    bank.clock.advance(MINUTE + 1)
    expect(await refundShop.run()).toMatchObject({ refundsSettled: 1, checked: 0 })
    expect(await refundShop.store.listRefunds({ orderId })).toEqual([
      expect.objectContaining({
        refundKey: begun.refund.refundKey,
        status: "accepted",
        bankStatus: "Refunded"
      })
    ])
    expect(await refundShop.order(orderId)).toMatchObject({ status: "refunded", refundedAmountMinor: 15025 })
  })

  it("fails a pending refund the bank never saw after lostRefundAfterMs, freeing the remainder", async () => {
    const refundShop = shop(undefined, options)
    const { orderId, refund } = await paidOrder(refundShop)
    const lost = await refund("key-1")
    await expect(refund("key-2")).rejects.toMatchObject({ code: "refund_in_progress" })

    bank.clock.advance(5 * MINUTE)
    expect(await refundShop.run()).toMatchObject({ refundsSettled: 0, bankCalls: 1 })
    expect((await refundShop.store.listRefunds({ orderId }))[0]?.status).toBe("pending")
    bank.clock.advance(10 * MINUTE + 1)
    expect(await refundShop.run()).toMatchObject({ refundsSettled: 1 })
    expect(await refundShop.store.listRefunds({ orderId })).toEqual([
      expect.objectContaining({ refundKey: lost.refund.refundKey, status: "failed" })
    ])
    expect(await refundShop.order(orderId)).toMatchObject({ status: "processing", refundedAmountMinor: 0 })
    expect(await refund("key-2")).toMatchObject({ outcome: "started", refund: { amountMinor: 15025 } })
  })

  it("never takes an earlier refund's date at the bank as proof of a later, lost one", async () => {
    const refundShop = shop(undefined, options)
    const { orderId, payId } = await paidOrder(refundShop)
    const partial = (idempotencyKey: string) =>
      refundShop.store.beginRefund({
        orderId,
        idempotencyKey,
        amountMinor: 5000,
        reason: "Part",
        actor: "admin"
      })
    const first = await partial("key-1")
    const answer = await bank.client.refundPayment(payId, { amount: 50, reason: "Part" })
    await refundShop.store.finishRefund(first.refund.refundKey, {
      status: "accepted",
      bankRefundId: answer.refundId,
      bankStatus: answer.status
    })
    bank.clock.advance(30 * SECOND)
    const lost = await partial("key-2") // never reaches the bank
    bank.clock.advance(16 * MINUTE)
    expect(await refundShop.run()).toMatchObject({ refundsSettled: 1 })
    expect(
      (await refundShop.store.listRefunds({ orderId })).find(
        (refund) => refund.refundKey === lost.refund.refundKey
      )
    ).toMatchObject({
      status: "failed"
    })
    expect(await refundShop.order(orderId)).toMatchObject({ status: "processing", refundedAmountMinor: 5000 })
  })
})
