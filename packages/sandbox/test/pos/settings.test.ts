import { describe, expect, it } from "vitest"
import { createDriver } from "./support/pos-driver.js"

const SETTINGS = "/pos/api/v1/settings"

describe("QR settings", () => {
  it("reads the configured settings and stores a change with its time", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    expect((await driver.call("GET", SETTINGS, { token })).body).toEqual({
      result: "success",
      qrSettings: {
        qrType: "dynamic",
        qrAmountType: "fixed",
        qrTtl: 300,
        prohibitSettingsChange: false,
        whenUpdated: "2026-03-02T10:00:00"
      }
    })
    driver.clock.advance(60_000)
    const set = await driver.call("POST", SETTINGS, {
      token,
      body: { qrType: "hybrid", qrAmountType: "controlled", qrTtl: 60, whenUpdated: null }
    })
    expect(set.body).toEqual({ result: "success" })
    expect((await driver.call("GET", SETTINGS, { token })).body.qrSettings).toEqual({
      qrType: "hybrid",
      qrAmountType: "controlled",
      qrTtl: 60,
      prohibitSettingsChange: false,
      whenUpdated: "2026-03-02T10:01:00"
    })
    // The new TTL drives QR expiry.
    const qr = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 1 }
    })
    expect(qr.extension.qrExpireIn).toBe(60)
  })

  it("refuses changes while prohibitSettingsChange is set by configuration", async () => {
    const driver = createDriver({ prohibitSettingsChange: true })
    const { token } = await driver.ready()
    expect((await driver.call("GET", SETTINGS, { token })).body.qrSettings.prohibitSettingsChange).toBe(true)
    const set = await driver.call("POST", SETTINGS, {
      token,
      body: { qrType: "static", qrAmountType: "free" }
    })
    expect(set.status).toBe(200)
    expect(set.body.result).toBe("settings_change_prohibited")
    expect(driver.sandbox.state.settings.get("10001")?.qrType).toBe("dynamic")
  })

  it("locks itself once a change sets prohibitSettingsChange; per-terminal configuration wins", async () => {
    const driver = createDriver({
      prohibitSettingsChange: true,
      terminals: [
        { terminalId: "10001", merchantIdno: "1003600012345", settings: { prohibitSettingsChange: false } }
      ]
    })
    const { token } = await driver.ready()
    const lock = await driver.call("POST", SETTINGS, {
      token,
      body: { qrType: "static", qrAmountType: "free", prohibitSettingsChange: true }
    })
    expect(lock.body.result).toBe("success")
    const next = await driver.call("POST", SETTINGS, {
      token,
      body: { qrType: "dynamic", qrAmountType: "free" }
    })
    expect(next.body.result).toBe("settings_change_prohibited")
  })

  it("validates the body", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const short = await driver.call("POST", SETTINGS, {
      token,
      body: { qrType: "dynamic", qrAmountType: "fixed", qrTtl: 29 }
    })
    expect(short.status).toBe(400)
    expect(short.body.errorMessage).toContain("at least 30")
    const noType = await driver.call("POST", SETTINGS, { token, body: { qrAmountType: "fixed" } })
    expect(noType.body.errorMessage).toContain('"qrType"')
    const flag = await driver.call("POST", SETTINGS, {
      token,
      body: { qrType: "dynamic", qrAmountType: "fixed", prohibitSettingsChange: "yes" }
    })
    expect(flag.status).toBe(400)
  })
})
