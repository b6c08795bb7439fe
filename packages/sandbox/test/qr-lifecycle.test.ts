import { beforeEach, describe, expect, it } from "vitest"
import { createMiaSandbox, createSandboxClock, type MiaSandbox } from "../src/index.js"
import { codesOf, dynamicQrBody, inMinutes, type RawBank, rawBank } from "./support/raw-bank.js"

const start = Date.parse("2026-03-01T10:00:00Z")
let sandbox: MiaSandbox
let bank: RawBank

beforeEach(async () => {
  // Tokens outlive the clock jumps of these tests; token expiry has its own test.
  sandbox = createMiaSandbox({ clock: createSandboxClock(start), tokenExpiresIn: 90 * 86_400 })
  bank = rawBank(sandbox)
  await bank.login()
})

const testPay = (qrId: string, amount: number) =>
  bank.post("/v2/mia/test-pay", {
    qrId,
    amount,
    iban: "MD88AG000000011621810140",
    currency: "MDL",
    payerName: "John D."
  })

describe("POST /v2/mia/qr", () => {
  it("creates a Dynamic QR with a lower-case GUID, the MIA link shape and the echoed expiry", async () => {
    const expiresAt = "2026-03-01T14:00:00+03:00"
    const answer = await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { expiresAt }))
    expect(answer.status).toBe(200)
    const { result } = answer.body
    expect(result.qrId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(result).toEqual({
      qrId: result.qrId,
      orderId: "123",
      type: "Dynamic",
      url: `https://mia-qr.bnm.md/1/m/BNM/AGR${result.qrId.replaceAll("-", "").toUpperCase()}`,
      expiresAt
    })
    expect(result.url).toMatch(/^https:\/\/mia-qr\.bnm\.md\/1\/m\/BNM\/AGR[0-9A-F]{32}$/)
    const details = await bank.get(`/v2/mia/qr/${result.qrId}`)
    expect(details.body.result).toMatchObject({
      status: "Active",
      type: "Dynamic",
      amountType: "Fixed",
      amount: 50.61,
      currency: "MDL",
      description: "Order #123",
      createdAt: "2026-03-01T10:00:00.0000000+00:00",
      expiresAt
    })
  })

  it.each([
    ["a type outside the enum", { type: "Sticker" }, ["12004"]],
    ["Hybrid on the Static/Dynamic endpoint", { type: "Hybrid" }, ["14006"]],
    ["Free on a Dynamic QR", { amountType: "Free", amount: undefined }, ["14006"]],
    ["a currency other than MDL", { currency: "EUR" }, ["12002"]],
    ["a Fixed QR without amount", { amount: undefined }, ["14007"]],
    ["a Controlled QR without bounds", { amountType: "Controlled", amount: undefined }, ["14008"]],
    ["an expiry in the past", { expiresAt: "2026-03-01T09:59:00Z" }, ["12006"]],
    ["an expiry under a minute away", { expiresAt: "2026-03-01T10:00:30Z" }, ["12000"]],
    ["an expiry over 60 days away", { expiresAt: "2026-05-01T10:00:01Z" }, ["12000"]],
    ["an amount with three decimals", { amount: 10.005 }, ["12000"]],
    ["an amount above 100000", { amount: 100000.01 }, ["12000"]],
    ["a zero amount", { amount: 0 }, ["12000"]],
    ["an amount sent as a string", { amount: "50.00" }, ["12000"]],
    ["a description over 500 characters", { description: "x".repeat(501) }, ["12000"]],
    ["an orderId over 100 characters", { orderId: "1".repeat(101) }, ["12000"]],
    ["a plain-http callback to a public host", { callbackUrl: "http://shop.md/cb" }, ["12000"]],
    ["min and max on a Fixed QR", { amountMin: 1, amountMax: 2 }, ["12000", "12000"]]
  ])("refuses %s", async (_name, overrides, codes) => {
    const answer = await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, overrides))
    expect(codesOf(answer)).toEqual(codes)
    expect(answer.status).toBe(codes[0]?.startsWith("14") ? 409 : 400)
    expect(sandbox.state.qrs()).toEqual([])
  })

  it("reports every bad field at once, validation errors before business ones", async () => {
    const answer = await bank.post("/v2/mia/qr", { type: "Dynamic", amountType: "Fixed", currency: "MDL" })
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toEqual([
      {
        errorCode: "12000",
        errorMessage: "Parameter `description` is invalid.",
        errorArgs: { parameter: "description" }
      },
      {
        errorCode: "12000",
        errorMessage: "Parameter `expiresAt` is invalid.",
        errorArgs: { parameter: "expiresAt" }
      },
      {
        errorCode: "14007",
        errorMessage: "QR code with a Fixed amount type must have amount set.",
        errorArgs: null
      }
    ])
  })

  it("creates Static QR codes of every amount type and ignores expiresAt for them", async () => {
    const bodies = [
      { amountType: "Fixed", amount: 10 },
      { amountType: "Controlled", amountMin: 5, amountMax: 500 },
      { amountType: "Free" }
    ]
    for (const amounts of bodies) {
      const answer = await bank.post("/v2/mia/qr", {
        type: "Static",
        currency: "MDL",
        description: "Sticker",
        expiresAt: "2000-01-01T00:00:00Z",
        ...amounts
      })
      expect(answer.status).toBe(200)
      expect(answer.body.result.expiresAt).toBeUndefined()
    }
    expect(sandbox.state.qrs().map((qr) => qr.status)).toEqual(["Active", "Active", "Active"])
  })

  it("accepts enum values in any case, as the bank's JSON reader does", async () => {
    const answer = await bank.post(
      "/v2/mia/qr",
      dynamicQrBody(sandbox, { type: "dynamic", amountType: "FIXED", currency: "mdl" })
    )
    expect(answer.status).toBe(200)
    expect(answer.body.result.type).toBe("Dynamic")
  })
})

