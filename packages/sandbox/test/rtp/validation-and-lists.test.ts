import { afterEach, describe, expect, it } from "vitest"
import type { MiaSandbox } from "../../src/index.js"
import { codesOf } from "../support/raw-bank.js"
import { rtpBank, rtpBody } from "./support/rtp-bank.js"

let sandbox: MiaSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
})

const setup = async (...args: Parameters<typeof rtpBank>) => {
  const world = await rtpBank(...args)
  sandbox = world.sandbox
  return world
}

const at = (iso: string) => iso

describe("POST /v2/rtp validation", () => {
  it.each([
    ["alias with +", { alias: "+37369112221" }, "12000", "alias"],
    ["alias too short", { alias: "3736911222" }, "12000", "alias"],
    ["missing alias", { alias: undefined }, "12000", "alias"],
    ["three decimals", { amount: 10.005 }, "12000", "amount"],
    ["zero amount", { amount: 0 }, "12000", "amount"],
    ["amount as text", { amount: "10" }, "12000", "amount"],
    ["EUR", { currency: "EUR" }, "22000", undefined],
    ["missing currency", { currency: undefined }, "12000", "currency"],
    ["missing description", { description: undefined }, "12000", "description"],
    ["long description", { description: "x".repeat(501) }, "12000", "description"],
    ["http callback", { callbackUrl: "http://shop.example.md/cb" }, "12000", "callbackUrl"],
    ["relative redirect", { redirectUrl: "/ok" }, "12000", "redirectUrl"],
    ["expiresAt in the past", { expiresAt: at("2026-03-01T09:59:00Z") }, "12006", undefined],
    ["expiresAt 30 s ahead", { expiresAt: at("2026-03-01T10:00:30Z") }, "12000", "expiresAt"],
    ["expiresAt 61 days ahead", { expiresAt: at("2026-05-01T10:00:01Z") }, "12000", "expiresAt"],
    ["expiresAt not a date", { expiresAt: "tomorrow" }, "12000", "expiresAt"]
  ])("refuses %s", async (_name, override, code, parameter) => {
    const { bank, sandbox } = await setup()
    const answer = await bank.post("/v2/rtp", rtpBody(sandbox, override))
    expect(answer.status).toBe(400)
    expect(codesOf(answer)).toEqual([code])
    if (parameter) expect(answer.body.errors[0].errorArgs).toEqual({ parameter })
  })

  it("takes an http callback URL on loopback, expiresAt a minute ahead and 60 days ahead", async () => {
    const { bank, sandbox } = await setup()
    for (const override of [
      { callbackUrl: "http://127.0.0.1:3000/cb", expiresAt: "2026-03-01T10:01:00Z" },
      { expiresAt: "2026-04-30T10:00:00Z" }
    ]) {
      expect((await bank.post("/v2/rtp", rtpBody(sandbox, override))).status).toBe(200)
    }
  })

  it("reports every bad field at once", async () => {
    const { bank, sandbox } = await setup()
    const answer = await bank.post("/v2/rtp", rtpBody(sandbox, { alias: "0691", amount: -1 }))
    expect(answer.body.errors.map((error: { errorArgs: unknown }) => error.errorArgs)).toEqual([
      { parameter: "alias" },
      { parameter: "amount" }
    ])
  })

  it("does not make orderId unique", async () => {
    const { create } = await setup()
    expect(await create()).not.toBe(await create())
  })
})

describe("GET /v2/rtp", () => {
  it("filters, sorts, pages and counts before paging (10 per page by default)", async () => {
    const { bank, sandbox, create, accept } = await setup()
    const ids: Array<string> = []
    for (let index = 0; index < 12; index++) {
      ids.push(await create({ orderId: `o-${index}`, amount: 10 + index }))
      sandbox.clock.advance(1000)
    }
    await accept(ids[3]!, 13)
    const all = await bank.get("/v2/rtp")
    expect(all.body.result.totalCount).toBe(12)
    expect(all.body.result.items).toHaveLength(10)
    expect(all.body.result.items[0].rtpId).toBe(ids[0])
    const page = await bank.get("/v2/rtp?count=5&offset=10&sortBy=createdAt&order=desc")
    expect(page.body.result.items.map((item: { rtpId: string }) => item.rtpId)).toEqual([ids[1], ids[0]])
    const byAmount = await bank.get("/v2/rtp?amount=15.00")
    expect(byAmount.body.result.items.map((item: { orderId: string }) => item.orderId)).toEqual(["o-5"])
    const accepted = await bank.get("/v2/rtp?status=accepted")
    expect(accepted.body.result.items.map((item: { rtpId: string }) => item.rtpId)).toEqual([ids[3]])
    expect(accepted.body.result.items[0]).not.toHaveProperty("alias")
    expect(accepted.body.result.items[0]).not.toHaveProperty("payId")
    const byOrder = await bank.get("/v2/rtp?orderId=o-7&createdAtFrom=2026-03-01T10:00:07Z")
    expect(byOrder.body.result.totalCount).toBe(1)
    const sortedByAmount = await bank.get("/v2/rtp?sortBy=amount&order=desc&count=1")
    expect(sortedByAmount.body.result.items[0].orderId).toBe("o-11")
    expect((await bank.get("/v2/rtp?sortBy=type")).status).toBe(200)
  })

  it("answers 22002 for bad sorting, 22001 for a bad status and 12000 for a bad filter", async () => {
    const { bank } = await setup()
    expect(codesOf(await bank.get("/v2/rtp?sortBy=alias"))).toEqual(["22002"])
    expect(codesOf(await bank.get("/v2/rtp?order=up"))).toEqual(["22002"])
    expect(codesOf(await bank.get("/v2/rtp?status=Paid"))).toEqual(["22001"])
    expect(codesOf(await bank.get("/v2/rtp?rtpId=nope&count=0"))).toEqual(["12000", "12000"])
  })

  it("answers 405 with Allow for a wrong method and 404 for an unknown RTP path", async () => {
    const { bank } = await setup()
    const wrong = await bank.call("DELETE", "/v2/rtp")
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "POST, GET"])
    expect((await bank.post("/v2/rtp/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/pay")).status).toBe(404)
  })
})
