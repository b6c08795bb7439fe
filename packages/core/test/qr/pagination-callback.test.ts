import { afterEach, describe, expect, it } from "vitest"
import { createMiaQrClient, type MiaQrPromiseClient, signMiaCallback } from "../../src/index.js"
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  fakeBank,
  ok,
  payment,
  qrDetails,
  SIGNATURE_KEY
} from "./fake-bank.js"

const bank = fakeBank()
let client: MiaQrPromiseClient

afterEach(async () => {
  await client?.close()
})

const makeClient = (signatureKey?: string) => {
  client = createMiaQrClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    signatureKey
  })
  return client
}

const pagedRoute =
  <A>(items: ReadonlyArray<A>) =>
  (request: { query: Record<string, string> }) => {
    const offset = Number(request.query.offset)
    const count = Number(request.query.count)
    return ok({ totalCount: items.length, items: items.slice(offset, offset + count) })
  }

describe("async iterators page through count/offset", () => {
  it("allQrs yields every QR, one request per page, with the filter on each", async () => {
    const items = Array.from({ length: 7 }, (_, index) => ({ ...qrDetails, qrId: `qr-${index}` }))
    bank.on("GET /v2/mia/qr", pagedRoute(items))
    makeClient()
    const seen: Array<string> = []
    for await (const qr of client.allQrs({ count: 3, orderId: "123" })) seen.push(qr.qrId)
    expect(seen).toEqual(items.map((item) => item.qrId))
    expect(bank.apiCalls().map((call) => [call.query.offset, call.query.count, call.query.orderId])).toEqual([
      ["0", "3", "123"],
      ["3", "3", "123"],
      ["6", "3", "123"]
    ])
  })

  it("allPayments starts at the given offset and stops on an empty page", async () => {
    const items = Array.from({ length: 4 }, (_, index) => ({ ...payment, payId: `pay-${index}` }))
    bank.on("GET /v2/mia/payments", (request) =>
      // A bank that over-reports totalCount: the empty page must still end the iteration.
      ok({
        totalCount: 100,
        items: items.slice(Number(request.query.offset), Number(request.query.offset) + 2)
      })
    )
    makeClient()
    const seen: Array<string> = []
    for await (const paid of client.allPayments({ offset: 1, count: 2 })) seen.push(paid.payId)
    expect(seen).toEqual(["pay-1", "pay-2", "pay-3"])
    expect(bank.apiCalls().map((call) => call.query.offset)).toEqual(["1", "3", "4"])
  })

  it("stopping early fetches no further page", async () => {
    const items = Array.from({ length: 10 }, (_, index) => ({ ...qrDetails, qrId: `qr-${index}` }))
    bank.on("GET /v2/mia/qr", pagedRoute(items))
    makeClient()
    for await (const qr of client.allQrs({ count: 5 })) {
      if (qr.qrId === "qr-1") break
    }
    expect(bank.apiCalls()).toHaveLength(1)
  })
})

describe("client.verifyCallback", () => {
  const result = {
    qrId: qrDetails.qrId,
    payId: payment.payId,
    qrStatus: "Paid",
    amount: 50,
    currency: "MDL",
    orderId: "123"
  }

  it("verifies with the client's signature key and sends nothing", async () => {
    makeClient(SIGNATURE_KEY)
    const body = JSON.stringify({ result, signature: await signMiaCallback(result, SIGNATURE_KEY) })
    const outcome = await client.verifyCallback(body)
    expect(outcome.valid).toBe(true)
    if (outcome.valid) expect(outcome.notification.payId).toBe(payment.payId)
    expect(await client.verifyCallback({ result, signature: "forged" })).toMatchObject({
      valid: false,
      reason: "signature_mismatch"
    })
    expect(bank.recorded).toHaveLength(0)
  })

  it("without a signature key it answers missing_signature_key instead of throwing", async () => {
    makeClient()
    expect(await client.verifyCallback({ result, signature: "x" })).toMatchObject({
      valid: false,
      reason: "missing_signature_key"
    })
  })
})
