import { PDFDocument } from "pdf-lib"
import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import { createDriver } from "./support/pos-driver.js"

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** A shift with two payments (100.00 and 25.50) and one 10.25 return, still open. */
const busyShift = async (options: Parameters<typeof createDriver>[0] = {}) => {
  const driver = createDriver({ accessTokenLifetimeSeconds: 86_400, ...options })
  const ready = await driver.ready()
  const txIds: number[] = []
  for (const amount of [100, 25.5]) {
    const qr = await driver.createQr(ready.token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount }
    })
    txIds.push((await driver.pay(qr.qrId)).body.txId)
    driver.clock.advance(60_000)
  }
  await driver.call("POST", "/pos/api/v1/tx/return", {
    token: ready.token,
    body: { txId: txIds[0], amount: 10.25, fullRefund: false, reasonCode: "r" }
  })
  return { driver, ...ready, txIds }
}

const closeShift = async (driver: ReturnType<typeof createDriver>, token: string) => {
  driver.clock.advance(3600_000)
  await driver.call("POST", "/pos/api/v1/shift/close", { token })
}

describe("X-report", () => {
  it("totals the open shift in json", async () => {
    const { driver, token, shiftId } = await busyShift()
    const { body } = await driver.call("GET", `/pos/api/v2/shift/${shiftId}/x-report?format=json`, { token })
    expect(body.result).toBe("success")
    expect(body.reportBinary).toBeUndefined()
    expect(body.reportText).toBeUndefined()
    expect(body.reportJson).toEqual({
      reportDateTime: "2026-03-02T10:02:00",
      terminalType: "MiaPos",
      terminalId: "10001",
      merchantId: 1824,
      merchantIdno: "1003600012345",
      merchant: "Sandbox Merchant SRL",
      store: "Sandbox Store",
      operator: "Sandbox Seller",
      transactions: { data: [], recordCount: 3 },
      paymentCount: 2,
      paymentSum: 125.5,
      cancellationCount: 1,
      cancellationSum: 10.25,
      totalSum: 115.25
    })
  })

  it("lists every transaction in a full report", async () => {
    const { driver, token, shiftId, txIds } = await busyShift()
    const { body } = await driver.call(
      "GET",
      `/pos/api/v2/shift/${shiftId}/x-report?format=json&isFullReport=true`,
      {
        token
      }
    )
    expect(body.reportJson.transactions.data).toEqual([
      {
        transactionType: "payment",
        transactionId: txIds[0],
        transactionDateTime: "2026-03-02T10:00:00",
        transactionAmount: 100,
        transactionCcy: "MDL"
      },
      {
        transactionType: "payment",
        transactionId: txIds[1],
        transactionDateTime: "2026-03-02T10:01:00",
        transactionAmount: 25.5,
        transactionCcy: "MDL"
      },
      {
        transactionType: "return",
        transactionId: expect.any(Number),
        transactionDateTime: "2026-03-02T10:02:00",
        transactionAmount: 10.25,
        transactionCcy: "MDL"
      }
    ])
  })

  it("is refused for a closed shift; the Z-report is refused for an open one", async () => {
    const { driver, token, shiftId } = await busyShift()
    const early = await driver.call("GET", `/pos/api/v2/shift/${shiftId}/z-report`, { token })
    expect(early.body.result).toBe("shift_not_closed")
    expect((await driver.call("GET", `/pos/api/v1/shift/${shiftId}/z-report`, { token })).body.result).toBe(
      "shift_not_closed"
    )
    await closeShift(driver, token)
    const late = await driver.call("GET", `/pos/api/v2/shift/${shiftId}/x-report`, { token })
    expect(late.body.result).toBe("shift_not_open")
    expect((await driver.call("GET", "/pos/api/v2/shift/77/x-report", { token })).body.result).toBe(
      "not_found"
    )
    expect((await driver.call("GET", "/pos/api/v2/shift/77/z-report", { token })).body.result).toBe(
      "not_found"
    )
  })
})

