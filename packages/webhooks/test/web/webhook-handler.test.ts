import { signMiaCallback } from "@mia-sdk/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMemoryOrderStore, createMiaCheckout, type MiaCallbackResult } from "../../src/index.js"
import { createMiaWebhookHandler } from "../../src/web/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "../support/bank.js"
import { uniqueId } from "../support/orders.js"

// The bank's genuine signed callbacks (from the sandbox over loopback) posted to the handler as
// real Requests; forgeries made from them.
let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

const URL_ = "https://shop.example/api/mia/callback"
const store = createMemoryOrderStore()
const results: Array<MiaCallbackResult> = []
let handler: ReturnType<typeof createMiaWebhookHandler>
beforeAll(() => {
  handler = createMiaWebhookHandler({
    signatureKey: bank.signatureKey,
    store,
    confirmWith: bank.client,
    bodyLimitBytes: 4096,
    onResult: (result) => results.push(result)
  })
})

const post = (body: string) =>
  handler(new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body }))
const paidAtBank = async () => {
  const orderId = uniqueId("hook")
  await store.createOrder({ orderId, amount: 42.5 })
  const checkout = createMiaCheckout({ store, bank: bank.client, callbackUrl: CALLBACK_URL })
  const { session } = await checkout.checkout(orderId)
  const { payId } = await bank.sandbox.pay({ qrId: session.qrId, amount: 42.5 })
  return { orderId, payId, body: await bank.callbackBody({ payId, kind: "payment" }) }
}

describe("createMiaWebhookHandler", () => {
  it("applies the bank's callback (200), answers a redelivery 200 duplicate, and reports both", async () => {
    const { orderId, payId, body } = await paidAtBank()
    const first = await post(body)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ ok: true, outcome: "applied" })
    const again = await post(body)
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ ok: true, outcome: "duplicate" })
    expect((await store.getOrder(orderId))?.status).toBe("processing")
    expect(results.slice(-2).map((result) => [result.outcome, result.payId])).toEqual([
      ["applied", payId],
      ["duplicate", payId]
    ])
  })

  it("answers 401 for a forged or missing signature and 400 for a malformed body, changing nothing", async () => {
    const { orderId, body } = await paidAtBank()
    const genuine = JSON.parse(body) as { result: Record<string, unknown>; signature: string }
    const forged = { ...genuine, signature: await signMiaCallback(genuine.result, "another-key") }
    const forgedAnswer = await post(JSON.stringify(forged))
    expect(forgedAnswer.status).toBe(401)
    expect(await forgedAnswer.json()).toMatchObject({ ok: false, outcome: "invalid_signature" })
    expect((await post(JSON.stringify({ result: genuine.result }))).status).toBe(401)
    const malformed = await post("{")
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ ok: false, outcome: "malformed" })
    expect((await store.getOrder(orderId))?.status).toBe("pending")
  })

  it("answers GET and HEAD 200 for uptime checks and other methods 405 with Allow", async () => {
    const get = await handler(new Request(URL_))
    expect(await get.json()).toEqual({ ok: true, endpoint: "mia-callback" })
    const head = await handler(new Request(URL_, { method: "HEAD" }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe("")
    const put = await handler(new Request(URL_, { method: "PUT", body: "{}" }))
    expect(put.status).toBe(405)
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST")
    expect(await put.json()).toMatchObject({ code: "method_not_allowed" })
  })

  it("refuses a body over bodyLimitBytes with 413, whatever Content-Length claims", async () => {
    const huge = JSON.stringify({ result: { filler: "x".repeat(8192) }, signature: "x" })
    for (const length of [String(huge.length), "10"]) {
      const response = await handler(
        new Request(URL_, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": length },
          body: huge
        })
      )
      expect(response.status).toBe(413)
      expect(await response.json()).toMatchObject({ code: "body_too_large" })
    }
  })
})
