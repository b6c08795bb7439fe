import { afterEach, describe, expect, it } from "vitest"
import type { MiaSandbox } from "../../src/index.js"
import { codesOf } from "../support/raw-bank.js"
import { rtpBank } from "./support/rtp-bank.js"

let sandbox: MiaSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
})

const acceptedRequest = async (...args: Parameters<typeof rtpBank>) => {
  const world = await rtpBank(...args)
  sandbox = world.sandbox
  const rtpId = await world.create()
  const { payId } = (await world.accept(rtpId)).body.result
  return { ...world, rtpId, payId: payId as string }
}

describe("POST /v2/rtp/{payId}/refund", () => {
  it("refunds the whole payment: { refundId, status: Created }; the request stays Accepted", async () => {
    const { bank, sandbox, rtpId, payId } = await acceptedRequest()
    const refund = await bank.post(`/v2/rtp/${payId}/refund`, { reason: "Refund reason" })
    expect(refund.body).toEqual({
      result: { refundId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: "Created" },
      ok: true
    })
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.status).toBe("Accepted")
    expect(sandbox.rtp.get(rtpId)?.refundId).toBe(refund.body.result.refundId)
  })

  it("answers a partial amount with 409 34001 and refunds nothing", async () => {
    const { bank, sandbox, rtpId, payId } = await acceptedRequest()
    const partial = await bank.post(`/v2/rtp/${payId}/refund`, { reason: "half", amount: 75 })
    expect(partial.status).toBe(409)
    expect(partial.body.errors).toEqual([
      {
        errorCode: "34001",
        errorMessage: `Partial refund is not available: \`${payId}\`.`,
        errorArgs: { paymentId: payId }
      }
    ])
    expect(sandbox.rtp.get(rtpId)?.refundId).toBeUndefined()
    const full = await bank.post(`/v2/rtp/${payId}/refund`, { reason: "all", amount: 150.25 })
    expect(full.status).toBe(200)
  })

  it("refuses a second refund (24005), a missing reason (12000) and an unknown payment (23000)", async () => {
    const { bank, rtpId, payId } = await acceptedRequest()
    expect(codesOf(await bank.post(`/v2/rtp/${payId}/refund`, {}))).toEqual(["12000"])
    await bank.post(`/v2/rtp/${payId}/refund`, { reason: "first" })
    const second = await bank.post(`/v2/rtp/${payId}/refund`, { reason: "second" })
    expect([second.status, codesOf(second)]).toEqual([409, ["24005"]])
    const byRtpId = await bank.post(`/v2/rtp/${rtpId}/refund`, { reason: "wrong id" })
    expect([byRtpId.status, codesOf(byRtpId)]).toEqual([404, ["23000"]])
  })
})