describe("Z-report", () => {
  it("defaults to a real PDF in reportBinary that pdf-lib can load", async () => {
    const { driver, token, shiftId } = await busyShift()
    await closeShift(driver, token)
    const { body } = await driver.call("GET", `/pos/api/v2/shift/${shiftId}/z-report`, { token })
    expect(body.result).toBe("success")
    expect(body.reportJson.workShiftEndDateTime).toBe("2026-03-02T11:02:00")
    const bytes = Buffer.from(body.reportBinary, "base64")
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(1)
    expect(pdf.getTitle()).toBe("Z-REPORT shift 1")
    const [page] = pdf.getPages()
    // An 80 mm roll: 40 Courier columns plus margins; as tall as the report.
    expect(page!.getWidth()).toBeCloseTo(244, 0)
    expect(page!.getHeight()).toBe(28 + 17 * 11)
  })

  it("renders a PNG that decodes, with receipt-like dimensions and ink on it", async () => {
    const { driver, token, shiftId } = await busyShift()
    await closeShift(driver, token)
    const { body } = await driver.call(
      "GET",
      `/pos/api/v2/shift/${shiftId}/z-report?format=png&isFullReport=true`,
      {
        token
      }
    )
    const bytes = Buffer.from(body.reportBinary, "base64")
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
    const image = PNG.sync.read(bytes)
    expect(image.width).toBe(512)
    expect(image.height).toBeGreaterThan(image.width / 2)
    let dark = 0
    for (let index = 0; index < image.data.length; index += 4) if (image.data[index]! < 128) dark++
    expect(dark / (image.width * image.height)).toBeGreaterThan(0.02)
    expect(dark / (image.width * image.height)).toBeLessThan(0.5)
  })

  it("prints readable text lines with the totals", async () => {
    const { driver, token, shiftId, txIds } = await busyShift()
    await closeShift(driver, token)
    const { body } = await driver.call(
      "GET",
      `/pos/api/v2/shift/${shiftId}/z-report?format=txt&isFullReport=true`,
      {
        token
      }
    )
    const lines: string[] = body.reportText
    expect(lines.every((line) => line.length <= 40)).toBe(true)
    expect(lines.some((line) => line.trim() === "Z-REPORT")).toBe(true)
    expect(lines).toContain("Payments (2)                      125.50")
    expect(lines).toContain("Returns (1)                        10.25")
    expect(lines).toContain("TOTAL, MDL                        115.25")
    expect(lines).toContain(`${`10:00:00 #${txIds[0]} payment`.padEnd(34)}100.00`)
    expect(lines.some((line) => line.includes("return") && line.endsWith("-10.25"))).toBe(true)
    expect(body.reportJson.totalSum).toBe(115.25)
  })

  it("serves the file itself when the client asks for it in Accept", async () => {
    const { driver, token, shiftId } = await busyShift()
    await closeShift(driver, token)
    const pdf = await driver.raw("GET", `/pos/api/v2/shift/${shiftId}/z-report?format=pdf`, {
      token,
      headers: { accept: "application/pdf" }
    })
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    expect(pdf.headers.get("content-disposition")).toContain("z-report-shift-1.pdf")
    const pdfBytes = new Uint8Array(await pdf.arrayBuffer())
    expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBe(1)
    const png = await driver.raw("GET", `/pos/api/v2/shift/${shiftId}/z-report?format=png`, {
      token,
      headers: { accept: "image/png" }
    })
    expect(png.headers.get("content-type")).toBe("image/png")
    expect(PNG.sync.read(Buffer.from(await png.arrayBuffer())).width).toBe(512)
    const txt = await driver.raw("GET", `/pos/api/v2/shift/${shiftId}/z-report?format=txt`, {
      token,
      headers: { accept: "text/plain" }
    })
    expect(txt.headers.get("content-type")).toBe("text/plain; charset=utf-8")
    expect(await txt.text()).toContain("TOTAL, MDL")
  })

  it("keeps the legacy v1 report as one string", async () => {
    const { driver, token, shiftId } = await busyShift()
    await closeShift(driver, token)
    const { body } = await driver.call("GET", `/pos/api/v1/shift/${shiftId}/z-report`, { token })
    expect(body.result).toBe("success")
    expect(body.report).toContain("Z-REPORT")
    expect(body.report).toContain("115.25")
  })

  it("splits a long full report over several PDF pages", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 86_400 })
    const { token, shiftId } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "static", amountType: "free" })
    for (let index = 1; index <= 120; index++) driver.sandbox.pay(qr.qrId, { amount: index / 100 })
    await closeShift(driver, token)
    const { body } = await driver.call(
      "GET",
      `/pos/api/v2/shift/${shiftId}/z-report?format=pdf&isFullReport=true`,
      {
        token
      }
    )
    const pdf = await PDFDocument.load(Buffer.from(body.reportBinary, "base64"))
    expect(pdf.getPageCount()).toBe(2)
    expect(body.reportJson.paymentSum).toBe(72.6)
    expect(body.reportJson.transactions.recordCount).toBe(120)
  })

  it("rejects an unknown format", async () => {
    const { driver, token, shiftId } = await busyShift()
    await closeShift(driver, token)
    const response = await driver.call("GET", `/pos/api/v2/shift/${shiftId}/z-report?format=docx`, { token })
    expect(response.status).toBe(400)
    expect(response.body.errorMessage).toContain("pdf, png, txt, json")
  })
})

