import { afterEach, describe, expect, it } from "vitest"
import type { MiaSandbox } from "../../src/index.js"
import { codesOf } from "../support/raw-bank.js"
import { rtpBank } from "./support/rtp-bank.js"

let sandbox: MiaSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
})

const setup = async (...args: Parameters<typeof rtpBank>) => {
  const world = await rtpBank(...args)
  sandbox = world.sandbox
  return world
}

describe("RTP state machine", () => {
  it("creates a request in Created with the documented fields, and no alias or payId", async () => {
    const { bank, sandbox } = await setup()
    const expiresAt = "2026-03-01T14:00:00+03:00"
    const created = await bank.post("/v2/rtp", {
      alias: "37369112221",
      amount: 150,
      currency: "MDL",
      description: "Invoice #123",
      orderId: "INV123",
      terminalId: "P011111",
      expiresAt,
      callbackUrl: "https://shop.example.md/cb",
      redirectUrl: "https://shop.example.md/ok"
    })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({
      result: { rtpId: expect.stringMatching(/^[0-9a-f-]{36}$/), orderId: "INV123", expiresAt },
      ok: true
    })
    const { rtpId } = created.body.result
    const status = await bank.get(`/v2/rtp/${rtpId}`)
    expect(status.body.result).toEqual({
      rtpId,
      orderId: "INV123",
      status: "Created",
      amount: 150,
      currency: "MDL",
      description: "Invoice #123",
      callbackUrl: "https://shop.example.md/cb",
      redirectUrl: "https://shop.example.md/ok",
      createdAt: "2026-03-01T10:00:00.0000000+00:00",
      updatedAt: "2026-03-01T10:00:00.0000000+00:00",
      expiresAt,
      terminalId: "P011111"
    })
    expect(sandbox.rtp.get(rtpId)).toMatchObject({ alias: "37369112221", status: "Created" })
  })

  it("expires a pending request when the sandbox clock passes expiresAt", async () => {
    const { bank, sandbox, create, accept } = await setup()
    const rtpId = await create()
    sandbox.clock.advance(59 * 60_000)
    expect(sandbox.rtp.get(rtpId)?.status).toBe("Created")
    sandbox.clock.advance(60_000)
    await bank.login() // the old token expired with the clock too
    const status = await bank.get(`/v2/rtp/${rtpId}`)
    expect(status.body.result).toMatchObject({
      status: "Expired",
      updatedAt: "2026-03-01T11:00:00.0000000+00:00"
    })
    expect(sandbox.rtp.inbox("37369112221")).toEqual([])
    const late = await accept(rtpId)
    expect([late.status, codesOf(late)]).toEqual([409, ["24005"]])
    const cancel = await bank.post(`/v2/rtp/${rtpId}/cancel`, { reason: "too late" })
    expect([cancel.status, codesOf(cancel)]).toEqual([409, ["24005"]])
    const listed = await bank.get("/v2/rtp?status=Expired")
    expect(listed.body.result.totalCount).toBe(1)
  })

  it("accepts a pending request once: Accepted, with a payment; a second decision is 24005", async () => {
    const { bank, create, accept } = await setup()
    const rtpId = await create()
    const accepted = await accept(rtpId)
    expect(accepted.status).toBe(200)
    expect(accepted.body.result).toMatchObject({
      rtpId,
      status: "Accepted",
      rtpStatus: "Accepted",
      orderId: "INV123",
      payId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      amount: 150.25,
      commission: 1.5,
      currency: "MDL",
      payerName: "John D.",
      payerIban: "MD88AG000000011621810140",
      executedAt: "2026-03-01T10:00:00.0000000+00:00",
      signature: expect.any(String)
    })
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.status).toBe("Accepted")
    for (const again of [await accept(rtpId), await bank.post(`/v2/rtp/${rtpId}/test-reject`)]) {
      expect([again.status, codesOf(again)]).toEqual([409, ["24005"]])
    }
  })

  it("refuses cancel after accept with 409 24005 and leaves the request Accepted", async () => {
    const { bank, create, accept } = await setup()
    const rtpId = await create()
    await accept(rtpId)
    const cancel = await bank.post(`/v2/rtp/${rtpId}/cancel`, { reason: "changed my mind" })
    expect(cancel.status).toBe(409)
    expect(cancel.body).toEqual({
      errors: [
        {
          errorCode: "24005",
          errorMessage: "The current status does not permit the operation to be processed.",
          errorArgs: null
        }
      ],
      ok: false
    })
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.status).toBe("Accepted")
  })

  it("cancels a pending request, answers a repeated cancel the same way, then refuses payment", async () => {
    const { bank, create, accept } = await setup()
    const rtpId = await create()
    const first = await bank.post(`/v2/rtp/${rtpId}/cancel`, { reason: "Customer requested cancellation" })
    const second = await bank.post(`/v2/rtp/${rtpId}/cancel`, { reason: "again" })
    for (const answer of [first, second]) {
      expect(answer.body).toEqual({ result: { rtpId, status: "Cancelled" }, ok: true })
    }
    const missingReason = await bank.post(`/v2/rtp/${rtpId}/cancel`, {})
    expect([missingReason.status, codesOf(missingReason)]).toEqual([400, ["12000"]])
    const late = await accept(rtpId)
    expect(codesOf(late)).toEqual(["24005"])
  })

  it("rejects a pending request (test-reject, no body): Rejected, no callback, cancel refused", async () => {
    const { bank, sandbox, create } = await setup()
    const rtpId = await create({ callbackUrl: "https://shop.example.md/cb" })
    const rejected = await bank.call("POST", `/v2/rtp/${rtpId}/test-reject`)
    expect(rejected.body).toEqual({
      result: { rtpId, status: "Rejected", rtpStatus: "Rejected", orderId: "INV123" },
      ok: true
    })
    expect((await bank.get(`/v2/rtp/${rtpId}`)).body.result.status).toBe("Rejected")
    const cancel = await bank.post(`/v2/rtp/${rtpId}/cancel`, { reason: "x" })
    expect(codesOf(cancel)).toEqual(["24005"])
    expect(sandbox.deliveries.list()).toEqual([])
  })

  it("answers 404 23000 for an unknown request and 12000 for a malformed id", async () => {
    const { bank } = await setup()
    const unknown = await bank.get("/v2/rtp/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9")
    expect([unknown.status, codesOf(unknown)]).toEqual([404, ["23000"]])
    expect(unknown.body.errors[0].errorMessage).toBe(
      "The specified Request to Pay does not exist or has expired."
    )
    const malformed = await bank.post("/v2/rtp/not-a-guid/test-reject")
    expect([malformed.status, codesOf(malformed)]).toEqual([400, ["12000"]])
  })

  it("needs the same bearer token as MIA QR", async () => {
    const { bank } = await setup()
    bank.setToken(undefined)
    const answer = await bank.get("/v2/rtp")
    expect(answer.status).toBe(401)
    expect(answer.headers.get("www-authenticate")).toContain("missing")
  })
})
