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
      miaPos({
        client,
        terminal: TERMINAL,
        authorize: (req) => (req.headers["x-till"] === "till-1" ? { actor: "cashier" } : false),
        onWarning: (message) => warnings.push(message)
      })
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
      headers: {
        "x-till": "till-1",
        ...(init.body === undefined ? {} : { "content-type": "application/json" })
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
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
      [0, "amount must be greater than 0, got 0."],
      [100_000.01, "amount must be at most 100000 MDL, got 100000.01."],
      [1.234, "amount must have at most 2 decimals (whole bani), got 1.234."],
      ["10", "amount must be a number of lei such as 150.25, got string."]
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
      headers: { "content-type": "application/json", "x-till": "till-1" }
    })
    expect(malformed.status).toBe(400)
    expect(await problem("/session", { method: "DELETE" }, 405)).toMatchObject({ code: "method_not_allowed" })
  })
})

describe("miaPos options", () => {
  it("needs a MiaPos client and says how to make one", () => {
    expect(() => Reflect.apply(miaPos, undefined, [{}])).toThrow(/miaPos\(\{ client: createMiaPosClient/)
  })

  it("needs an authorize hook and shows how to pass one", async () => {
    const client = createMiaPosClient({
      baseUrl: "http://127.0.0.1:9",
      device: device("5b0e6a43-6c1d-4c55-9c1a-1f2f0d3a5e04")
    })
    try {
      const build = () => Reflect.apply(miaPos, undefined, [{ client, terminal: TERMINAL }])
      expect(build).toThrow(TypeError)
      expect(build).toThrow('miaPos({ client, authorize: (req) => req.session?.role === "cashier" })')
      expect(build).toThrow('"allow-all"')
      expect(() => miaPos({ client, authorize: "allow-all", allowedOrigins: ["not an origin"] })).toThrow(
        /miaPos: allowedOrigins/
      )
    } finally {
      await client.close()
    }
  })
})

describe("miaPos guards over the MiaPos simulator", () => {
  let sandbox: Sandbox
  let bank: { url: string; close(): Promise<void> }
  let client: MiaPosPromiseClient
  let shop: RunningServer
  const asked: string[] = []

  beforeAll(async () => {
    sandbox = createMiaSandbox()
    bank = await sandbox.listen({ port: 0 })
    client = createMiaPosClient({
      baseUrl: bank.url,
      device: device("5b0e6a43-6c1d-4c55-9c1a-1f2f0d3a5e03"),
      maxRetries: 0
    })
    // A terminal mid-shift: activated, the seller logged in, a shift open.
    await client.activation.init(TERMINAL)
    await client.activation.confirm({
      otpCode: sandbox.pos.inbox.latestCode({ terminalId: TERMINAL.terminalId })!
    })
    await client.seller.login({ username: "seller", password: "sandbox" })
    await client.shift.open()

    const app = EXPRESS_VERSIONS[0].express()
    const options = { client, terminal: TERMINAL, onWarning: () => undefined }
    app.use(
      "/denied",
      miaPos({
        ...options,
        authorize: async (req) => {
          asked.push(`${req.method} ${req.url}`)
          return false
        }
      })
    )
    app.use("/kiosk", miaPos({ ...options, authorize: "allow-all" }))
    app.use(
      "/staff",
      miaPos({
        ...options,
        authorize: async (req) => (req.headers["x-role"] === "cashier" ? { actor: "ana" } : false)
      })
    )
    app.use(miaErrorHandler({ log: () => undefined }))
    shop = await serve(app)
  })
  afterAll(async () => {
    await shop.close()
    await client.close()
    await bank.close()
  })

  const send = (
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {}
  ) =>
    fetch(`${shop.url}${path}`, {
      method: init.method ?? "GET",
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body })
    })
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send(path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers }
    })
  const problemOf = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as ProblemDetails
  })
  /** What the bank has seen: nothing may change while a request is refused. */
  const bankTrace = () => ({
    lastRequest: sandbox.pos.state.lastRequest(TERMINAL.terminalId),
    qrs: sandbox.pos.state.qrs.size,
    openShift: sandbox.pos.state.openShift(TERMINAL.terminalId)?.shiftId
  })

  it("refuses what authorize refuses before anything reaches the bank", async () => {
    const before = bankTrace()
    expect(before.openShift).toBeDefined()
    for (const [method, path, body] of [
      ["POST", "/denied/charges", { amount: 10 }],
      ["POST", "/denied/shift/close", undefined],
      ["GET", "/denied/reports/z", undefined]
    ] as const) {
      const response =
        body === undefined
          ? await send(path, {
              method,
              ...(method === "POST" ? { headers: { "content-type": "application/json" } } : {})
            })
          : await postJson(path, body)
      expect(await problemOf(response)).toMatchObject({ status: 403, body: { code: "pos_forbidden" } })
    }
    expect(asked).toEqual(["POST /charges", "POST /shift/close", "GET /reports/z"])
    const after = bankTrace()
    expect(after.lastRequest).toBe(before.lastRequest)
    expect(after).toEqual(before)
  })

  it("lets an allowed actor and an allow-all kiosk through", async () => {
    expect(await problemOf(await postJson("/staff/charges", { amount: 10 }))).toMatchObject({
      status: 403,
      body: { code: "pos_forbidden" }
    })
    const staff = await postJson("/staff/charges", { amount: 12.5 }, { "x-role": "cashier" })
    expect(staff.status).toBe(201)
    expect(await staff.json()).toMatchObject({ amount: 12.5, state: "active" })
    const kiosk = await postJson("/kiosk/charges", { amount: 7 })
    expect(kiosk.status).toBe(201)
    const session = await send("/kiosk/session")
    expect(await session.json()).toMatchObject({ activated: true, loggedIn: true, shift: { open: true } })
  })

  it("refuses cross-site requests and bodies that are not JSON", async () => {
    const before = bankTrace()
    expect(
      await problemOf(await postJson("/kiosk/charges", { amount: 10 }, { origin: "https://evil.example" }))
    ).toMatchObject({ status: 403, body: { code: "cross_site_request" } })
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await send("/kiosk/charges", {
        method: "POST",
        body: type === "text/plain" ? JSON.stringify({ amount: 10 }) : "amount=10",
        headers: { "content-type": type }
      })
      expect(await problemOf(response)).toMatchObject({
        status: 415,
        body: { code: "unsupported_media_type" }
      })
    }
    expect(bankTrace()).toEqual(before)
    const sameSite = await postJson("/kiosk/charges", { amount: 3 }, { origin: shop.url })
    expect(sameSite.status).toBe(201)
  })

  it("refuses amounts the SDK's amount rule refuses, and creates nothing", async () => {
    const before = bankTrace()
    for (const amount of [0.1 + 0.2, 99_999.995, "12", -5]) {
      expect(await problemOf(await postJson("/kiosk/charges", { amount }))).toMatchObject({
        status: 400,
        body: { code: "validation", errors: [{ field: "amount" }] }
      })
    }
    expect(bankTrace()).toEqual(before)
  })
})