describe("receipt", () => {
  it("describes one transaction in json, txt, pdf and png", async () => {
    const { driver, token, txIds } = await busyShift()
    const path = `/pos/api/v2/tx/${txIds[1]}/receipt`
    const json = await driver.call("GET", `${path}?format=json`, { token })
    expect(json.body.reportJson).toEqual({
      merchant: "Sandbox Merchant SRL",
      store: "Sandbox Store",
      storeAddress: "str. Mihai Viteazu 15, Chisinau",
      terminalId: "10001",
      transactionDateTime: "2026-03-02T10:01:00",
      transactionId: String(txIds[1]).padStart(8, "0"),
      swiftMessageId: expect.stringMatching(/^AGRNMD2XAXXX260302\d{3}$/),
      swiftPayerBank: "AGRNMD2X",
      amount: 25.5,
      ccy: "MDL"
    })
    const txt = await driver.call("GET", `${path}?format=txt`, { token })
    expect(txt.body.reportText).toContain(`${"AMOUNT".padEnd(31)}25.50 MDL`)
    expect(txt.body.reportText.some((line: string) => line.trim() === "PAYMENT RECEIPT")).toBe(true)
    const pdf = await driver.call("GET", `${path}?format=pdf`, { token })
    const pdfBytes = Buffer.from(pdf.body.reportBinary, "base64")
    expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBe(1)
    const png = await driver.call("GET", `${path}?format=png`, { token })
    const image = PNG.sync.read(Buffer.from(png.body.reportBinary, "base64"))
    expect([image.width, image.height > 200]).toEqual([512, true])
    const defaultFormat = await driver.call("GET", path, { token })
    expect(Buffer.from(defaultFormat.body.reportBinary, "base64").subarray(0, 5).toString("latin1")).toBe(
      "%PDF-"
    )
  })

  it("prints a return receipt and answers not_found for other terminals' transactions", async () => {
    const { driver, token, txIds } = await busyShift()
    const other = await driver.ready("10002")
    const [returnTx] = [...driver.sandbox.state.transactions.values()].filter((tx) => tx.type === "return")
    const receipt = await driver.call("GET", `/pos/api/v2/tx/${returnTx!.id}/receipt?format=txt`, { token })
    expect(receipt.body.reportText.some((line: string) => line.trim() === "RETURN RECEIPT")).toBe(true)
    const foreign = await driver.call("GET", `/pos/api/v2/tx/${txIds[0]}/receipt?format=json`, {
      token: other.token
    })
    expect(foreign.body.result).toBe("not_found")
  })

  it("folds letters the renderers cannot print instead of failing", async () => {
    const { driver, token, txIds } = await busyShift({
      terminals: [{ terminalId: "10001", merchantIdno: "1003600012345", merchantName: "Cafenea Științei Ъ" }]
    })
    const pdf = await driver.call("GET", `/pos/api/v2/tx/${txIds[0]}/receipt?format=pdf`, { token })
    expect(pdf.body.result).toBe("success")
    const txt = await driver.call("GET", `/pos/api/v2/tx/${txIds[0]}/receipt?format=txt`, { token })
    expect(txt.body.reportJson.merchant).toBe("Cafenea Științei Ъ")
  })
})
