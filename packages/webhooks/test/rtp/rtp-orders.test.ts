import { verifyMiaRtpCallback } from "@mia-sdk/core/callback"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  createMemoryOrderStore,
  createMiaCallbackHandler,
  createMiaCheckout,
  createMiaReconciler,
  createSqlOrderStore,
  MiaOrderError,
  type OrderStore,
  placeholderPayId
} from "../../src/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "../support/bank.js"
import { uniqueId } from "../support/orders.js"
import { sharedPglite } from "../support/pglite.js"

// The sandbox bank over loopback with the real QR and RTP clients, on one frozen clock shared by
// the shop, the reconciler and the bank. Nobody listens at CALLBACK_URL: a test hands each
// callback the bank sent to the handler itself, or "loses" it and lets reconciliation find it.
let bank: TestBank
const database = sharedPglite()
beforeAll(async () => {
  await database.get()
  bank = await startBank({ frozenClock: true })
}, 120_000)
afterAll(async () => {
  await bank.close()
  await database.close()
})

const MINUTE = 60_000
let phone = 69_000_000
/** A fresh payer number per test: the bank allows one pending request per number. */
const newAlias = () => `373${++phone}`

const stores = {
  memory: async () => createMemoryOrderStore({ now: bank.clock.now }),
  pglite: async () => createSqlOrderStore({ db: await database.get(), now: bank.clock.now })
} as const

const shopOn = async (kind: keyof typeof stores) => {
  const store: OrderStore = await stores[kind]()
  const now = bank.clock.now
  const warnings: Array<string> = []
  const checkout = createMiaCheckout({
    store,
    bank: bank.client,
    rtp: bank.rtp,
    callbackUrl: CALLBACK_URL,
    now,
    onWarning: (message) => warnings.push(message)
  })
  const callbacks = createMiaCallbackHandler({
    signatureKey: bank.signatureKey,
    store,
    confirmWith: bank.client,
    rtp: bank.rtp,
    now,
    onError: () => undefined,
    onWarning: (message) => warnings.push(message)
  })
  const reconciler = createMiaReconciler({
    store,
    api: bank.client,
    rtp: bank.rtp,
    now,
    onError: () => undefined
  })
  const newOrder = async (amount = 150.25) => {
    const orderId = uniqueId("rtp-order")
    await store.createOrder({ orderId, amount, description: `Order ${orderId}` })
    return orderId
  }
  const order = async (orderId: string) => {
    const found = await store.getOrder(orderId)
    if (found === undefined) throw new Error(`no order ${orderId}`)
    return found
  }
  /** The payer accepts on their phone; the bank's signed callback is handed to the shop. */
  const acceptOnPhone = async (rtpId: string, deliver = true) => {
    const payment = await bank.sandbox.rtp.accept(rtpId)
    const body = await bank.callbackBody({ payId: payment.payId, kind: "rtp" })
    return { payId: payment.payId, body, result: deliver ? await callbacks.handle(body) : undefined }
  }
  return { store, checkout, callbacks, reconciler, newOrder, order, acceptOnPhone, warnings }
}

