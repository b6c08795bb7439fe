import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import { createDriver } from "./support/pos-driver.js"

const CYRILLIC_MCC = "m\u0441\u0441"

describe("dynamic QR (v2)", () => {
  it("creates a fixed-amount QR with an image, is paid once, then reads as paid", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const created = await driver.call("POST", "/pos/api/v2/qr", {
      token,
      body: { qrType: "dynamic", amountType: "fixed", extension: { amount: 125.5 } }
    })
    expect(created.body.result).toBe("success")
    const qrInfo = created.body.qrInfo
    expect(qrInfo).toMatchObject({ qrType: "dynamic", amountType: "fixed" })
    expect(qrInfo.qrText).toBe(`https://sandbox.mia-sdk.local/pos/qr/${qrInfo.qrId}`)
    expect(qrInfo.extension).toEqual({ extensionId: expect.any(String), qrExpireIn: 300, amount: 125.5 })
    const image = PNG.sync.read(Buffer.from(qrInfo.qrImage, "base64"))
    expect(image.width).toBe(image.height)
    expect(image.width).toBeGreaterThan(100)

    const paid = await driver.pay(qrInfo.qrId)
    expect(paid.body).toMatchObject({ result: "success", amount: 125.5, ccy: "MDL", qrId: qrInfo.qrId })
    expect(driver.sandbox.state.transactions.get(paid.body.txId)?.amountMinor).toBe(12550)

    const again = await driver.pay(qrInfo.qrId)
    expect(again.body).toMatchObject({ result: "qr_not_active", state: "paid" })
    const read = await driver.call("GET", `/pos/api/v2/qr/${qrInfo.qrId}`, { token })
    expect(read.body.state).toBe("paid")
    expect(read.body.qrInfo.extension).toBeUndefined()
    expect(read.body.qrInfo.qrImage).toBeUndefined()
    expect(read.body.result).toBeUndefined()

    const check = await driver.call("GET", `/pos/api/v2/qr/extension/${qrInfo.extension.extensionId}/check`, {
      token
    })
    expect(check.body).toMatchObject({ state: "paid", totalPayments: 1 })
    expect(check.body.lastTxInfo).toMatchObject({
      id: paid.body.txId,
      amount: 125.5,
      ccy: "MDL",
      type: "paid",
      [CYRILLIC_MCC]: "5999",
      swiftMessageType: "pacs.008",
      swiftPayerBank: "AGRNMD2X"
    })
    expect(check.body.lastTxInfo.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  })

  it("expires on the clock after the terminal's qrTtl", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 3600 })
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 10 }
    })
    driver.clock.advance(299_000)
    const almost = await driver.call("GET", `/pos/api/v2/qr/${qr.qrId}`, { token })
    expect(almost.body.qrInfo.extension.qrExpireIn).toBe(1)
    driver.clock.advance(1_000)
    expect((await driver.call("GET", `/pos/api/v2/qr/${qr.qrId}`, { token })).body.state).toBe("expired")
    const check = await driver.call("GET", `/pos/api/v2/qr/extension/${qr.extension.extensionId}/check`, {
      token
    })
    expect(check.body).toMatchObject({ state: "expired", totalPayments: 0 })
    expect(check.body.errorDescription).toContain("expired")
    expect((await driver.pay(qr.qrId)).body).toMatchObject({ result: "qr_not_active", state: "expired" })
  })

  it("takes any amount within the bounds of a controlled QR and refuses others", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "controlled",
      extension: { minAmount: 10, maxAmount: 20.5 }
    })
    expect(qr.extension).toMatchObject({ minAmount: 10, maxAmount: 20.5 })
    expect((await driver.pay(qr.qrId, { amount: 20.51 })).body.result).toBe("amount_out_of_range")
    expect((await driver.pay(qr.qrId, { amount: 9.99 })).body.result).toBe("amount_out_of_range")
    expect((await driver.pay(qr.qrId, {})).status).toBe(400)
    expect((await driver.pay(qr.qrId, { amount: 20.5 })).body).toMatchObject({
      result: "success",
      amount: 20.5
    })
  })

  it("refuses a fixed-amount payment of another amount", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 10 }
    })
    expect((await driver.pay(qr.qrId, { amount: 9 })).body.result).toBe("amount_mismatch")
    expect((await driver.pay(qr.qrId, { amount: 10 })).body.result).toBe("success")
  })

  it("cancels a QR; cancelling again or paying answers a result code", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    expect(qr.extension).toEqual({ extensionId: expect.any(String), qrExpireIn: 300 })
    expect((await driver.call("DELETE", `/pos/api/v2/qr/${qr.qrId}`, { token })).body).toEqual({
      result: "success"
    })
    expect((await driver.call("DELETE", `/pos/api/v2/qr/${qr.qrId}`, { token })).body.result).toBe(
      "qr_not_active"
    )
    expect((await driver.pay(qr.qrId, { amount: 5 })).body.state).toBe("cancelled")
    expect((await driver.call("DELETE", "/pos/api/v2/qr/not-a-qr", { token })).body.result).toBe("not_found")
  })

  it("refuses extensions on a dynamic QR", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 1 }
    })
    const extension = await driver.call("POST", `/pos/api/v2/qr/${qr.qrId}/extension`, {
      token,
      body: { amount: 2 }
    })
    expect(extension.body.result).toBe("operation_not_allowed")
  })
})