describe("the Dynamic QR state machine", () => {
  it("takes exactly one payment and then is Paid", async () => {
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    const paid = await testPay(qrId, 50.61)
    expect(paid.status).toBe(200)
    expect(paid.body.result).toMatchObject({
      qrId,
      qrStatus: "Paid",
      amount: 50.61,
      commission: 0.51,
      currency: "MDL"
    })
    const again = await testPay(qrId, 50.61)
    expect(again.status).toBe(409)
    expect(again.body.errors[0]).toMatchObject({ errorCode: "14019", errorArgs: { state: "Paid" } })
    expect((await bank.get(`/v2/mia/qr/${qrId}`)).body.result.status).toBe("Paid")
    expect(sandbox.state.payments({ qrId })).toHaveLength(1)
  })

  it("takes only its fixed amount", async () => {
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    expect(codesOf(await testPay(qrId, 50.6))).toEqual(["12000"])
    expect(sandbox.state.payments()).toEqual([])
  })

  it("expires by the clock: Expired, unpayable, not cancellable", async () => {
    const { qrId } = (
      await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { expiresAt: inMinutes(sandbox, 15) }))
    ).body.result
    sandbox.clock.advance(15 * 60_000 - 1)
    expect((await bank.get(`/v2/mia/qr/${qrId}`)).body.result.status).toBe("Active")
    sandbox.clock.advance(1)
    const details = (await bank.get(`/v2/mia/qr/${qrId}`)).body.result
    expect(details.status).toBe("Expired")
    expect(details.updatedAt).toBe("2026-03-01T10:15:00.0000000+00:00")
    expect((await testPay(qrId, 50.61)).body.errors[0]).toMatchObject({
      errorCode: "14019",
      errorArgs: { state: "Expired" }
    })
    const cancel = await bank.post(`/v2/mia/qr/${qrId}/cancel`, { reason: "late" })
    expect(cancel.status).toBe(409)
    expect(codesOf(cancel)).toEqual(["14019"])
  })

  it("cancels an Active QR once: then 14005, and it can't be paid", async () => {
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    const cancel = await bank.post(`/v2/mia/qr/${qrId}/cancel`, { reason: "Customer left" })
    expect(cancel.body).toEqual({ result: { qrId, status: "Cancelled" }, ok: true })
    const again = await bank.post(`/v2/mia/qr/${qrId}/cancel`, { reason: "Customer left" })
    expect(again.status).toBe(409)
    expect(again.body.errors[0]).toMatchObject({ errorCode: "14005", errorArgs: { qrId } })
    expect(codesOf(await testPay(qrId, 50.61))).toEqual(["14019"])
  })

  it("refuses to cancel a Paid QR and requires a reason", async () => {
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    expect(codesOf(await bank.post(`/v2/mia/qr/${qrId}/cancel`, {}))).toEqual(["12000"])
    await testPay(qrId, 50.61)
    const cancel = await bank.post(`/v2/mia/qr/${qrId}/cancel`, { reason: "too late" })
    expect(cancel.body.errors[0]).toMatchObject({ errorCode: "14019", errorArgs: { state: "Paid" } })
  })

  it("answers 13000 (404) for an unknown QR and 12000 for a malformed id", async () => {
    const unknown = await bank.get("/v2/mia/qr/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9")
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors[0]).toEqual({
      errorCode: "13000",
      errorMessage: "QR `6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9` is not found.",
      errorArgs: { qrId: "6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9" }
    })
    expect((await bank.get("/v2/mia/qr/not-a-guid")).status).toBe(400)
  })
})

