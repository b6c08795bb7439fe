import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import {
  type ConfirmedPayment,
  createMemoryOrderStore,
  createMiaCallbackHandler,
  handleMiaCallback,
  type OrderStore
} from "../src/index.js"
import { callbackResult, SIGNATURE_KEY, signedBody } from "./support/callbacks.js"
import { orderIn } from "./support/orders.js"

const snapshot = async (store: OrderStore, orderIds: ReadonlyArray<string>) =>
  JSON.stringify({
    orders: await Promise.all(orderIds.map((orderId) => store.getOrder(orderId))),
    unmatched: await store.listUnmatchedPayments()
  })

describe("handleMiaCallback", () => {
  it("applies a verified payment and answers 200, then 200 duplicate on redelivery", async () => {
    const store = createMemoryOrderStore()
    const order = await orderIn(store, "pending")
    const result = callbackResult(order)
    const body = await signedBody(result)
    const first = await handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store })
    expect(first).toMatchObject({ status: 200, outcome: "applied", payId: result.payId })
    expect(first.body).toEqual({ ok: true, outcome: "applied", message: first.message })
    expect(first.order?.status).toBe("processing")
    expect(first.transition).toMatchObject({ actor: "mia-callback", payload: { callback: result } })
    const again = await handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store })
    expect(again).toMatchObject({ status: 200, outcome: "duplicate" })
  })

  it("accepts bytes and parsed JSON as well as text", async () => {
    const store = createMemoryOrderStore()
    const handler = createMiaCallbackHandler({ signatureKey: SIGNATURE_KEY, store })
    const [a, b] = [await orderIn(store, "pending"), await orderIn(store, "pending")]
    expect(
      (await handler.handle(new TextEncoder().encode(await signedBody(callbackResult(a))))).outcome
    ).toBe("applied")
    expect((await handler.handle(JSON.parse(await signedBody(callbackResult(b))))).outcome).toBe("applied")
  })

  it("answers 401 for a forged or missing signature and changes nothing", async () => {
    const store = createMemoryOrderStore()
    const order = await orderIn(store, "pending")
    const before = await snapshot(store, [order.orderId])
    const result = callbackResult(order)
    const forged = await signedBody(result, "not-the-key")
    const missing = JSON.stringify({ result })
    const tampered = JSON.parse(await signedBody(result))
    tampered.result.amount = 0.01
    for (const body of [forged, missing, JSON.stringify(tampered)]) {
      const answer = await handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store })
      expect(answer).toMatchObject({ status: 401, outcome: "invalid_signature" })
      expect(answer.message).not.toContain(SIGNATURE_KEY)
    }
    expect(await snapshot(store, [order.orderId])).toBe(before)
  })

  it.each([
    ["not JSON", "{oops", "malformed_body"],
    ["an array", "[1,2]", "malformed_body"],
    ["no result", JSON.stringify({ signature: "abc" }), "missing_result"],
    [
      "a nested result field",
      JSON.stringify({ result: { a: { b: 1 } }, signature: "x" }),
      "unsignable_result"
    ]
  ])("answers 400 for %s", async (_name, body, rejection) => {
    const store = createMemoryOrderStore()
    const answer = await handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store })
    expect(answer).toMatchObject({ status: 400, outcome: "malformed", rejection })
  })

  it("answers 400 for a signed callback without a payId or with an impossible amount", async () => {
    const store = createMemoryOrderStore()
    const order = await orderIn(store, "pending")
    const noPayId = await signedBody(callbackResult(order, { payId: null }))
    expect(await handleMiaCallback(noPayId, { signatureKey: SIGNATURE_KEY, store })).toMatchObject({
      status: 400
    })
    const negative = await signedBody(callbackResult(order, { amount: -5 }))
    expect(await handleMiaCallback(negative, { signatureKey: SIGNATURE_KEY, store })).toMatchObject({
      status: 400,
      outcome: "malformed"
    })
    expect((await store.getOrder(order.orderId))?.status).toBe("pending")
  })

  it("keeps a payment for an unknown order and answers 200 so the bank stops re-sending", async () => {
    const store = createMemoryOrderStore()
    const body = await signedBody({
      qrId: "q-x",
      payId: "p-x",
      orderId: "nope",
      amount: 12.5,
      currency: "MDL",
      qrStatus: "Paid"
    })
    expect(await handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store })).toMatchObject({
      status: 200,
      outcome: "unmatched"
    })
    expect(await store.listUnmatchedPayments()).toMatchObject([
      { payId: "p-x", amountMinor: 1250, orderId: "nope" }
    ])
  })

  it("refuses to start without a signature key or a store", () => {
    const store = createMemoryOrderStore()
    expect(() => createMiaCallbackHandler({ signatureKey: " ", store })).toThrow(/signatureKey is required/)
    expect(() => createMiaCallbackHandler({ signatureKey: "k", store: {} as OrderStore })).toThrow(
      /store is required/
    )
  })

  it("answers 503 when the store fails, so the bank re-sends", async () => {
    const store = createMemoryOrderStore()
    const order = await orderIn(store, "pending")
    const onError = vi.fn()
    const failing: OrderStore = { ...store, applyEvent: () => Promise.reject(new Error("disk full")) }
    const body = await signedBody(callbackResult(order))
    const answer = await handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store: failing, onError })
    expect(answer).toMatchObject({ status: 503, outcome: "unavailable" })
    expect(onError).toHaveBeenCalledWith(expect.any(Error), "store")
  })

  describe("confirming with the bank", () => {
    const bank = (payments: Record<string, ConfirmedPayment | Error>) => ({
      getPayment: vi.fn(async (payId: string) => {
        const found = payments[payId]
        if (found === undefined)
          throw Object.assign(new Error(`Payment ${payId} not found`), { _tag: "MiaApiError", status: 404 })
        if (found instanceof Error) throw found
        return found
      })
    })

    it("trusts the bank's amount over the callback's", async () => {
      const store = createMemoryOrderStore()
      const order = await orderIn(store, "pending")
      const result = callbackResult(order)
      const payId = String(result.payId)
      const confirmWith = bank({ [payId]: { payId, amount: 100, currency: "MDL", status: "Executed" } })
      const answer = await handleMiaCallback(await signedBody(result), {
        signatureKey: SIGNATURE_KEY,
        store,
        confirmWith
      })
      expect(answer.outcome).toBe("applied")
      expect(confirmWith.getPayment).toHaveBeenCalledWith(payId)
      expect(await store.getOrder(order.orderId)).toMatchObject({ status: "on-hold", paidAmountMinor: 10000 })
    })

    it("answers 400 when the bank does not know the payment, and applies nothing", async () => {
      const store = createMemoryOrderStore()
      const order = await orderIn(store, "pending")
      const answer = await handleMiaCallback(await signedBody(callbackResult(order)), {
        signatureKey: SIGNATURE_KEY,
        store,
        confirmWith: bank({})
      })
      expect(answer).toMatchObject({ status: 400, outcome: "unconfirmed" })
      expect((await store.getOrder(order.orderId))?.status).toBe("pending")
    })

    it("answers 503, never throws, when the confirmation port misbehaves", async () => {
      const store = createMemoryOrderStore()
      const order = await orderIn(store, "pending")
      const onError = vi.fn()
      const broken = {
        getPayment: async (): Promise<ConfirmedPayment> => ({
          get payId(): string {
            throw new Error("decoder bug")
          },
          amount: 150.25,
          status: "Executed"
        })
      }
      const answer = await handleMiaCallback(await signedBody(callbackResult(order)), {
        signatureKey: SIGNATURE_KEY,
        store,
        confirmWith: broken,
        onError
      })
      expect(answer).toMatchObject({ status: 503, outcome: "unavailable" })
      expect(onError).toHaveBeenCalledOnce()
      expect((await store.getOrder(order.orderId))?.status).toBe("pending")
    })

    it("answers 503 when the bank is unreachable, then applies the redelivery", async () => {
      const store = createMemoryOrderStore()
      const order = await orderIn(store, "pending")
      const result = callbackResult(order)
      const payId = String(result.payId)
      const body = await signedBody(result)
      const down = bank({
        [payId]: Object.assign(new Error("socket hang up"), { _tag: "MiaTransportError" })
      })
      const options = { signatureKey: SIGNATURE_KEY, store, onError: vi.fn() }
      expect(await handleMiaCallback(body, { ...options, confirmWith: down })).toMatchObject({ status: 503 })
      expect((await store.getOrder(order.orderId))?.status).toBe("pending")
      const up = bank({ [payId]: { payId, amount: 150.25, status: "Executed" } })
      expect(await handleMiaCallback(body, { ...options, confirmWith: up })).toMatchObject({
        status: 200,
        outcome: "applied"
      })
    })
  })

  describe("5000 random and malformed bodies", () => {
    const jsonValue = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null))
    const resultLike = fc.dictionary(
      fc.oneof(
        fc.constantFrom("qrId", "payId", "amount", "currency", "orderId", "qrStatus", "signature"),
        fc.string()
      ),
      fc.oneof(
        jsonValue,
        fc.array(jsonValue, { maxLength: 2 }),
        fc.dictionary(fc.string(), jsonValue, { maxKeys: 2 })
      )
    )
    const bodies: fc.Arbitrary<unknown> = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 64 }),
      fc.json(),
      fc.anything(),
      fc.record({
        result: resultLike,
        signature: fc.oneof(fc.base64String({ minLength: 44, maxLength: 44 }), jsonValue)
      }),
      fc.record({ result: resultLike }).map((value) => JSON.stringify(value)),
      fc
        .record({ result: resultLike, signature: fc.string() }, { requiredKeys: [] })
        .map((value) => `${JSON.stringify(value)}${"}".repeat(2)}`)
    )

    it("never answer 5xx and never change state", async () => {
      const store = createMemoryOrderStore()
      const orders = await Promise.all([
        orderIn(store, "pending"),
        orderIn(store, "processing"),
        orderIn(store, "cancelled")
      ])
      const ids = orders.map((order) => order.orderId)
      const before = await snapshot(store, ids)
      const handler = createMiaCallbackHandler({ signatureKey: SIGNATURE_KEY, store })
      const statuses = new Set<number>()
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const answer = await handler.handle(body)
          statuses.add(answer.status)
          expect([400, 401]).toContain(answer.status)
        }),
        { numRuns: 5000 }
      )
      expect(await snapshot(store, ids)).toBe(before)
      expect([...statuses].sort()).toEqual([400, 401])
    })
  })
})
