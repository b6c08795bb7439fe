import { describe, expect, it } from "vitest"
import { createDriver } from "./support/pos-driver.js"

const RETURN = "/pos/api/v1/tx/return"

const payDynamic = async (
  driver: ReturnType<typeof createDriver>,
  token: string,
  amount: number
): Promise<number> => {
  const qr = await driver.createQr(token, { qrType: "dynamic", amountType: "fixed", extension: { amount } })
  return (await driver.pay(qr.qrId)).body.txId
}

describe("shift transaction list", () => {
  it("pages newest first with the txId cursor until isEnded", async () => {
    const driver = createDriver({ transactionPageSize: 2 })
    const { token, shiftId } = await driver.ready()
    const ids: number[] = []
    for (const amount of [1, 2, 3, 4, 5]) {
      ids.push(await payDynamic(driver, token, amount))
      driver.clock.advance(1000)
    }
    const pages: number[][] = []
    let cursor = ""
    for (;;) {
      const page = await driver.call("GET", `/pos/api/v1/shift/${shiftId}/tx${cursor}`, { token })
      expect(page.body.result).toBe("success")
      pages.push(page.body.txList.map((row: { id: number }) => row.id))
      if (page.body.isEnded) break
      cursor = `?txId=${page.body.txList.at(-1).id}`
    }
    expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]])
    const first = await driver.call("GET", `/pos/api/v1/shift/${shiftId}/tx`, { token })
    expect(first.body.txList[0]).toEqual({
      id: ids[4],
      amount: 5,
      ccy: "MDL",
      date: "2026-03-02T10:00:04",
      type: "paid"
    })
  })

  it("says isEnded on an exact last page and on an empty shift", async () => {
    const driver = createDriver({ transactionPageSize: 2 })
    const { token, shiftId } = await driver.ready()
    expect((await driver.call("GET", `/pos/api/v1/shift/${shiftId}/tx`, { token })).body).toEqual({
      result: "success",
      isEnded: true,
      txList: []
    })
    await payDynamic(driver, token, 1)
    await payDynamic(driver, token, 2)
    expect((await driver.call("GET", `/pos/api/v1/shift/${shiftId}/tx`, { token })).body.isEnded).toBe(true)
  })

  it("answers not_found for an unknown or foreign shift and 400 for a bad cursor", async () => {
    const driver = createDriver()
    const mine = await driver.ready()
    const theirs = await driver.ready("10002")
    expect((await driver.call("GET", "/pos/api/v1/shift/999/tx", { token: mine.token })).body.result).toBe(
      "not_found"
    )
    expect(
      (await driver.call("GET", `/pos/api/v1/shift/${theirs.shiftId}/tx`, { token: mine.token })).body.result
    ).toBe("not_found")
    const bad = await driver.call("GET", `/pos/api/v1/shift/${mine.shiftId}/tx?txId=abc`, {
      token: mine.token
    })
    expect(bad.status).toBe(400)
  })
})

describe("transaction details", () => {
  it("prints txInfo with the Cyrillic mсс key and bank references", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const txId = await payDynamic(driver, token, 12.34)
    const { body } = await driver.call("GET", `/pos/api/v1/tx/${txId}`, { token })
    expect(body.result).toBe("success")
    expect(Object.keys(body.txInfo)).toEqual([
      "id",
      "amount",
      "ccy",
      "date",
      "type",
      "rrn",
      "approvalCode",
      "m\u0441\u0441",
      "swiftMessageType",
      "swiftMessageId",
      "swiftPayerBank"
    ])
    expect(body.txInfo).toMatchObject({ id: txId, amount: 12.34, type: "paid", "m\u0441\u0441": "5999" })
    expect(body.txInfo.rrn).toMatch(/^\d{12}$/)
    expect(body.txInfo.approvalCode).toMatch(/^\d{6}$/)
    expect((await driver.call("GET", "/pos/api/v1/tx/424242", { token })).body.result).toBe("not_found")
    expect((await driver.call("GET", "/pos/api/v1/tx/x1", { token })).body.result).toBe("not_found")
  })
})

