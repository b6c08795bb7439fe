import { signMiaCallback, verifyMiaCallback } from "@mia-sdk/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  createMemoryOrderStore,
  createMiaCallbackHandler,
  createMiaCheckout,
  type MiaCheckout,
  type OrderStore
} from "../src/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "./support/bank.js"
import { uniqueId } from "./support/orders.js"

// Each test plays someone who holds one genuine signed callback (or the signature key's output
// for one value) and bends the rest. The bank is the sandbox over loopback, the client is real.
let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

interface Shop {
  readonly store: OrderStore
  readonly checkout: MiaCheckout
}

const shop = (): Shop => {
  const store = createMemoryOrderStore()
  return { store, checkout: createMiaCheckout({ store, bank: bank.client, callbackUrl: CALLBACK_URL }) }
}

/** An order with a QR from the checkout, paid at the bank; returns the bank's genuine callback. */
const paidAtBank = async ({ store, checkout }: Shop, amount = 150.25) => {
  const orderId = uniqueId("order")
  await store.createOrder({ orderId, amount })
  const { session } = await checkout.checkout(orderId)
  const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount })
  return { orderId, qrId: session.qrId, payId, body: await bank.callbackBody({ payId, kind: "payment" }) }
}

const handlers = (store: OrderStore) => ({
  confirmed: createMiaCallbackHandler({ signatureKey: bank.signatureKey, store, confirmWith: bank.client }),
  bare: createMiaCallbackHandler({ signatureKey: bank.signatureKey, store })
})

describe("a genuine payment callback with keys renamed is not a refund", () => {
  // The signature covers the values in key order, never the names: referenceId -> refundId and
  // qrStatus -> QrStatus keep the order, so the forged body still verifies.
  const disguise = (body: string) =>
    body.replace('"referenceId"', '"refundId"').replace('"qrStatus"', '"QrStatus"')

  it.each(["confirmed", "bare"] as const)(
    "is kept as an unconfirmed notice and refunds nothing (%s handler)",
    async (kind) => {
      const target = shop()
      const paid = await paidAtBank(target)
      const handler = handlers(target.store)[kind]
      expect((await handler.handle(paid.body)).outcome).toBe("applied")
      const forged = disguise(paid.body)
      expect((await verifyMiaCallback(forged, bank.signatureKey)).valid).toBe(true)
      const answer = await handler.handle(forged)
      expect(answer).toMatchObject({ status: 200, outcome: "held" })
      expect(await target.store.getOrder(paid.orderId)).toMatchObject({
        status: "processing",
        refundedAmountMinor: 0
      })
      expect((await target.store.listRefundNotices()).map((notice) => notice.payId)).toEqual([paid.payId])
    }
  )
})

describe("amounts are read exactly from the signed decimal", () => {
  it("refuses 99999.995 sent under a signature over 99999.99, and the order stays pending", async () => {
    const { store, checkout } = shop()
    const orderId = uniqueId("order")
    await store.createOrder({ orderId, amount: 100000 })
    const { session } = await checkout.checkout(orderId)
    const result = {
      qrId: session.qrId,
      qrStatus: "Paid",
      payId: globalThis.crypto.randomUUID(),
      orderId,
      amount: 99999.99,
      currency: "MDL",
      executedAt: "2026-11-21T10:05:00+00:00"
    }
    const signature = await signMiaCallback(result, bank.signatureKey)
    const body = JSON.stringify({ result, signature }).replace('"amount":99999.99', '"amount":99999.995')
    expect((await verifyMiaCallback(body, bank.signatureKey)).valid).toBe(true)
    const answer = await handlers(store).bare.handle(body)
    expect(answer).toMatchObject({ status: 400, outcome: "malformed" })
    expect((await store.getOrder(orderId))?.status).toBe("pending")
  })
})

