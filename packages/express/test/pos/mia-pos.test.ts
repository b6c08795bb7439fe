import { createMiaPosClient, type MiaPosPromiseClient } from "@mia-sdk/core"
import type { PosChargeView, PosReportView, PosSessionView, ProblemDetails } from "@mia-sdk/core/wire"
import { createMiaSandbox } from "@mia-sdk/sandbox"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { miaErrorHandler, miaPos } from "../../src/index.js"
import { EXPRESS_VERSIONS, type RunningServer, serve } from "../support/express-versions.js"

const TERMINAL = { terminalId: "10001", merchantIdno: "1003600012345" } as const
const device = (installationId: string) =>
  ({ device: "Web till", platformType: "web", installationId, posAppVersion: 1 }) as const

type Sandbox = ReturnType<typeof createMiaSandbox>

describe.each(EXPRESS_VERSIONS)("miaPos on $name over the MiaPos simulator", ({ express }) => {
  let sandbox: Sandbox
  let bank: { url: string; close(): Promise<void> }
  let client: MiaPosPromiseClient
  let shop: RunningServer
  const warnings: string[] = []

  beforeAll(async () => {
    sandbox = createMiaSandbox()
    bank = await sandbox.listen({ port: 0 })
    client = createMiaPosClient({
      baseUrl: bank.url,
      device: device(
        express === EXPRESS_VERSIONS[0].express
          ? "5b0e6a43-6c1d-4c55-9c1a-1f2f0d3a5e01"
          : "5b0e6a43-6c1d-4c55-9c1a-1f2f0d3a5e02"
      ),
      maxRetries: 0
    })
    const app = express()
    app.use(
      "/api/pos",
      miaPos({ client, terminal: TERMINAL, onWarning: (message) => warnings.push(message) })
    )
    app.use(miaErrorHandler({ log: () => undefined }))
    shop = await serve(app)
  })
  afterAll(async () => {
    await shop.close()
    await client.close()
    await bank.close()
  })

  const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${shop.url}/api/pos${path}`, {
      method: init.method ?? "GET",
      ...(init.body === undefined
        ? {}
        : { body: JSON.stringify(init.body), headers: { "content-type": "application/json" } })
    })
  const json = async <T>(path: string, init: { method?: string; body?: unknown } = {}, status = 200) => {
    const response = await api(path, init)
    const body = (await response.json()) as T
    expect({ status: response.status, body }).toMatchObject({ status })
    return body
  }
  const problem = (path: string, init: { method?: string; body?: unknown }, status: number) =>
    json<ProblemDetails>(path, init, status)

  it("runs a cashier's day end to end", async () => {
    // A fresh terminal: nothing works before activation and login.
    expect(await json<PosSessionView>("/session")).toEqual({ activated: false, loggedIn: false, shift: null })
    expect(await problem("/charges", { method: "POST", body: { amount: 10 } }, 401)).toMatchObject({
      code: "pos_login_required"
    })

    const started = await json<PosSessionView>("/activation", { method: "POST" })
    expect(started).toMatchObject({ activated: false, activation: { waitTimeToResend: 60 } })
    expect(started.activation?.maskedPhoneNumber).toMatch(/\*/)
    const otp = sandbox.pos.inbox.latestCode({ terminalId: TERMINAL.terminalId })!
    const wrong = otp === "000000" ? "111111" : "000000"
    const refused = await problem("/activation/confirm", { method: "POST", body: { otp: wrong } }, 400)
    expect(refused.code).toMatch(/^pos_/)
    expect(refused.detail).not.toContain(otp)
    expect(await json<PosSessionView>("/session")).toMatchObject({ activated: false, activation: {} })
    expect(await json<PosSessionView>("/activation/confirm", { method: "POST", body: { otp } })).toEqual({
      activated: true,
      loggedIn: false,
      shift: null
    })

    expect(
      await problem("/login", { method: "POST", body: { username: "seller", password: "nope" } }, 401)
    ).toMatchObject({ code: "pos_invalid_credentials", detail: expect.any(String) })
    const loggedIn = await json<PosSessionView>("/login", {
      method: "POST",
      body: { username: "seller", password: "sandbox" }
    })
    expect(loggedIn).toMatchObject({
      activated: true,
      loggedIn: true,
      seller: { name: "Sandbox Seller", merchantName: "Sandbox Merchant SRL" },
      shift: { open: false }
    })
    expect(warnings).toEqual([])
    expect(JSON.stringify(loggedIn)).not.toMatch(/sandbox"|token|terminalActivationId/i)

    expect(await problem("/charges", { method: "POST", body: { amount: 10 } }, 409)).toMatchObject({
      code: "pos_no_open_shift"
    })
    const opened = await json<PosSessionView>("/shift/open", { method: "POST" })
    expect(opened.shift).toMatchObject({ open: true, shiftId: expect.any(String) })
    const shiftId = opened.shift!.shiftId!

    // Charge: a dynamic QR for the amount, polled until paid.
    const charge = await json<PosChargeView>("/charges", { method: "POST", body: { amount: 149.9 } }, 201)
    expect(charge).toMatchObject({ amount: 149.9, currency: "MDL", state: "active" })
    expect(charge.url).toMatch(/^https:\/\//)
    expect(Date.parse(charge.expiresAt!)).toBeGreaterThan(Date.now())
    expect(await json<PosChargeView>(`/charges/${charge.chargeId}`)).toMatchObject({
      chargeId: charge.chargeId,
      state: "active",
      amount: 149.9
    })
    expect(sandbox.pos.pay(charge.chargeId)).toMatchObject({ result: "success", amount: 149.9 })
    expect(await json<PosChargeView>(`/charges/${charge.chargeId}`)).toMatchObject({
      state: "paid",
      amount: 149.9
    })

    // A second charge, cancelled by the cashier, can't be paid any more.
    const second = await json<PosChargeView>("/charges", { method: "POST", body: { amount: 20.5 } }, 201)
    expect(await json<PosChargeView>(`/charges/${second.chargeId}`, { method: "DELETE" })).toMatchObject({
      state: "cancelled"
    })
    expect(sandbox.pos.pay(second.chargeId)).toMatchObject({ result: expect.not.stringMatching(/^success$/) })

    // A third one runs out: the bank's clock passes its expiry.
    const third = await json<PosChargeView>("/charges", { method: "POST", body: { amount: 5 } }, 201)
    sandbox.clock.advance(Date.parse(third.expiresAt!) - sandbox.clock.now() + 1000)
    expect(await json<PosChargeView>(`/charges/${third.chargeId}`)).toMatchObject({
      state: "expired",
      amount: 5
    })

    const x = await json<PosReportView>("/reports/x")
    expect(x).toMatchObject({ kind: "x", shiftId, paymentCount: 1, paymentSum: 149.9 })

    const closed = await json<PosSessionView>("/shift/close", { method: "POST" })
    expect(closed).toMatchObject({ shift: { open: false }, lastClosedShiftId: shiftId })
    const z = await json<PosReportView>("/reports/z")
    expect(z).toMatchObject({ kind: "z", shiftId, paymentCount: 1, paymentSum: 149.9, transactions: [] })
    const full = await json<PosReportView>("/reports/z?full=true")
    expect(full.transactions).toEqual([expect.objectContaining({ amount: 149.9 })])

    const pdf = await api(`/reports/z?format=pdf&shiftId=${shiftId}`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="z-report-${shiftId}.pdf"`)
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1")
    ).toBe("%PDF-")

    const loggedOut = await json<PosSessionView>("/logout", { method: "POST" })
    expect(loggedOut).toMatchObject({ activated: true, loggedIn: false, shift: null })
  })

  it("refuses bad input with a problem that says what to fix", async () => {
    for (const [amount, detail] of [
      [0, "amount must be greater than 0."],
      [100_000.01, "amount must be at most 100000 MDL."],
      [1.234, "amount can have at most 2 decimals (whole bani)."],
      ["10", "amount must be a number of MDL, e.g. 149.9 (not a string)."]
    ] as const) {
      expect(await problem("/charges", { method: "POST", body: { amount } }, 400)).toMatchObject({
        code: "validation",
        detail,
        errors: [{ field: "amount", message: detail }]
      })
    }
    expect(await problem("/activation/confirm", { method: "POST", body: { otp: "1" } }, 400)).toMatchObject({
      errors: [{ field: "otp" }]
    })
    expect(
      await problem("/activation", { method: "POST", body: { terminalId: "10002", merchantIdno: "1" } }, 403)
    ).toMatchObject({ code: "pos_terminal_fixed" })
    expect(await problem("/login", { method: "POST", body: { username: "seller" } }, 400)).toMatchObject({
      errors: [{ field: "password" }]
    })
    expect(await problem("/reports/z?format=docx", {}, 400)).toMatchObject({ errors: [{ field: "format" }] })
    expect(await problem("/reports/y", {}, 404)).toMatchObject({ code: "not_found" })
    expect(await problem("/charges/bad%20id", {}, 400)).toMatchObject({ errors: [{ field: "chargeId" }] })
    expect(await problem("/activation/resend", { method: "POST" }, 409)).toMatchObject({
      code: "pos_no_activation"
    })
    const malformed = await fetch(`${shop.url}/api/pos/charges`, {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" }
    })
    expect(malformed.status).toBe(400)
    expect(await problem("/session", { method: "DELETE" }, 405)).toMatchObject({ code: "method_not_allowed" })
  })
})

describe("miaPos options", () => {
  it("needs a MiaPos client and says how to make one", () => {
    expect(() => Reflect.apply(miaPos, undefined, [{}])).toThrow(/miaPos\(\{ client: createMiaPosClient/)
  })
})