describe("returns", () => {
  it("returns partially, then the rest with fullRefund, never more than paid", async () => {
    const driver = createDriver()
    const { token, shiftId } = await driver.ready()
    const txId = await payDynamic(driver, token, 100)
    const partial = await driver.call("POST", RETURN, {
      token,
      body: {
        txId,
        amount: 30.1,
        fullRefund: false,
        ccy: "MDL",
        reasonCode: "customer_request",
        reasonMessage: "size"
      }
    })
    expect(partial.body).toEqual({ result: "success", requestId: expect.any(Number) })
    const tooMuch = await driver.call("POST", RETURN, {
      token,
      body: { txId, amount: 69.91, fullRefund: false, reasonCode: "customer_request" }
    })
    expect(tooMuch.body).toMatchObject({ result: "amount_exceeds_refundable", refundableAmount: 69.9 })
    const rest = await driver.call("POST", RETURN, {
      token,
      body: { txId, fullRefund: true, reasonCode: "defect" }
    })
    expect(rest.body.result).toBe("success")
    expect(driver.sandbox.state.transactions.get(rest.body.requestId)?.amountMinor).toBe(6990)
    expect(driver.sandbox.state.transactions.get(txId)?.returnedMinor).toBe(10000)
    const nothingLeft = await driver.call("POST", RETURN, {
      token,
      body: { txId, fullRefund: true, reasonCode: "x" }
    })
    expect(nothingLeft.body.result).toBe("already_refunded")

    const details = await driver.call("GET", `/pos/api/v1/tx/${partial.body.requestId}`, { token })
    expect(details.body.txInfo).toMatchObject({ type: "return", amount: 30.1, swiftMessageType: "pacs.004" })
    const list = await driver.call("GET", `/pos/api/v1/shift/${shiftId}/tx`, { token })
    expect(list.body.txList.map((row: { type: string }) => row.type)).toEqual(["return", "return", "paid"])
  })

  it("keeps the sum of returns exact in minor units (0.1 + 0.2 style amounts)", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const txId = await payDynamic(driver, token, 0.3)
    for (const amount of [0.1, 0.2]) {
      const response = await driver.call("POST", RETURN, {
        token,
        body: { txId, amount, fullRefund: false, reasonCode: "r" }
      })
      expect(response.body.result).toBe("success")
    }
    expect(driver.sandbox.state.transactions.get(txId)?.returnedMinor).toBe(30)
    const extra = await driver.call("POST", RETURN, {
      token,
      body: { txId, amount: 0.01, fullRefund: false, reasonCode: "r" }
    })
    expect(extra.body.result).toBe("already_refunded")
  })

  it("refuses returning a return, a foreign currency, and a missing amount on a partial return", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const txId = await payDynamic(driver, token, 10)
    const returned = await driver.call("POST", RETURN, {
      token,
      body: { txId, amount: 1, fullRefund: false, reasonCode: "r" }
    })
    const ofReturn = await driver.call("POST", RETURN, {
      token,
      body: { txId: returned.body.requestId, fullRefund: true, reasonCode: "r" }
    })
    expect(ofReturn.body.result).toBe("operation_not_allowed")
    const euro = await driver.call("POST", RETURN, {
      token,
      body: { txId, fullRefund: true, ccy: "EUR", reasonCode: "r" }
    })
    expect(euro.body.result).toBe("currency_mismatch")
    const noAmount = await driver.call("POST", RETURN, {
      token,
      body: { txId, fullRefund: false, reasonCode: "r" }
    })
    expect(noAmount.status).toBe(400)
    expect(noAmount.body.errorMessage).toContain('"amount"')
    const noReason = await driver.call("POST", RETURN, { token, body: { txId, fullRefund: true } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errorMessage).toContain('"reasonCode"')
    const unknown = await driver.call("POST", RETURN, {
      token,
      body: { txId: 9999, fullRefund: true, reasonCode: "r" }
    })
    expect(unknown.body.result).toBe("not_found")
  })

  it("needs an open shift, which the return is booked into", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const txId = await payDynamic(driver, token, 10)
    await driver.call("POST", "/pos/api/v1/shift/close", { token })
    const closed = await driver.call("POST", RETURN, {
      token,
      body: { txId, fullRefund: true, reasonCode: "r" }
    })
    expect(closed.body.result).toBe("no_open_shift")
    expect(driver.sandbox.state.transactions.get(txId)?.returnedMinor).toBe(0)
    const next = await driver.call("POST", "/pos/api/v1/shift/open", { token })
    const done = await driver.call("POST", RETURN, {
      token,
      body: { txId, fullRefund: true, reasonCode: "r" }
    })
    expect(driver.sandbox.state.transactions.get(done.body.requestId)?.shiftId).toBe(next.body.shiftId)
  })
})