describe("the Static QR state machine", () => {
  it("stays Active after payments, takes amounts in its range, and turns Inactive after 30 idle days", async () => {
    const { qrId } = (
      await bank.post("/v2/mia/qr", {
        type: "Static",
        amountType: "Controlled",
        amountMin: 10,
        amountMax: 100,
        currency: "MDL",
        description: "Sticker"
      })
    ).body.result
    expect((await testPay(qrId, 10)).body.result.qrStatus).toBe("Active")
    expect((await testPay(qrId, 100)).body.result.qrStatus).toBe("Active")
    expect(codesOf(await testPay(qrId, 100.01))).toEqual(["12000"])
    expect(codesOf(await testPay(qrId, 9.99))).toEqual(["12000"])
    expect(sandbox.state.payments({ qrId })).toHaveLength(2)
    sandbox.clock.advance(30 * 24 * 3_600_000)
    expect((await bank.get(`/v2/mia/qr/${qrId}`)).body.result.status).toBe("Inactive")
    expect((await testPay(qrId, 20)).body.result.qrStatus).toBe("Active")
  })

  it("takes any valid amount when Free, and can be cancelled after payments", async () => {
    const { qrId } = (
      await bank.post("/v2/mia/qr", {
        type: "Static",
        amountType: "Free",
        currency: "MDL",
        description: "Tips"
      })
    ).body.result
    expect((await testPay(qrId, 0.01)).status).toBe(200)
    expect((await testPay(qrId, 99999.99)).status).toBe(200)
    expect((await bank.post(`/v2/mia/qr/${qrId}/cancel`, { reason: "Sticker removed" })).status).toBe(200)
    expect(codesOf(await testPay(qrId, 5))).toEqual(["14019"])
  })
})

