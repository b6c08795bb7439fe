import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import { createDriver } from "./support/pos-driver.js"

describe("deprecated v1 dynamic QR", () => {
  it("creates, checks, is paid and reports the transaction", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const created = await driver.call("POST", "/pos/api/v1/qr", { token, body: { amount: 99.99 } })
    expect(created.body).toMatchObject({ result: "success", qrExpireIn: 300 })
    expect(created.body.qrId).toMatch(/^[0-9a-f-]{36}$/)
    expect(PNG.sync.read(Buffer.from(created.body.qrImage, "base64")).width).toBeGreaterThan(0)
    const qrId = created.body.qrId
    expect((await driver.call("GET", `/pos/api/v1/qr/${qrId}/check`, { token })).body).toEqual({
      state: "active"
    })
    const paid = await driver.pay(qrId, { payerName: "Ion Popescu", payerBank: "VICBMD2X" })
    expect(paid.body.amount).toBe(99.99)
    const check = await driver.call("GET", `/pos/api/v1/qr/${qrId}/check`, { token })
    expect(check.body.state).toBe("paid")
    expect(check.body.txInfo).toMatchObject({ id: paid.body.txId, amount: 99.99, swiftPayerBank: "VICBMD2X" })
    expect(check.body.txInfo.swiftMessageId).toMatch(/^VICBMD2XAXXX\d{6}\d{3,}$/)
    expect(check.body.txInfo["m\u0441\u0441"]).toBe("5999")
    // The v2 API sees the same QR.
    expect((await driver.call("GET", `/pos/api/v2/qr/${qrId}`, { token })).body.state).toBe("paid")
  })

  it("cancels, expires and answers not_found like the v2 API", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 3600 })
    const { token } = await driver.ready()
    const first = (await driver.call("POST", "/pos/api/v1/qr", { token, body: { amount: 1 } })).body.qrId
    expect((await driver.call("DELETE", `/pos/api/v1/qr/${first}`, { token })).body).toEqual({
      result: "success"
    })
    const cancelled = await driver.call("GET", `/pos/api/v1/qr/${first}/check`, { token })
    expect(cancelled.body).toMatchObject({ state: "cancelled", errorDescription: "The QR was cancelled." })
    expect((await driver.call("DELETE", `/pos/api/v1/qr/${first}`, { token })).body.result).toBe(
      "qr_not_active"
    )

    const second = (await driver.call("POST", "/pos/api/v1/qr", { token, body: { amount: 1 } })).body.qrId
    driver.clock.advance(300_000)
    expect((await driver.call("GET", `/pos/api/v1/qr/${second}/check`, { token })).body.state).toBe("expired")

    const unknown = await driver.call("GET", "/pos/api/v1/qr/unknown/check", { token })
    expect(unknown.body.state).toBe("not_found")
    expect(unknown.body.errorDescription).toEqual(expect.any(String))
    expect((await driver.call("DELETE", "/pos/api/v1/qr/unknown", { token })).body.result).toBe("not_found")
  })

  it("leaves static and hybrid QRs to the v2 API", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const hybrid = await driver.createQr(token, { qrType: "hybrid", amountType: "free" })
    expect((await driver.call("DELETE", `/pos/api/v1/qr/${hybrid.qrId}`, { token })).body.result).toBe(
      "operation_not_allowed"
    )
    expect((await driver.call("GET", `/pos/api/v1/qr/${hybrid.qrId}/check`, { token })).body.state).toBe(
      "not_found"
    )
  })

  it("validates the amount and needs an open shift", async () => {
    const driver = createDriver()
    const { accessToken: token } = await driver.login(await driver.activate())
    expect((await driver.call("POST", "/pos/api/v1/qr", { token, body: { amount: 1 } })).body.result).toBe(
      "no_open_shift"
    )
    const missing = await driver.call("POST", "/pos/api/v1/qr", { token, body: {} })
    expect(missing.status).toBe(400)
    expect(missing.body.errorMessage).toContain('"amount"')
    expect((await driver.call("POST", "/pos/api/v1/qr", { token, body: { amount: "10" } })).status).toBe(400)
  })
})