describe("static QR (v2)", () => {
  it("takes many payments on one fixed-amount extension and counts them", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, {
      qrType: "static",
      amountType: "fixed",
      extension: { amount: 3.3 }
    })
    for (let index = 0; index < 3; index++) expect((await driver.pay(qr.qrId)).body.result).toBe("success")
    const check = await driver.call("GET", `/pos/api/v2/qr/extension/${qr.extension.extensionId}/check`, {
      token
    })
    expect(check.body).toMatchObject({ state: "active", totalPayments: 3 })
    expect(check.body.errorDescription).toBeUndefined()
    expect(driver.sandbox.state.qrs.get(qr.qrId)?.status).toBe("active")
  })

  it("takes payments of any amount straight to a free-amount static QR (no extension)", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "static", amountType: "free" })
    expect(qr.extension).toBeUndefined()
    expect((await driver.pay(qr.qrId, { amount: 1.11 })).body.amount).toBe(1.11)
    expect((await driver.pay(qr.qrId, { amount: 2.22 })).body.amount).toBe(2.22)
    expect(driver.sandbox.state.qrs.get(qr.qrId)?.directTxIds).toHaveLength(2)
  })

  it("allows one active static or hybrid QR per terminal, any number of dynamic ones", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const first = await driver.createQr(token, { qrType: "static", amountType: "free" })
    const second = await driver.call("POST", "/pos/api/v2/qr", {
      token,
      body: { qrType: "hybrid", amountType: "free" }
    })
    expect(second.body).toMatchObject({ result: "active_qr_exists", qrId: first.qrId })
    await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    await driver.call("DELETE", `/pos/api/v2/qr/${first.qrId}`, { token })
    expect(
      (await driver.call("POST", "/pos/api/v2/qr", { token, body: { qrType: "hybrid", amountType: "free" } }))
        .body.result
    ).toBe("success")
  })
})

describe("hybrid QR (v2)", () => {
  it("asks for payments through extensions: one payment each, a new one replaces the open one", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "hybrid", amountType: "fixed" })
    expect(qr.extension).toBeUndefined()
    expect((await driver.pay(qr.qrId)).body.result).toBe("no_active_extension")

    const first = await driver.call("POST", `/pos/api/v2/qr/${qr.qrId}/extension`, {
      token,
      body: { amount: 40 }
    })
    expect(first.body.result).toBe("success")
    expect(first.body.extensionIfo).toMatchObject({ amount: 40, qrExpireIn: 300 })
    expect(first.body.extensionInfo).toBeUndefined()
    const firstId = first.body.extensionIfo.extensionId

    const second = await driver.call("POST", `/pos/api/v2/qr/${qr.qrId}/extension`, {
      token,
      body: { amount: 50 }
    })
    const secondId = second.body.extensionIfo.extensionId
    expect(
      (await driver.call("GET", `/pos/api/v2/qr/extension/${firstId}/check`, { token })).body.state
    ).toBe("cancelled")
    expect((await driver.pay(qr.qrId)).body).toMatchObject({
      result: "success",
      amount: 50,
      extensionId: secondId
    })
    expect(
      (await driver.call("GET", `/pos/api/v2/qr/extension/${secondId}/check`, { token })).body.state
    ).toBe("paid")
    expect((await driver.pay(qr.qrId)).body.result).toBe("no_active_extension")
    expect((await driver.call("GET", `/pos/api/v2/qr/${qr.qrId}`, { token })).body.state).toBe("active")
  })

  it("cancels an open extension; only hybrid extensions can be cancelled", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const hybrid = await driver.createQr(token, { qrType: "hybrid", amountType: "free" })
    const extension = await driver.call("POST", `/pos/api/v2/qr/${hybrid.qrId}/extension`, {
      token,
      body: {}
    })
    const id = extension.body.extensionIfo.extensionId
    expect((await driver.call("DELETE", `/pos/api/v2/qr/extension/${id}`, { token })).body.result).toBe(
      "success"
    )
    expect((await driver.call("DELETE", `/pos/api/v2/qr/extension/${id}`, { token })).body.result).toBe(
      "extension_not_active"
    )
    expect((await driver.call("DELETE", "/pos/api/v2/qr/extension/unknown", { token })).body.result).toBe(
      "not_found"
    )
    const dynamic = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 1 }
    })
    const refused = await driver.call("DELETE", `/pos/api/v2/qr/extension/${dynamic.extension.extensionId}`, {
      token
    })
    expect(refused.body.result).toBe("operation_not_allowed")
  })

  it("can print the key as extensionInfo when the quirk is switched", async () => {
    const driver = createDriver({ quirks: { extensionInfoKey: "extensionInfo", mccKey: "mcc" } })
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "hybrid", amountType: "fixed" })
    const extension = await driver.call("POST", `/pos/api/v2/qr/${qr.qrId}/extension`, {
      token,
      body: { amount: 1 }
    })
    expect(extension.body.extensionInfo.amount).toBe(1)
    expect(extension.body.extensionIfo).toBeUndefined()
    await driver.pay(qr.qrId)
    const check = await driver.call(
      "GET",
      `/pos/api/v2/qr/extension/${extension.body.extensionInfo.extensionId}/check`,
      {
        token
      }
    )
    expect(check.body.lastTxInfo.mcc).toBe("5999")
    expect(check.body.lastTxInfo[CYRILLIC_MCC]).toBeUndefined()
  })
})

