import { verifyMiaCallback } from "@mia-sdk/core"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox } from "../src/index.js"
import { type CallbackReceiver, startCallbackReceiver } from "./support/callback-receiver.js"
import { dynamicQrBody, rawBank } from "./support/raw-bank.js"

let sandbox: MiaSandbox | undefined
let receiver: CallbackReceiver | undefined

afterEach(async () => {
  await sandbox?.close()
  await receiver?.close()
})

const setup = async (
  answers: ReadonlyArray<number>,
  options: Parameters<typeof createMiaSandbox>[0] = {}
) => {
  receiver = await startCallbackReceiver({ answers })
  sandbox = createMiaSandbox({ callbackRetryDelays: [5, 10, 20], ...options })
  const bank = rawBank(sandbox)
  await bank.login()
  const callbackUrl = `${receiver.url}/mia/callback`
  const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { callbackUrl }))).body.result
  return { sandbox, receiver, bank, qrId, callbackUrl }
}

describe("payment callbacks", () => {
  it("delivers the §6.1 payload, signed per §6.2, to the QR's callbackUrl", async () => {
    const { sandbox, receiver, qrId, callbackUrl } = await setup([200])
    const { payId } = await sandbox.pay({ qrId })
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
    expect(delivery).toMatchObject({
      kind: "payment",
      url: callbackUrl,
      deliveredTo: callbackUrl,
      qrId,
      payId
    })
    expect(delivery.attempts).toEqual([
      { number: 1, duplicate: false, at: expect.any(String), status: 200, durationMs: expect.any(Number) }
    ])
    expect(receiver.received).toHaveLength(1)
    const body = JSON.parse(receiver.received[0]?.body ?? "")
    expect(Object.keys(body.result)).toEqual([
      "qrId",
      "extensionId",
      "qrStatus",
      "payId",
      "referenceId",
      "orderId",
      "amount",
      "commission",
      "currency",
      "payerName",
      "payerIban",
      "executedAt",
      "terminalId"
    ])
    const verified = await verifyMiaCallback(receiver.received[0]?.body, sandbox.credentials.signatureKey)
    expect(verified).toMatchObject({
      valid: true,
      notification: { payId, qrId, qrStatus: "Paid", amount: 50.61 }
    })
    expect((await verifyMiaCallback(receiver.received[0]?.body, "another-key")).valid).toBe(false)
  })

  it("re-sends anything but HTTP 200 on the retry schedule until it gets a 200", async () => {
    const { sandbox, receiver, qrId } = await setup([500, 204, 503, 200])
    const { payId } = await sandbox.pay({ qrId })
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
    expect(delivery.attempts.map((attempt) => [attempt.number, attempt.status])).toEqual([
      [1, 500],
      [2, 204],
      [3, 503],
      [4, 200]
    ])
    expect(receiver.received.map((received) => received.answeredWith)).toEqual([500, 204, 503, 200])
    expect(new Set(receiver.received.map((received) => received.body)).size).toBe(1)
  })

  it("gives up after the last re-send and records the delivery as failed", async () => {
    const { sandbox, qrId } = await setup([500])
    const { payId } = await sandbox.pay({ qrId })
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "failed" })
    expect(delivery.attempts).toHaveLength(4)
  })

  it("records connection failures as attempts with an error", async () => {
    receiver = await startCallbackReceiver()
    const closedPort = receiver.url
    await receiver.close()
    receiver = undefined
    sandbox = createMiaSandbox({ callbackRetryDelays: [1] })
    const bank = rawBank(sandbox)
    await bank.login()
    const { qrId } = (
      await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { callbackUrl: `${closedPort}/cb` }))
    ).body.result
    const { payId } = await sandbox.pay({ qrId })
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "failed" })
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([undefined, undefined])
    expect(delivery.attempts[0]?.error).toEqual(expect.any(String))
  })

  it("sends nothing for a QR without callbackUrl", async () => {
    sandbox = createMiaSandbox()
    const bank = rawBank(sandbox)
    await bank.login()
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    await sandbox.pay({ qrId })
    expect(sandbox.deliveries.list()).toEqual([])
  })

  it("retryNow() sends a pending re-send without waiting for its delay", async () => {
    const { sandbox, qrId } = await setup([500, 200], { callbackRetryDelays: [3_600_000] })
    const { payId } = await sandbox.pay({ qrId })
    await sandbox.deliveries.waitFor({ payId, minAttempts: 1 })
    sandbox.deliveries.retryNow()
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 200])
  })

  it("stops re-sending after close()", async () => {
    const { sandbox, receiver, qrId } = await setup([500], { callbackRetryDelays: [30] })
    const { payId } = await sandbox.pay({ qrId })
    await sandbox.deliveries.waitFor({ payId, minAttempts: 1 })
    await sandbox.close()
    const before = receiver.received.length
    // Asserting that nothing happens needs a pause longer than the re-send delay.
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(receiver.received.length).toBe(before)
  })

  it("forwards callbacks registered for an HTTPS URL to a local receiver", async () => {
    receiver = await startCallbackReceiver()
    sandbox = createMiaSandbox({ forwardCallbacksTo: receiver.url })
    const bank = rawBank(sandbox)
    await bank.login()
    const callbackUrl = "https://shop.example.md/mia/callback?shop=1"
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { callbackUrl }))).body.result
    const { payId } = await sandbox.pay({ qrId })
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
    expect(delivery.url).toBe(callbackUrl)
    expect(delivery.deliveredTo).toBe(`${receiver.url}/mia/callback?shop=1`)
    expect(receiver.received[0]?.path).toBe("/mia/callback?shop=1")
  })

  it("rejects waitFor after its timeout with what was delivered instead", async () => {
    sandbox = createMiaSandbox()
    await expect(sandbox.deliveries.waitFor({ payId: "nothing" }, { timeoutMs: 10 })).rejects.toThrow(
      /No callback delivery matched .*"payId":"nothing".* within 10 ms. Deliveries: none/
    )
  })
})