describe.each(["memory", "pglite"] as const)("pay by phone number (%s store)", (kind) => {
  it("sends one request per order: a double-click and a burst get the same one", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const alias = newAlias()
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => shop.checkout.requestRtp(orderId, { alias }))
    )
    const rtpIds = new Set(burst.map((outcome) => outcome.session.rtpId))
    expect(rtpIds.size).toBe(1)
    const again = await shop.checkout.requestRtp(orderId, { alias })
    expect(again).toMatchObject({ created: false, session: { reused: true, status: "pending" } })
    expect(bank.sandbox.rtp.list({ orderId })).toHaveLength(1)
    const [request] = bank.sandbox.rtp.inbox(alias)
    expect(request).toMatchObject({ orderId, amount: 150.25, status: "Created" })
    expect(again.session.alias).toBe(`373*****${alias.slice(-3)}`)
    const order = await shop.order(orderId)
    expect(order.rtps).toMatchObject([{ rtpId: request?.rtpId, alias, status: "pending" }])
    expect(order.history.map((entry) => entry.code)).toEqual(["order_created", "rtp_requested"])
  })

  it("refuses a malformed number before anything is sent", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    for (const alias of ["+37369000000", "069000000", "3736900000", 37369000000, undefined]) {
      const error = await shop.checkout.requestRtp(orderId, { alias }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(MiaOrderError)
      expect(error).toMatchObject({ code: "invalid_rtp", field: "alias" })
    }
    expect(bank.sandbox.rtp.list({ orderId })).toEqual([])
    expect((await shop.order(orderId)).version).toBe(1)
  })

  it("a request to another number withdraws the first: never two open requests", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const first = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    const second = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    expect(second.session.rtpId).not.toBe(first.session.rtpId)
    expect(bank.sandbox.rtp.get(first.session.rtpId)?.status).toBe("Cancelled")
    expect((await shop.order(orderId)).rtps.map((rtp) => rtp.status)).toEqual(["cancelled", "pending"])
  })

  it("the payer accepts: the callback pays the order once, and its QR is cancelled", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const { session: qr } = await shop.checkout.checkout(orderId)
    const { session } = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    const { payId, body, result } = await shop.acceptOnPhone(session.rtpId)
    expect(result).toMatchObject({ status: 200, outcome: "applied" })
    expect(await shop.callbacks.handle(body)).toMatchObject({ status: 200, outcome: "duplicate" })
    const order = await shop.order(orderId)
    expect(order).toMatchObject({
      status: "processing",
      payId,
      paidAmountMinor: 15025,
      duplicatePayment: false
    })
    expect(order.rtps).toMatchObject([{ rtpId: session.rtpId, status: "accepted", payId }])
    expect((await bank.client.getQr(qr.qrId)).status).toBe("Cancelled")
    // A paid order answers a repeated request with the one that paid it, and sends nothing new.
    const repeat = await shop.checkout.requestRtp(orderId, { alias: order.rtps[0]?.alias })
    expect(repeat).toMatchObject({
      created: false,
      session: { rtpId: session.rtpId, orderStatus: "processing" }
    })
    expect(bank.sandbox.rtp.list({ orderId })).toHaveLength(1)
  })

  it("paid by QR: the open request is withdrawn at the bank", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const { session: qr } = await shop.checkout.checkout(orderId)
    const { session } = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    const paid = await bank.sandbox.pay({ qrId: qr.qrId, amount: 150.25 })
    const result = await shop.callbacks.handle(
      await bank.callbackBody({ payId: paid.payId, kind: "payment" })
    )
    expect(result).toMatchObject({ status: 200, outcome: "applied" })
    expect(bank.sandbox.rtp.get(session.rtpId)?.status).toBe("Cancelled")
    const order = await shop.order(orderId)
    expect(order.rtps).toMatchObject([{ status: "cancelled" }])
    expect(order.history.map((entry) => entry.code)).toContain("rtp_cancelled")
  })

  it("accepted on the phone while the QR paid too: the second payment is flagged, not lost", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const { session: qr } = await shop.checkout.checkout(orderId)
    const { session } = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    // The payer accepts the request while someone scans the QR: the RTP's callback is still on its way.
    const onPhone = await shop.acceptOnPhone(session.rtpId, false)
    const paid = await bank.sandbox.pay({ qrId: qr.qrId, amount: 150.25 })
    await shop.callbacks.handle(await bank.callbackBody({ payId: paid.payId, kind: "payment" }))
    // Withdrawing the request failed (already accepted): the bank's record of it was applied.
    let order = await shop.order(orderId)
    expect(order).toMatchObject({ status: "processing", payId: paid.payId, paidAmountMinor: 15025 })
    expect(order.duplicatePayIds).toEqual([placeholderPayId(session.rtpId)])
    // The RTP callback arrives: its real payId replaces the placeholder, nothing is paid twice.
    expect(await shop.callbacks.handle(onPhone.body)).toMatchObject({ status: 200, outcome: "applied" })
    order = await shop.order(orderId)
    expect(order).toMatchObject({ payId: paid.payId, paidAmountMinor: 15025, duplicatePayment: true })
    expect(order.duplicatePayIds).toEqual([onPhone.payId])
    expect(order.history.map((entry) => entry.code)).toEqual(
      expect.arrayContaining(["payment_received", "duplicate_payment", "payment_identified"])
    )
  })

  it("a lost RTP callback is recovered by reconciliation and identified by a late delivery", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const { session } = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    const lost = await shop.acceptOnPhone(session.rtpId, false)
    bank.clock.advance(MINUTE)
    const report = await shop.reconciler.runOnce()
    expect(report.failed).toEqual([])
    let order = await shop.order(orderId)
    expect(order).toMatchObject({
      status: "processing",
      payId: placeholderPayId(session.rtpId),
      paidAmountMinor: 15025
    })
    // The bank retries the callback until it is answered 200: the real payId replaces the placeholder.
    expect(await shop.callbacks.handle(lost.body)).toMatchObject({ status: 200, outcome: "applied" })
    order = await shop.order(orderId)
    expect(order).toMatchObject({
      status: "processing",
      payId: lost.payId,
      paidAmountMinor: 15025,
      duplicatePayment: false
    })
    expect(order.rtps).toMatchObject([{ status: "accepted", payId: lost.payId }])
  })

  it("declined and expired requests are recorded by reconciliation; the order stays payable", async () => {
    const shop = await shopOn(kind)
    const declinedOrder = await shop.newOrder()
    const declined = await shop.checkout.requestRtp(declinedOrder, { alias: newAlias() })
    await bank.sandbox.rtp.reject(declined.session.rtpId)
    const expiringOrder = await shop.newOrder()
    const expiring = await shop.checkout.requestRtp(expiringOrder, { alias: newAlias() })
    bank.clock.advance(16 * MINUTE)
    await shop.reconciler.reconcileOrder(declinedOrder)
    await shop.reconciler.reconcileOrder(expiringOrder)
    expect(await shop.order(declinedOrder)).toMatchObject({
      status: "pending",
      rtps: [{ status: "rejected" }]
    })
    expect(await shop.order(expiringOrder)).toMatchObject({
      status: "pending",
      rtps: [{ status: "expired" }]
    })
    const retry = await shop.checkout.requestRtp(declinedOrder, { alias: newAlias() })
    expect(retry.created).toBe(true)
    expect(retry.session.rtpId).not.toBe(declined.session.rtpId)
    expect(expiring.session.rtpId).toBeDefined()
  })

  it("refunds a payment by phone in full only; a partial amount is refused before the bank is asked", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const { session } = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    await shop.acceptOnPhone(session.rtpId)
    const partial = await shop.checkout
      .refund(orderId, { amount: 10, reason: "One item" }, { actor: "admin" })
      .catch((caught: unknown) => caught)
    expect(partial).toMatchObject({ code: "invalid_refund", field: "amount" })
    expect(await shop.store.listRefunds({ orderId })).toEqual([])
    const full = await shop.checkout.refund(orderId, { reason: "Returned" }, { actor: "admin" })
    expect(full.refund).toMatchObject({ status: "accepted", amountMinor: 15025 })
    expect(full.order).toMatchObject({ status: "refunded", refundedAmountMinor: 15025 })
  })

  it("a lost answer to an RTP refund is settled by asking again: the bank refunds once", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    const { session } = await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    const { payId } = await shop.acceptOnPhone(session.rtpId)
    const lossy = {
      ...bank.rtp,
      refundRtp: async (id: string, input: { readonly reason: string }) => {
        await bank.rtp.refundRtp(id, input)
        throw new TypeError("fetch failed: the answer was lost")
      }
    }
    const checkout = createMiaCheckout({
      store: shop.store,
      bank: bank.client,
      rtp: lossy,
      callbackUrl: CALLBACK_URL,
      now: bank.clock.now,
      onWarning: () => undefined
    })
    const pending = await checkout.refund(orderId, { reason: "Returned" }, { actor: "admin" })
    expect(pending.refund.status).toBe("pending")
    bank.clock.advance(2 * MINUTE)
    const report = await shop.reconciler.runOnce()
    expect(report.refundsSettled).toBe(1)
    expect(await shop.order(orderId)).toMatchObject({ status: "refunded", refundedAmountMinor: 15025 })
    // The bank refunded exactly once: a further refund is refused as already done.
    await expect(bank.rtp.refundRtp(payId, { reason: "again" })).rejects.toMatchObject({
      _tag: "MiaApiError"
    })
  })

  it("limits how many requests one order may send", async () => {
    const shop = await shopOn(kind)
    const orderId = await shop.newOrder()
    for (let index = 0; index < 5; index++) await shop.checkout.requestRtp(orderId, { alias: newAlias() })
    const error = await shop.checkout
      .requestRtp(orderId, { alias: newAlias() })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: "rtp_limit_reached" })
    expect(bank.sandbox.rtp.list({ orderId })).toHaveLength(5)
  })
})