describe("active QR list", () => {
  it("lists this terminal's active QRs, filtered by type, with images only on request", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const other = await driver.ready("10002")
    const dynamic = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 1 }
    })
    const hybrid = await driver.createQr(token, { qrType: "hybrid", amountType: "free" })
    const paid = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 2 }
    })
    await driver.pay(paid.qrId)
    await driver.createQr(other.token, { qrType: "dynamic", amountType: "free" })

    const all = await driver.call("GET", "/pos/api/v2/qr/active", { token })
    expect(all.body.codes.map((code: { qrId: string }) => code.qrId).sort()).toEqual(
      [dynamic.qrId, hybrid.qrId].sort()
    )
    expect(all.body.codes.every((code: { qrImage?: string }) => code.qrImage === undefined)).toBe(true)
    const hybrids = await driver.call("GET", "/pos/api/v2/qr/active?type=hybrid&isImageRequired=true", {
      token
    })
    expect(hybrids.body.codes).toHaveLength(1)
    expect(hybrids.body.codes[0].qrImage).toEqual(expect.any(String))
    const bad = await driver.call("GET", "/pos/api/v2/qr/active?type=round", { token })
    expect(bad.status).toBe(400)
  })

  it("does not show another terminal's QR by id", async () => {
    const driver = createDriver()
    const mine = await driver.ready()
    const theirs = await driver.ready("10002")
    const qr = await driver.createQr(theirs.token, { qrType: "dynamic", amountType: "free" })
    expect((await driver.call("GET", `/pos/api/v2/qr/${qr.qrId}`, { token: mine.token })).body).toEqual({
      state: "not_found"
    })
  })
})

describe("QR create validation", () => {
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    [
      "hybrid with an extension",
      { qrType: "hybrid", amountType: "fixed", extension: { amount: 1 } },
      "without an extension"
    ],
    [
      "static free with an extension",
      { qrType: "static", amountType: "free", extension: {} },
      "without an extension"
    ],
    ["fixed without extension", { qrType: "dynamic", amountType: "fixed" }, 'needs an "extension"'],
    ["fixed without amount", { qrType: "dynamic", amountType: "fixed", extension: {} }, "extension.amount"],
    [
      "three decimals",
      { qrType: "dynamic", amountType: "fixed", extension: { amount: 1.005 } },
      "at most 2 decimals"
    ],
    [
      "over the maximum",
      { qrType: "dynamic", amountType: "fixed", extension: { amount: 100000.01 } },
      "at most 100000"
    ],
    ["zero", { qrType: "dynamic", amountType: "fixed", extension: { amount: 0 } }, "greater than 0"],
    [
      "min above max",
      { qrType: "static", amountType: "controlled", extension: { minAmount: 5, maxAmount: 4 } },
      "minAmount"
    ],
    [
      "min/max on fixed",
      { qrType: "dynamic", amountType: "fixed", extension: { amount: 5, maxAmount: 6 } },
      "maxAmount"
    ],
    ["unknown type", { qrType: "round", amountType: "fixed" }, "dynamic, static, hybrid"]
  ]
  it.each(cases)("rejects %s with a 400 that says what to fix", async (_name, body, message) => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const response = await driver.call("POST", "/pos/api/v2/qr", { token, body })
    expect(response.status).toBe(400)
    expect(response.body.result).toBe("bad_request")
    expect(response.body.errorMessage).toContain(message)
  })

  it("accepts enum values in any case and needs an open shift", async () => {
    const driver = createDriver()
    const { accessToken: token } = await driver.login(await driver.activate())
    const closed = await driver.call("POST", "/pos/api/v2/qr", {
      token,
      body: { qrType: "DYNAMIC", amountType: "Free" }
    })
    expect(closed.body.result).toBe("no_open_shift")
    await driver.call("POST", "/pos/api/v1/shift/open", { token })
    const open = await driver.call("POST", "/pos/api/v2/qr", {
      token,
      body: { qrType: "DYNAMIC", amountType: "Free" }
    })
    expect(open.body.qrInfo).toMatchObject({ qrType: "dynamic", amountType: "free" })
  })
})