describe("refund callbacks", () => {
  it("POSTs a signed refund notification to the refund's callbackUrl", async () => {
    const { sandbox, receiver, bank, qrId } = await setup([200])
    const { payId } = await sandbox.pay({ qrId })
    await sandbox.deliveries.waitFor({ payId, kind: "payment", status: "delivered" })
    const callbackUrl = `${receiver.url}/mia/refunds`
    const { refundId } = (
      await bank.post(`/v2/payments/${payId}/refund`, { amount: 10, reason: "Returned", callbackUrl })
    ).body.result
    const delivery = await sandbox.deliveries.waitFor({ refundId, status: "delivered" })
    expect(delivery.body.result).toEqual({
      refundId,
      payId,
      qrId,
      extensionId: null,
      orderId: "123",
      amount: 10,
      currency: "MDL",
      status: "Accepted",
      reason: "Returned",
      paymentStatus: "Executed",
      refundedAt: expect.any(String)
    })
    const received = receiver.received.find((callback) => callback.path === "/mia/refunds")
    expect((await verifyMiaCallback(received?.body, sandbox.credentials.signatureKey)).valid).toBe(true)
  })
})

describe("callback faults", () => {
  it("sends a callback twice when duplicates are injected", async () => {
    const { sandbox, receiver, qrId } = await setup([200], { callbackFaults: { duplicateRate: 1 } })
    const { payId } = await sandbox.pay({ qrId })
    const delivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
    expect(delivery.attempts.map((attempt) => attempt.duplicate).sort()).toEqual([false, true])
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[0]?.body).toBe(receiver.received[1]?.body)
  })

  it("delivers a held-back callback after the next one (out of order)", async () => {
    const { sandbox, receiver, bank } = await setup([200], {
      callbackFaults: { reorderRate: 1, maxHoldMs: 5_000 }
    })
    const { qrId } = (
      await bank.post("/v2/mia/qr", {
        type: "Static",
        amountType: "Free",
        currency: "MDL",
        description: "Sticker",
        callbackUrl: `${receiver.url}/cb`
      })
    ).body.result
    const first = await sandbox.pay({ qrId, amount: 1 })
    sandbox.faults.setCallbackFaults({})
    const second = await sandbox.pay({ qrId, amount: 2 })
    await sandbox.deliveries.waitFor({ payId: first.payId, status: "delivered" })
    const order = receiver.received.map((callback) => JSON.parse(callback.body).result.payId)
    expect(order).toEqual([second.payId, first.payId])
    expect(sandbox.deliveries.list({ payId: first.payId })[0]?.reordered).toBe(true)
  })

  it("draws the same faults from the same seed", async () => {
    const pattern = async (seed: number) => {
      // No re-sends: each delivery ends ("failed", nobody listens on port 9) after its first send.
      const local = createMiaSandbox({
        seed,
        callbackRetryDelays: [],
        callbackFaults: { duplicateRate: 0.5 }
      })
      const bank = rawBank(local)
      await bank.login()
      const { qrId } = (
        await bank.post("/v2/mia/qr", {
          type: "Static",
          amountType: "Free",
          currency: "MDL",
          description: "Sticker",
          callbackUrl: "http://127.0.0.1:9/cb"
        })
      ).body.result
      for (let index = 0; index < 12; index++) await local.pay({ qrId, amount: 1 })
      const duplicates = async () => {
        const deliveries = await Promise.all(
          local.deliveries
            .list()
            .map((delivery) => local.deliveries.waitFor({ payId: delivery.payId, status: "failed" }))
        )
        return deliveries.map((delivery) => delivery.attempts.some((attempt) => attempt.duplicate))
      }
      const result = await duplicates()
      await local.close()
      return result
    }
    const first = await pattern(7)
    expect(await pattern(7)).toEqual(first)
    expect(first).toContain(true)
    expect(first).toContain(false)
  })
})