describe("the Hybrid QR state machine", () => {
  const hybrid = async (extension?: Record<string, unknown>) =>
    (
      await bank.post("/v2/mia/qr/hybrid", {
        amountType: "Fixed",
        currency: "MDL",
        terminalId: "P011111",
        extension
      })
    ).body.result

  const extension = (overrides: Record<string, unknown> = {}) => ({
    expiresAt: inMinutes(sandbox, 60),
    amount: 25,
    description: "Table 4",
    orderId: "T4",
    ...overrides
  })

  it("is payable only through its active extension", async () => {
    const created = await hybrid()
    expect(created.extensionId).toBeUndefined()
    expect(created.url).toMatch(/AGR[0-9A-F]{32}$/)
    expect((await testPay(created.qrId, 25)).body.errors[0]).toMatchObject({
      errorCode: "14019",
      errorArgs: { state: "No active extension" }
    })
    const { extensionId } = (await bank.post(`/v2/mia/qr/${created.qrId}/extension`, extension())).body.result
    const details = (await bank.get(`/v2/mia/qr/${created.qrId}`)).body.result
    expect(details).toMatchObject({
      type: "Hybrid",
      extensionId,
      amount: 25,
      orderId: "T4",
      status: "Active"
    })
    const paid = await testPay(created.qrId, 25)
    expect(paid.body.result.qrStatus).toBe("Paid")
    expect(sandbox.state.payments()[0]).toMatchObject({ extensionId, orderId: "T4" })
    expect(codesOf(await testPay(created.qrId, 25))).toEqual(["14019"])
    const next = (
      await bank.post(`/v2/mia/qr/${created.qrId}/extension`, extension({ amount: 40, orderId: "T5" }))
    ).body.result
    expect((await bank.get(`/v2/mia/qr/${created.qrId}`)).body.result).toMatchObject({
      extensionId: next.extensionId,
      status: "Active",
      amount: 40
    })
    expect((await testPay(created.qrId, 40)).status).toBe(200)
  })

  it("creates a first extension with the QR and validates it under extension.*", async () => {
    const bad = await bank.post("/v2/mia/qr/hybrid", {
      amountType: "Fixed",
      currency: "MDL",
      extension: { expiresAt: inMinutes(sandbox, 60), description: "x", amount: -1 }
    })
    expect(bad.body.errors[0].errorArgs).toEqual({ parameter: "extension.amount" })
    expect(sandbox.state.qrs()).toEqual([])
    const created = await hybrid(extension())
    expect(created.extensionId).toMatch(/^[0-9a-f-]{36}$/)
    expect((await testPay(created.qrId, 25)).status).toBe(200)
  })

  it("refuses Free amounts, and extensions on other QR types", async () => {
    const free = await bank.post("/v2/mia/qr/hybrid", { amountType: "Free", currency: "MDL" })
    expect(codesOf(free)).toEqual(["14006"])
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    expect(codesOf(await bank.post(`/v2/mia/qr/${qrId}/extension`, extension()))).toEqual(["14006"])
    expect(codesOf(await bank.post(`/v2/mia/qr/${qrId}/extension/cancel`, {}))).toEqual(["14006"])
  })

  it("cancels the active extension while the QR stays", async () => {
    const created = await hybrid(extension())
    const cancelled = await bank.post(`/v2/mia/qr/${created.qrId}/extension/cancel`, {})
    expect(cancelled.body).toEqual({ result: { extensionId: created.extensionId }, ok: true })
    expect((await bank.get(`/v2/mia/qr/${created.qrId}`)).body.result.status).toBe("Active")
    expect(codesOf(await testPay(created.qrId, 25))).toEqual(["14019"])
    expect(codesOf(await bank.post(`/v2/mia/qr/${created.qrId}/extension/cancel`, {}))).toEqual(["14019"])
    expect((await bank.post(`/v2/mia/qr/${created.qrId}/extension`, extension())).status).toBe(200)
  })

  it("expires with its extension, and a new extension revives it", async () => {
    const created = await hybrid(extension({ expiresAt: inMinutes(sandbox, 5) }))
    sandbox.clock.advance(5 * 60_000)
    expect((await bank.get(`/v2/mia/qr/${created.qrId}`)).body.result.status).toBe("Expired")
    expect(codesOf(await testPay(created.qrId, 25))).toEqual(["14019"])
    await bank.post(`/v2/mia/qr/${created.qrId}/extension`, extension())
    expect((await testPay(created.qrId, 25)).status).toBe(200)
  })

  it("replaces an unpaid active extension with a new one", async () => {
    const created = await hybrid(extension({ amount: 10 }))
    await bank.post(`/v2/mia/qr/${created.qrId}/extension`, extension({ amount: 20 }))
    expect(codesOf(await testPay(created.qrId, 10))).toEqual(["12000"])
    expect((await testPay(created.qrId, 20)).status).toBe(200)
  })

  it("is cancelled with /cancel, after which extensions are refused with 14005", async () => {
    const created = await hybrid(extension())
    expect((await bank.post(`/v2/mia/qr/${created.qrId}/cancel`, { reason: "closed" })).status).toBe(200)
    expect(codesOf(await bank.post(`/v2/mia/qr/${created.qrId}/extension`, extension()))).toEqual(["14005"])
    expect((await bank.get(`/v2/mia/qr/${created.qrId}`)).body.result.status).toBe("Cancelled")
  })
})

describe("POST /v2/mia/test-pay", () => {
  it("validates every field it needs", async () => {
    const answer = await bank.post("/v2/mia/test-pay", { currency: "USD" })
    expect(codesOf(answer).sort()).toEqual(["12000", "12000", "12000", "12000", "12002"])
    const unknown = await testPay("6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9", 10)
    expect(unknown.status).toBe(404)
    expect(codesOf(unknown)).toEqual(["13000"])
  })

  it("returns the signature key and makes the payment visible with a unique reference", async () => {
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    const { result } = (await testPay(qrId, 50.61)).body
    expect(result.signatureKey).toBe(sandbox.credentials.signatureKey)
    const payment = (await bank.get(`/v2/mia/payments/${result.payId}`)).body.result
    expect(payment).toEqual({
      payId: result.payId,
      referenceId: expect.stringMatching(/^.{1,15}$/),
      qrId,
      orderId: "123",
      amount: 50.61,
      commission: 0.51,
      currency: "MDL",
      description: "Order #123",
      payerName: "John D.",
      payerIban: "MD88AG000000011621810140",
      status: "Executed",
      executedAt: "2026-03-01T10:00:00.0000000+00:00"
    })
  })
})
