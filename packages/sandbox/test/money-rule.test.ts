import { parseAmount } from "@mia-sdk/core"
import { describe, expect, it } from "vitest"
import { createMiaSandbox, createSandboxClock } from "../src/index.js"
import { createDriver } from "./pos/support/pos-driver.js"
import { codesOf, dynamicQrBody, rawBank } from "./support/raw-bank.js"

// The same amounts the client refuses before sending: a raw HTTP caller gets the bank's answer for them.
const refused = [0.1 + 0.2, 99999.995, 100_000.01, 0, -5]
const accepted = [150.25, 100_000]

describe("the sandbox checks received amounts with core's money rule", () => {
  it("agrees with parseAmount on the test amounts", () => {
    for (const amount of refused) expect(parseAmount(amount).ok).toBe(false)
    for (const amount of accepted) expect(parseAmount(amount).ok).toBe(true)
  })

  it.each(refused)("MIA createQr answers 12000 to amount %s", async (amount) => {
    const sandbox = createMiaSandbox({ clock: createSandboxClock(Date.parse("2026-03-01T10:00:00Z")) })
    const bank = rawBank(sandbox)
    await bank.login()
    const answer = await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { amount }))
    expect(answer.status).toBe(400)
    expect(codesOf(answer)).toEqual(["12000"])
    expect(sandbox.state.qrs()).toEqual([])
  })

  it.each(accepted)("MIA createQr takes amount %s", async (amount) => {
    const sandbox = createMiaSandbox({ clock: createSandboxClock(Date.parse("2026-03-01T10:00:00Z")) })
    const bank = rawBank(sandbox)
    await bank.login()
    const answer = await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { amount }))
    expect(answer.status).toBe(200)
    expect(sandbox.state.qrs()).toMatchObject([{ amount }])
  })

  it.each(refused)("MiaPos qr create answers 400 to amount %s", async (amount) => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const body = { qrType: "dynamic", amountType: "fixed", extension: { amount } }
    const response = await driver.call("POST", "/pos/api/v2/qr", { token, body })
    expect(response.status).toBe(400)
    expect(response.body.errorMessage).toContain('Field "amount" must be a number greater than 0')
  })

  it.each(accepted)("MiaPos qr create takes amount %s", async (amount) => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const body = { qrType: "dynamic", amountType: "fixed", extension: { amount } }
    const response = await driver.call("POST", "/pos/api/v2/qr", { token, body })
    expect(response.body).toMatchObject({ result: "success", qrInfo: { extension: { amount } } })
  })
})
