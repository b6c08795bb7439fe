import { afterEach, describe, expect, it } from "vitest"
import { type CallbackReceiver, startCallbackReceiver } from "../support/callback-receiver.js"
import { type LoopbackSandbox, startLoopbackSandbox } from "./support/loopback-client.js"

let bank: LoopbackSandbox | undefined
let receiver: CallbackReceiver | undefined
afterEach(async () => {
  await bank?.close()
  await receiver?.close()
  bank = undefined
  receiver = undefined
})

/** A paid QR whose callback goes to a receiver answering `answers` in turn. */
const paidQr = async (answers: ReadonlyArray<number>, callbackRetryDelays: ReadonlyArray<number>) => {
  receiver = await startCallbackReceiver({ answers })
  bank = await startLoopbackSandbox({ callbackRetryDelays })
  await bank.login()
  const qrId = await bank.createQr(15, `${receiver.url}/mia/callback`)
  const payId: string = (await bank.testPay(qrId)).body.result.payId
  return { bank, receiver, qrId, payId }
}

describe("GET /v2/sandbox/deliveries", () => {
  it("lists callbacks with status and attempts, filtered by the query", async () => {
    const { bank, qrId, payId } = await paidQr([500], [])
    await bank.sandbox.deliveries.waitFor({ payId, status: "failed" })
    const failed = await bank.call("GET", `/v2/sandbox/deliveries?status=failed&kind=payment&payId=${payId}`)
    expect(failed.status).toBe(200)
    expect(failed.body.result.items).toHaveLength(1)
    expect(failed.body.result.items[0]).toMatchObject({
      id: expect.any(String),
      kind: "payment",
      qrId,
      payId,
      status: "failed",
      attempts: [{ number: 1, status: 500, duplicate: false }],
      body: { result: { qrId, payId, qrStatus: "Paid" }, signature: expect.any(String) }
    })
    expect((await bank.call("GET", "/v2/sandbox/deliveries?status=delivered")).body.result.items).toEqual([])
    expect((await bank.call("GET", "/v2/sandbox/deliveries?kind=rtp")).body.result.items).toEqual([])
    expect((await bank.call("GET", "/v2/sandbox/deliveries?minAttempts=2")).body.result.items).toEqual([])
  })

  it("answers 400 naming a bad or unknown filter", async () => {
    const { bank } = await paidQr([200], [])
    for (const [query, parameter] of [
      ["status=lost", "status"],
      ["kind=refunds", "kind"],
      ["minAttempts=-1", "minAttempts"],
      ["statu=failed", "statu"]
    ] as const) {
      const answer = await bank.call("GET", `/v2/sandbox/deliveries?${query}`)
      expect(answer.status).toBe(400)
      expect(answer.body.errors[0].errorArgs.parameter).toBe(parameter)
    }
  })
})

describe("POST /v2/sandbox/deliveries/{id}/redeliver", () => {
  it("re-sends a failed callback; the receiver gets the same signed body and the delivery turns delivered", async () => {
    const { bank, receiver, payId } = await paidQr([500, 200], [])
    const failed = await bank.sandbox.deliveries.waitFor({ payId, status: "failed" })
    expect(receiver.received).toHaveLength(1)

    const again = await bank.call("POST", `/v2/sandbox/deliveries/${failed.id}/redeliver`)
    expect(again.status).toBe(200)
    expect(again.body.result).toMatchObject({
      id: failed.id,
      status: "delivered",
      attempts: [
        { number: 1, status: 500 },
        { number: 2, status: 200 }
      ]
    })
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body)
    expect(JSON.parse(receiver.received[1]?.body ?? "{}").result.payId).toBe(payId)
  })

  it("sends a pending callback now instead of after its re-send delay", async () => {
    const { bank, receiver, payId } = await paidQr([500, 200], [3_600_000])
    const pending = await bank.sandbox.deliveries.waitFor({ payId, minAttempts: 1 })
    expect(pending.status).toBe("pending")
    const again = await bank.call("POST", `/v2/sandbox/deliveries/${pending.id}/redeliver`)
    expect(again.body.result.status).toBe("delivered")
    expect(receiver.received.map((callback) => callback.answeredWith)).toEqual([500, 200])
  })

  it("re-sends a delivered callback once; a failure then leaves it failed, with no new schedule", async () => {
    const { bank, receiver, payId } = await paidQr([200, 503], [5, 5])
    const delivered = await bank.sandbox.deliveries.waitFor({ payId, status: "delivered" })
    const again = await bank.sandbox.deliveries.redeliver(delivered.id) // the in-code twin
    expect(again).toMatchObject({ status: "failed", attempts: [{ status: 200 }, { status: 503 }] })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(receiver.received).toHaveLength(2)
  })

  it("answers 404 for an unknown delivery", async () => {
    const { bank } = await paidQr([200], [])
    const answer = await bank.call("POST", "/v2/sandbox/deliveries/no-such-id/redeliver")
    expect(answer.status).toBe(404)
    expect(answer.body.errors[0].errorMessage).toContain("no-such-id")
    expect(await bank.sandbox.deliveries.redeliver("no-such-id")).toBeUndefined()
  })
})