describe("a payment through a QR the order never created does not pay it", () => {
  it("keeps a payment that names the order's id through a foreign QR (an order id reused)", async () => {
    const { store, checkout } = shop()
    const orderId = uniqueId("order")
    await store.createOrder({ orderId, amount: 40 })
    await checkout.checkout(orderId)
    // Staging (or a restored database) created its own QR with the same order id and was paid.
    const foreign = await bank.client.createQr({
      type: "Dynamic",
      amountType: "Fixed",
      amount: 40,
      currency: "MDL",
      description: "staging",
      orderId,
      expiresAt: new Date(Date.now() + 15 * 60_000),
      callbackUrl: CALLBACK_URL
    })
    const { payId } = await bank.sandbox.pay({ qrId: foreign.qrId, amount: 40 })
    const answer = await handlers(store).confirmed.handle(await bank.callbackBody({ payId, kind: "payment" }))
    expect(answer).toMatchObject({ status: 200, outcome: "unmatched" })
    expect((await store.getOrder(orderId))?.status).toBe("pending")
    expect(await store.listUnmatchedPayments()).toEqual([
      expect.objectContaining({ payId, orderId, code: "foreign_qr" })
    ])
  })
})

describe("refund callbacks apply only what the bank confirms", () => {
  const refundAtBank = async (payId: string, amount?: number) => {
    const refund = await bank.client.refundPayment(payId, {
      reason: "Made in the maib portal",
      callbackUrl: CALLBACK_URL,
      ...(amount === undefined ? {} : { amount })
    })
    return bank.callbackBody({ payId, kind: "refund" }).then((body) => ({ body, refundId: refund.refundId }))
  }

  it("applies a partial refund made outside the SDK once the bank shows it, once", async () => {
    const target = shop()
    const paid = await paidAtBank(target)
    const { confirmed } = handlers(target.store)
    await confirmed.handle(paid.body)
    const refund = await refundAtBank(paid.payId, 50)
    expect(await confirmed.handle(refund.body)).toMatchObject({ status: 200, outcome: "applied" })
    expect(await confirmed.handle(refund.body)).toMatchObject({ status: 200, outcome: "duplicate" })
    expect(await target.store.getOrder(paid.orderId)).toMatchObject({
      status: "processing",
      refundedAmountMinor: 5000
    })
  })

  it("refunds the order in full when the bank shows the payment Refunded", async () => {
    const target = shop()
    const paid = await paidAtBank(target)
    const { confirmed } = handlers(target.store)
    await confirmed.handle(paid.body)
    const refund = await refundAtBank(paid.payId)
    expect(await confirmed.handle(refund.body)).toMatchObject({ outcome: "applied" })
    expect(await target.store.getOrder(paid.orderId)).toMatchObject({
      status: "refunded",
      refundedAmountMinor: 15025
    })
  })

  it("without a bank client keeps even a genuine refund callback unconfirmed and changes no order", async () => {
    const target = shop()
    const paid = await paidAtBank(target)
    const { bare } = handlers(target.store)
    await bare.handle(paid.body)
    const refund = await refundAtBank(paid.payId, 50)
    expect(await bare.handle(refund.body)).toMatchObject({ status: 200, outcome: "held" })
    expect((await target.store.getOrder(paid.orderId))?.refundedAmountMinor).toBe(0)
    expect(await target.store.listRefundNotices()).toEqual([
      expect.objectContaining({ refundId: refund.refundId, payId: paid.payId, amountMinor: 5000 })
    ])
  })

  it("defers (503) a confirmed refund that overtook its payment's callback, then applies it", async () => {
    const target = shop()
    const paid = await paidAtBank(target)
    const { confirmed } = handlers(target.store)
    const refund = await refundAtBank(paid.payId, 50)
    expect(await confirmed.handle(refund.body)).toMatchObject({ status: 503, outcome: "deferred" })
    expect((await confirmed.handle(paid.body)).outcome).toBe("applied")
    expect(await confirmed.handle(refund.body)).toMatchObject({ status: 200, outcome: "applied" })
    expect((await target.store.getOrder(paid.orderId))?.refundedAmountMinor).toBe(5000)
  })
})
