import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox, type MiaSandbox, type SandboxRtpOptions } from "../../src/index.js"
import { codesOf } from "../support/raw-bank.js"
import { ALIAS, rtpBank } from "./support/rtp-bank.js"

let sandbox: MiaSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
})

const setup = async (rtp: SandboxRtpOptions) => {
  const world = await rtpBank({ rtp })
  sandbox = world.sandbox
  return world
}

const accepted = async (rtp: SandboxRtpOptions) => {
  const world = await setup(rtp)
  const rtpId = await world.create()
  const answer = (await world.accept(rtpId)).body.result
  return { ...world, rtpId, answer, payId: answer.payId as string }
}

describe("RTP switches", () => {
  it("refundAnswer: payId answers { payId, status: Refunded }", async () => {
    const { bank, payId } = await accepted({ refundAnswer: "payId" })
    const refund = await bank.post(`/v2/rtp/${payId}/refund`, { reason: "r" })
    expect(refund.body.result).toEqual({ payId, status: "Refunded" })
  })

  it("refundSetsStatus: a refunded request shows Refunded (and lists under it)", async () => {
    const { bank, rtpId, payId } = await accepted({ refundSetsStatus: true })
    await bank.post(`/v2/rtp/${payId}/refund`, { reason: "r" })
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.status).toBe("Refunded")
    expect((await bank.get("/v2/rtp?status=Refunded")).body.result.totalCount).toBe(1)
  })

  it("statusIncludesPayId: the status answer and list items carry payId once accepted", async () => {
    const { bank, rtpId, payId, create } = await accepted({ statusIncludesPayId: true })
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.payId).toBe(payId)
    const pending = await create()
    expect((await bank.get(`/v2/rtp/${pending}`)).body.result).not.toHaveProperty("payId")
    expect((await bank.get("/v2/rtp?status=Accepted")).body.result.items[0].payId).toBe(payId)
  })

  it.each([
    ["status", ["status"], ["rtpStatus"]],
    ["rtpStatus", ["rtpStatus"], ["status"]]
  ] as const)("testStatusField: %s", async (field, present, absent) => {
    const { bank, answer, create } = await accepted({ testStatusField: field })
    const rejected = (await bank.post(`/v2/rtp/${await create()}/test-reject`)).body.result
    for (const result of [answer, rejected]) {
      for (const name of present) expect(result).toHaveProperty(name)
      for (const name of absent) expect(result).not.toHaveProperty(name)
    }
  })

  it("testAcceptSignature: signatureKey gives the key, none gives neither", async () => {
    const withKey = await accepted({ testAcceptSignature: "signatureKey" })
    expect(withKey.answer.signatureKey).toBe(withKey.sandbox.credentials.signatureKey)
    expect(withKey.answer).not.toHaveProperty("signature")
    await withKey.sandbox.close()
    const without = await accepted({ testAcceptSignature: "none" })
    expect(without.answer).not.toHaveProperty("signature")
    expect(without.answer).not.toHaveProperty("signatureKey")
  })

  it("testRejectAnswer: full answers the accept shape with null payment fields", async () => {
    const { bank, create } = await setup({ testRejectAnswer: "full" })
    const rtpId = await create()
    const rejected = await bank.post(`/v2/rtp/${rtpId}/test-reject`, {})
    expect(rejected.body.result).toEqual({
      rtpId,
      status: "Rejected",
      rtpStatus: "Rejected",
      orderId: "INV123",
      payId: null,
      amount: 150.25,
      commission: null,
      currency: "MDL",
      payerName: null,
      payerIban: null,
      executedAt: null,
      signature: null
    })
  })

  it("activeAfterMs: a pending request turns Active on the sandbox clock and can still be paid", async () => {
    const { bank, sandbox, create, accept } = await setup({ activeAfterMs: 5_000 })
    const rtpId = await create()
    sandbox.clock.advance(4_999)
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.status).toBe("Created")
    sandbox.clock.advance(1)
    const active = (await bank.get(`/v2/rtp/${rtpId}`)).body.result
    expect(active).toMatchObject({ status: "Active", updatedAt: "2026-03-01T10:00:05.0000000+00:00" })
    expect(sandbox.rtp.inbox(ALIAS)[0]?.status).toBe("Active")
    expect((await accept(rtpId)).status).toBe(200)
  })

  it("expiredRequests: not-found answers lookups and operations of expired requests with 404 23000", async () => {
    const { bank, sandbox, create, accept } = await setup({ expiredRequests: "not-found" })
    const rtpId = await create()
    sandbox.clock.advance(61 * 60_000)
    await bank.login()
    for (const answer of [
      await bank.get(`/v2/rtp/${rtpId}`),
      await accept(rtpId),
      await bank.post(`/v2/rtp/${rtpId}/cancel`, { reason: "x" })
    ]) {
      expect([answer.status, codesOf(answer)]).toEqual([404, ["23000"]])
    }
    expect((await bank.get("/v2/rtp?status=Expired")).body.result.totalCount).toBe(1)
  })

  it("acceptAmount: exact refuses another amount (12000), any takes it and pays the request's amount", async () => {
    const exact = await setup({})
    const refused = await exact.accept(await exact.create(), 1)
    expect([refused.status, codesOf(refused), refused.body.errors[0].errorArgs]).toEqual([
      400,
      ["12000"],
      { parameter: "amount" }
    ])
    await exact.sandbox.close()
    const any = await setup({ acceptAmount: "any" })
    const paid = await any.accept(await any.create(), 1)
    expect(paid.body.result.amount).toBe(150.25)
  })

  it("severalPendingPerAlias: false refuses a second pending request to a phone with 24005", async () => {
    const { bank, sandbox, create } = await setup({ severalPendingPerAlias: false })
    const first = await create()
    const second = await bank.post("/v2/rtp", {
      alias: ALIAS,
      amount: 1,
      currency: "MDL",
      description: "x",
      expiresAt: "2026-03-01T12:00:00Z"
    })
    expect([second.status, codesOf(second)]).toEqual([409, ["24005"]])
    await sandbox.rtp.reject(first)
    expect(await create()).toEqual(expect.any(String))
  })

  it("aliasesWithoutMia: a request to such a phone answers 409 24006", async () => {
    const { bank, sandbox } = await setup({ aliasesWithoutMia: ["37360000001"] })
    const answer = await bank.post("/v2/rtp", {
      alias: "37360000001",
      amount: 1,
      currency: "MDL",
      description: "x",
      expiresAt: new Date(sandbox.clock.now() + 3_600_000).toISOString()
    })
    expect([answer.status, codesOf(answer)]).toEqual([409, ["24006"]])
  })

  it("sortingErrorCode: 12003 instead of 22002", async () => {
    const { bank } = await setup({ sortingErrorCode: "12003" })
    expect(codesOf(await bank.get("/v2/rtp?sortBy=nope"))).toEqual(["12003"])
  })

  it("commissionRate: overrides the sandbox's for RTP payments", async () => {
    const { answer } = await accepted({ commissionRate: 0 })
    expect(answer.commission).toBe(0)
  })

  it("rejects switches that can't work, naming them", () => {
    expect(() => createMiaSandbox({ rtp: { refundAnswer: "both" as never } })).toThrow(/rtp\.refundAnswer/)
    expect(() => createMiaSandbox({ rtp: { activeAfterMs: -1 } })).toThrow(/rtp\.activeAfterMs/)
    expect(() => createMiaSandbox({ rtp: { aliasesWithoutMia: ["+37360000001"] } })).toThrow(
      /rtp\.aliasesWithoutMia/
    )
  })
})
