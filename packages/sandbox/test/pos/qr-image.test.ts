import { encode } from "uqr"
import { describe, expect, it } from "vitest"
import { POS_SANDBOX_DEFAULTS } from "../../src/index.js"
import { sandboxQrImage } from "../../src/pos/internal/qr-image.js"
import { decodeModules, decodeQrPng, sampleModules } from "../support/qr-decoder.js"
import { createDriver } from "./support/pos-driver.js"

describe("qrImage", () => {
  it("is a scannable QR code of the QR's qrText (v2 create and v1 create)", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const v2 = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 10 }
    })
    expect(decodeQrPng(v2.qrImage)).toBe(v2.qrText)
    const v1 = await driver.call("POST", "/pos/api/v1/qr", { token, body: { amount: 12.5 } })
    expect(v1.body.result).toBe("success")
    expect(decodeQrPng(v1.body.qrImage)).toBe(`${POS_SANDBOX_DEFAULTS.qrTextPrefix}${v1.body.qrId}`)
  })

  it("draws exactly the modules of the QR matrix, with a quiet zone around them", () => {
    const text = "https://sandbox.mia-sdk.local/pos/qr/628f8a47-50a4-47e4-be12-af6c4dac9573"
    const png = Buffer.from(sandboxQrImage(text), "base64")
    expect(sampleModules(png)).toEqual(encode(text, { ecc: "M", border: 0 }).data)
  })

  it.each([
    ["short", "https://mia.md/q/1"],
    [
      "a long prefix",
      `https://payments.example.md/${"segment/".repeat(12)}6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9`
    ],
    ["non-ASCII text", "https://sandbox.mia-sdk.local/pos/qr/plată-ăîșțâ"]
  ])("decodes back to the text for %s", (_name, text) => {
    expect(decodeQrPng(sandboxQrImage(text))).toBe(text)
  })

  it("is read by a reader that rejects a damaged code (so the checks above are not vacuous)", () => {
    const modules = sampleModules(Buffer.from(sandboxQrImage("https://mia.md/q/1"), "base64"))
    const damaged = modules.map((row) => [...row])
    damaged[12]![12] = !damaged[12]![12] // a data module, away from every function pattern
    expect(() => decodeModules(damaged)).toThrow(/Reed-Solomon/)
  })
})