describe("forged RTP callbacks", () => {
  it("a genuine QR callback with its keys renamed to an RTP's is refused: the bank knows no such request", async () => {
    const shop = await shopOn("memory")
    const orderId = await shop.newOrder()
    const { session: qr } = await shop.checkout.checkout(orderId)
    const paid = await bank.sandbox.pay({ qrId: qr.qrId, amount: 150.25 })
    const genuine = JSON.parse(await bank.callbackBody({ payId: paid.payId, kind: "payment" })) as {
      result: Record<string, unknown>
      signature: string
    }
    // The signature covers the values in key order, not the names: rename qrId/qrStatus to
    // rtpId/rtpStatus and push the keys after them past "rtpStatus", and it still verifies.
    const rename = (key: string) =>
      key === "qrId" ? "rtpId" : key === "qrStatus" ? "rtpStatus" : key > "qrStatus" ? `ru${key}` : key
    const renamed = Object.fromEntries(
      Object.entries(genuine.result).map(([key, value]) => [rename(key), value])
    )
    const forged = JSON.stringify({ result: renamed, signature: genuine.signature })
    expect((await verifyMiaRtpCallback(forged, bank.signatureKey)).valid).toBe(true)
    const result = await shop.callbacks.handle(forged)
    expect(result).toMatchObject({ status: 400, outcome: "unconfirmed" })
    expect(await shop.store.listUnmatchedPayments()).toEqual([])
    expect(await shop.order(orderId)).toMatchObject({ status: "pending", version: 2 })
  })
})
