import { signMiaCallback } from "@mia-sdk/core/callback"
import { afterEach, describe, expect, it } from "vitest"
import type { MiaSandbox } from "../../src/index.js"
import { type CallbackReceiver, startCallbackReceiver } from "../support/callback-receiver.js"
import { rtpBank, signatureHolds } from "./support/rtp-bank.js"

let sandbox: MiaSandbox | undefined
let receiver: CallbackReceiver | undefined
afterEach(async () => {
  await sandbox?.close()
  await receiver?.close()
})

const setup = async (answers: ReadonlyArray<number>) => {
  receiver = await startCallbackReceiver({ answers })
  const world = await rtpBank()
  sandbox = world.sandbox
  const callbackUrl = `${receiver.url}/rtp/callback`
  const rtpId = await world.create({ callbackUrl })
  return { ...world, receiver, callbackUrl, rtpId }
}

describe("RTP callbacks", () => {
  it("signs the spec's example payload like the docs' vector R1", async () => {
    const result = {
      rtpId: "123e4567-e89b-12d3-a456-426614174000",
      rtpStatus: "Accepted",
      orderId: "123",
      payId: "c56a4180-65aa-42ec-a945-5fd21dec0538",
      amount: 100,
      commission: 1,
      currency: "MDL",
      payerName: "John D.",
      payerIban: "MD24AG000225100014156789",
      executedAt: "2029-10-22T10:32:28+03:00"
    }
    expect(await signMiaCallback(result, "8508706b-3454-4733-8295-56e617c4abcf")).toBe(
      "86dZpDkTqBW+S6PMs690ECTP7k3jTQvtOTDzd8RjuEs="
    )
  })

  it("posts the signed accept callback to the request's callbackUrl", async () => {
    const { sandbox, receiver, callbackUrl, rtpId, accept } = await setup([200])
    const accepted = (await accept(rtpId)).body.result
    const delivery = await sandbox.deliveries.waitFor({ rtpId, status: "delivered" })
    expect(delivery).toMatchObject({ kind: "rtp", url: callbackUrl, rtpId, qrId: "", payId: accepted.payId })
    const [received] = receiver.received
    const body = JSON.parse(received!.body)
    expect(body).toEqual({
      result: {
        rtpId,
        rtpStatus: "Accepted",
        orderId: "INV123",
        payId: accepted.payId,
        amount: 150.25,
        commission: 1.5,
        currency: "MDL",
        payerName: "John D.",
        payerIban: "MD88AG000000011621810140",
        executedAt: "2026-03-01T10:00:00.0000000+00:00"
      },
      signature: accepted.signature
    })
    expect(await signatureHolds(received!.body, sandbox.credentials.signatureKey)).toBe(true)
    expect(await signatureHolds(received!.body, "another-key")).toBe(false)
    const tampered = { ...body, result: { ...body.result, amount: 1 } }
    expect(await signatureHolds(tampered, sandbox.credentials.signatureKey)).toBe(false)
  })

  it("re-sends until the merchant answers 200", async () => {
    const { sandbox, receiver, rtpId, accept } = await setup([500, 503, 200])
    await accept(rtpId)
    const delivery = await sandbox.deliveries.waitFor({ rtpId, status: "delivered" })
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200])
    expect(receiver.received).toHaveLength(3)
    expect(new Set(receiver.received.map((callback) => callback.body)).size).toBe(1)
  })

  it("sends orderId null when the merchant gave none, and nothing for reject or cancel", async () => {
    const { sandbox, bank, create, callbackUrl } = await setup([200])
    const bare = await create({ callbackUrl, orderId: undefined })
    const payment = await sandbox.rtp.accept(bare)
    const delivery = await sandbox.deliveries.waitFor({ payId: payment.payId, status: "delivered" })
    expect(delivery.body.result.orderId).toBeNull()
    expect(await signatureHolds(delivery.body, sandbox.credentials.signatureKey)).toBe(true)
    const rejected = await create({ callbackUrl })
    await bank.post(`/v2/rtp/${rejected}/test-reject`)
    const cancelled = await create({ callbackUrl })
    await bank.post(`/v2/rtp/${cancelled}/cancel`, { reason: "x" })
    expect(sandbox.deliveries.list({ kind: "rtp" }).map((entry) => entry.rtpId)).toEqual([bare])
  })
})
