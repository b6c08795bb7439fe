import { describe, expect, it } from "vitest"
import { createPosSandbox, POS_SANDBOX_DEFAULTS } from "../../src/pos/index.js"
import { createDriver } from "./support/pos-driver.js"

describe("configuration", () => {
  it("works with zero configuration using the printed defaults", async () => {
    const driver = createDriver()
    const [terminal] = POS_SANDBOX_DEFAULTS.terminals
    const [seller] = POS_SANDBOX_DEFAULTS.sellers
    const id = await driver.activate(terminal.terminalId, terminal.merchantIdno)
    const tokens = await driver.login(id, seller.username, seller.password)
    expect(tokens.accessTokenExpiresIn).toBe(POS_SANDBOX_DEFAULTS.accessTokenLifetimeSeconds)
  })

  it("takes terminals and sellers from configuration", async () => {
    const driver = createDriver({
      terminals: [
        {
          terminalId: "777",
          merchantIdno: "1010101010101",
          merchantName: "Cafe Nord",
          phoneNumber: "+37368123456",
          mcc: "5812"
        }
      ],
      sellers: [{ id: 42, username: "maria", password: "s3cret", fullName: "Maria Ceban" }]
    })
    const id = await driver.activate("777", "1010101010101")
    expect(driver.sandbox.inbox.latest({ terminalActivationId: id })?.phoneNumber).toBe("+37368123456")
    const { accessToken: token } = await driver.login(id, "maria", "s3cret")
    const info = await driver.call("GET", "/pos/api/v1/seller/info", { token })
    expect(info.body.sellerInfo).toEqual({ id: 42, fullName: "Maria Ceban" })
    expect(info.body.merchantInfo.merchantName).toBe("Cafe Nord")
    await driver.call("POST", "/pos/api/v1/shift/open", { token })
    const qr = await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    const paid = driver.sandbox.pay(qr.qrId, { amount: 3 })
    const txId = paid.result === "success" ? paid.txId : 0
    expect((await driver.call("GET", `/pos/api/v1/tx/${txId}`, { token })).body.txInfo["m\u0441\u0441"]).toBe(
      "5812"
    )
    // The default terminal is not there any more.
    const init = await driver.call("POST", "/pos/api/v1/terminal-activation/init", {
      body: { terminalId: "10001", merchantIdno: "1003600012345" },
      headers: {
        "x-device": "d",
        "x-platform-type": "web",
        "x-installation-id": "i",
        "x-pos-app-version": "1"
      }
    })
    expect(init.body.result).toBe("not_found")
  })

  it("prints date-times in the configured time zone", async () => {
    const driver = createDriver({ timeZone: "UTC" })
    const { token } = await driver.ready()
    expect((await driver.call("GET", "/pos/api/v1/shift/check", { token })).body.openDateTime).toBe(
      "2026-03-02T08:00:00"
    )
  })

  it("rejects a configuration it could not honour, naming the option", () => {
    expect(() => createPosSandbox({ terminals: [{ terminalId: "", merchantIdno: "1" }] })).toThrow(
      /terminalId/
    )
    expect(() =>
      createPosSandbox({
        terminals: [
          { terminalId: "1", merchantIdno: "1" },
          { terminalId: "1", merchantIdno: "2" }
        ]
      })
    ).toThrow(/configured twice/)
    expect(() =>
      createPosSandbox({
        sellers: [
          { username: "a", password: "a" },
          { username: "a", password: "b" }
        ]
      })
    ).toThrow(/seller username "a"/)
    expect(() =>
      createPosSandbox({ terminals: [{ terminalId: "1", merchantIdno: "1", settings: { qrTtl: 10 } }] })
    ).toThrow(/qrTtl/)
    expect(() => createPosSandbox({ accessTokenLifetimeSeconds: -1 })).toThrow(/accessTokenLifetimeSeconds/)
    expect(() => createPosSandbox({ otp: { attempts: 0 } })).toThrow(/otp.attempts/)
    expect(() => createPosSandbox({ transactionPageSize: 0 })).toThrow(/transactionPageSize/)
    expect(() => createPosSandbox({ timeZone: "Mars/Olympus" })).toThrow(/IANA/)
  })

  it("reports a bad OTP generator as a sandbox failure, not a crash", async () => {
    const driver = createDriver({ otp: { generateCode: () => "12" } })
    const init = await driver.call("POST", "/pos/api/v1/terminal-activation/init", {
      body: { terminalId: "10001", merchantIdno: "1003600012345" },
      headers: {
        "x-device": "d",
        "x-platform-type": "web",
        "x-installation-id": "i",
        "x-pos-app-version": "1"
      }
    })
    expect(init.status).toBe(500)
    expect(init.body.errorMessage).toContain("generateCode")
  })
})
