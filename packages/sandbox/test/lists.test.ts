import { beforeEach, describe, expect, it } from "vitest"
import { createMiaSandbox, createSandboxClock, type MiaSandbox } from "../src/index.js"
import { codesOf, dynamicQrBody, type RawBank, rawBank } from "./support/raw-bank.js"

const start = Date.parse("2026-03-01T10:00:00Z")
let sandbox: MiaSandbox
let bank: RawBank

beforeEach(async () => {
  sandbox = createMiaSandbox({ clock: createSandboxClock(start), tokenExpiresIn: 86_400 })
  bank = rawBank(sandbox)
  await bank.login()
  // Five QR codes a minute apart: orders A..E with amounts 50, 40, 30, 20, 10; B and D paid.
  for (const [index, orderId] of ["A", "B", "C", "D", "E"].entries()) {
    const amount = 50 - index * 10
    const { qrId } = (
      await bank.post(
        "/v2/mia/qr",
        dynamicQrBody(sandbox, { orderId, amount, description: `Order ${orderId}` })
      )
    ).body.result
    if (orderId === "B" || orderId === "D") await sandbox.pay({ qrId, payerName: `Payer ${orderId}` })
    sandbox.clock.advance(60_000)
  }
})

const orderIds = (answer: { body: { result: { items: Array<{ orderId: string }> } } }) =>
  answer.body.result.items.map((item) => item.orderId)

describe("GET /v2/mia/qr", () => {
  it("lists everything by createdAt ascending by default, with totalCount", async () => {
    const answer = await bank.get("/v2/mia/qr")
    expect(answer.body.result.totalCount).toBe(5)
    expect(orderIds(answer)).toEqual(["A", "B", "C", "D", "E"])
  })

  it("pages with count and offset while totalCount counts every match", async () => {
    const page = await bank.get("/v2/mia/qr?count=2&offset=3")
    expect(page.body.result.totalCount).toBe(5)
    expect(orderIds(page)).toEqual(["D", "E"])
    expect(orderIds(await bank.get("/v2/mia/qr?count=2&offset=10"))).toEqual([])
  })

  it("filters by status, amount range (inclusive), orderId, description and type", async () => {
    expect(orderIds(await bank.get("/v2/mia/qr?status=Paid"))).toEqual(["B", "D"])
    expect(orderIds(await bank.get("/v2/mia/qr?amountFrom=20&amountTo=40.00"))).toEqual(["B", "C", "D"])
    expect(orderIds(await bank.get("/v2/mia/qr?orderId=C"))).toEqual(["C"])
    expect(orderIds(await bank.get("/v2/mia/qr?description=order%20e"))).toEqual(["E"])
    expect((await bank.get("/v2/mia/qr?type=Static")).body.result.totalCount).toBe(0)
  })

  it("filters by creation time, inclusive", async () => {
    const answer = await bank.get(
      "/v2/mia/qr?createdAtFrom=2026-03-01T10:01:00Z&createdAtTo=2026-03-01T10:03:00Z"
    )
    expect(orderIds(answer)).toEqual(["B", "C", "D"])
  })

  it("sorts by any documented field in both orders", async () => {
    expect(orderIds(await bank.get("/v2/mia/qr?sortBy=orderId&order=desc"))).toEqual([
      "E",
      "D",
      "C",
      "B",
      "A"
    ])
    expect(orderIds(await bank.get("/v2/mia/qr?sortBy=status"))).toEqual(["A", "C", "E", "B", "D"])
  })

  it("answers 12003 for unknown sort options and typed codes for bad filters", async () => {
    expect(codesOf(await bank.get("/v2/mia/qr?sortBy=amount"))).toEqual(["12003"])
    expect(codesOf(await bank.get("/v2/mia/qr?order=up"))).toEqual(["12003"])
    expect(codesOf(await bank.get("/v2/mia/qr?type=Round"))).toEqual(["12004"])
    expect(codesOf(await bank.get("/v2/mia/qr?status=Lost"))).toEqual(["12005"])
    expect(codesOf(await bank.get("/v2/mia/qr?count=0"))).toEqual(["12000"])
    expect(codesOf(await bank.get("/v2/mia/qr?offset=-1"))).toEqual(["12000"])
    expect(codesOf(await bank.get("/v2/mia/qr?amountFrom=ten"))).toEqual(["12000"])
    expect(codesOf(await bank.get("/v2/mia/qr?createdAtFrom=yesterday"))).toEqual(["12000"])
    expect((await bank.get("/v2/mia/qr?sortBy=amount")).status).toBe(400)
  })
})

describe("GET /v2/mia/payments", () => {
  it("lists payments by executedAt, filters by status and payer, sorts by amount", async () => {
    const all = await bank.get("/v2/mia/payments")
    expect(all.body.result.totalCount).toBe(2)
    expect(orderIds(all)).toEqual(["B", "D"])
    expect(orderIds(await bank.get("/v2/mia/payments?sortBy=amount"))).toEqual(["D", "B"])
    expect(orderIds(await bank.get("/v2/mia/payments?payerName=payer%20d"))).toEqual(["D"])
    const payId = all.body.result.items[0].payId
    await bank.post(`/v2/payments/${payId}/refund`, { reason: "returned" })
    expect(orderIds(await bank.get("/v2/mia/payments?status=Refunded"))).toEqual(["B"])
    expect(orderIds(await bank.get("/v2/mia/payments?status=Executed"))).toEqual(["D"])
  })

  it("finds the payment of a QR the way plugins recover a payId", async () => {
    const qrId = sandbox.state.qrs()[3]?.qrId
    const answer = await bank.get(
      `/v2/mia/payments?qrId=${qrId}&count=1&offset=0&sortBy=executedAt&order=desc`
    )
    expect(answer.body.result.items).toHaveLength(1)
    expect(answer.body.result.items[0]).toMatchObject({ qrId, orderId: "D", status: "Executed" })
  })

  it("answers 12003 for unknown sort options and 12000 for a bad status", async () => {
    expect(codesOf(await bank.get("/v2/mia/payments?sortBy=createdAt"))).toEqual(["12003"])
    expect(codesOf(await bank.get("/v2/mia/payments?status=Paid"))).toEqual(["12000"])
  })
})
