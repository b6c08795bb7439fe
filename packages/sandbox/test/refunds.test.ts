import { beforeEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox } from "../src/index.js"
import { codesOf, dynamicQrBody, type RawBank, rawBank } from "./support/raw-bank.js"

let sandbox: MiaSandbox
let bank: RawBank

beforeEach(async () => {
  sandbox = createMiaSandbox()
  bank = rawBank(sandbox)
  await bank.login()
})

const paidPayment = async (amount = 100): Promise<string> => {
  const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { amount }))).body.result
  return (await sandbox.pay({ qrId })).payId
}

describe("POST /v2/payments/{payId}/refund", () => {
  it("refunds partially, then the rest, never more than was paid", async () => {
    const payId = await paidPayment(100)
    const first = await bank.post(`/v2/payments/${payId}/refund`, {
      amount: 30.3,
      reason: "One item returned"
    })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ result: { refundId: expect.any(String), status: "Created" }, ok: true })
    expect((await bank.get(`/v2/mia/payments/${payId}`)).body.result.status).toBe("Executed")

    const tooMuch = await bank.post(`/v2/payments/${payId}/refund`, { amount: 69.71, reason: "Everything" })
    expect(tooMuch.status).toBe(404)
    expect(tooMuch.body.errors[0]).toEqual({
      errorCode: "14016",
      errorMessage: "Cannot refund MIA payment for provided amount. Available refundable amount: `69.70`.",
      errorArgs: { refundableAmount: "69.70" }
    })

    const rest = await bank.post(`/v2/payments/${payId}/refund`, { reason: "The rest" })
    expect(rest.status).toBe(200)
    const payment = (await bank.get(`/v2/mia/payments/${payId}`)).body.result
    expect(payment.status).toBe("Refunded")
    expect(payment.refundedAt).toEqual(expect.any(String))
    expect(sandbox.state.refunds({ payId }).map((refund) => refund.amount)).toEqual([30.3, 69.7])

    const again = await bank.post(`/v2/payments/${payId}/refund`, { amount: 0.01, reason: "Once more" })
    expect(again.status).toBe(409)
    expect(again.body.errors[0]).toMatchObject({ errorCode: "14015", errorArgs: { paymentId: payId } })
  })

  it("keeps amounts exact in bani over many small refunds", async () => {
    const payId = await paidPayment(0.3)
    for (let index = 0; index < 3; index++) {
      expect((await bank.post(`/v2/payments/${payId}/refund`, { amount: 0.1, reason: "dime" })).status).toBe(
        200
      )
    }
    expect((await bank.get(`/v2/mia/payments/${payId}`)).body.result.status).toBe("Refunded")
    expect(
      codesOf(await bank.post(`/v2/payments/${payId}/refund`, { amount: 0.01, reason: "dime" }))
    ).toEqual(["14015"])
  })

  it("never lets concurrent refunds exceed the paid amount", async () => {
    const payId = await paidPayment(10)
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        bank.post(`/v2/payments/${payId}/refund`, { amount: 1, reason: "race" })
      )
    )
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10)
    expect(sandbox.state.refunds({ payId }).reduce((sum, refund) => sum + refund.amount * 100, 0)).toBe(1000)
  })

  it("validates the reason, the amount and the payId", async () => {
    const payId = await paidPayment()
    expect(codesOf(await bank.post(`/v2/payments/${payId}/refund`, {}))).toEqual(["12000"])
    expect(codesOf(await bank.post(`/v2/payments/${payId}/refund`, { reason: "x", amount: -5 }))).toEqual([
      "12000"
    ])
    expect(codesOf(await bank.post(`/v2/payments/${payId}/refund`, { reason: "x", amount: 1.001 }))).toEqual([
      "12000"
    ])
    expect(codesOf(await bank.post("/v2/payments/not-a-guid/refund", { reason: "x" }))).toEqual(["12000"])
    const unknown = await bank.post("/v2/payments/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/refund", {
      reason: "x"
    })
    expect(unknown.status).toBe(404)
    expect(codesOf(unknown)).toEqual(["14003"])
    expect(sandbox.state.refunds()).toEqual([])
  })

  it("exposes the refund on the shared platform's refund details endpoint", async () => {
    const payId = await paidPayment()
    const { refundId } = (
      await bank.post(`/v2/payments/${payId}/refund`, { amount: 12.5, reason: "Damaged" })
    ).body.result
    const details = await bank.get(`/v2/payments/refunds/${refundId}`)
    expect(details.body.result).toMatchObject({
      refundId,
      payId,
      amount: 12.5,
      reason: "Damaged",
      status: "Accepted"
    })
    expect((await bank.get("/v2/payments/refunds/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9")).status).toBe(404)
  })
})

describe("POST /v2/mia/payments/{payId}/refund (legacy)", () => {
  it("refunds the whole remainder and answers with the old shape", async () => {
    const payId = await paidPayment(40)
    await bank.post(`/v2/payments/${payId}/refund`, { amount: 15, reason: "partial" })
    const legacy = await bank.post(`/v2/mia/payments/${payId}/refund`, {
      reason: "Client returned the product"
    })
    expect(legacy.body).toEqual({ result: { payId, status: "Refunded" }, ok: true })
    expect(sandbox.state.refunds({ payId }).map((refund) => refund.amount)).toEqual([15, 25])
    expect(codesOf(await bank.post(`/v2/mia/payments/${payId}/refund`, { reason: "again" }))).toEqual([
      "14015"
    ])
  })
})
