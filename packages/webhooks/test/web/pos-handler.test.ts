import { createMiaPosClient, type MiaPosPromiseClient } from "@mia-sdk/core"
import type { PosChargeView, PosReportView, PosSessionView, ProblemDetails } from "@mia-sdk/core/wire"
import { createMiaSandbox } from "@mia-sdk/sandbox"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMiaPosHandler, type MiaPosHandlerOptions } from "../../src/web/index.js"

// The MiaPos simulator over loopback, the real MiaPos client, and the handler called with real
// Requests as a cashier screen would send them.
const TERMINAL = { terminalId: "10001", merchantIdno: "1003600012345" } as const
const TILL = "https://till.example"

let sandbox: ReturnType<typeof createMiaSandbox>
let bank: { url: string; close(): Promise<void> }
let client: MiaPosPromiseClient
beforeAll(async () => {
  sandbox = createMiaSandbox()
  bank = await sandbox.listen({ port: 0, host: "127.0.0.1" })
  client = createMiaPosClient({
    baseUrl: bank.url,
    device: {
      device: "Web till",
      platformType: "web",
      installationId: crypto.randomUUID(),
      posAppVersion: 1
    },
    maxRetries: 0
  })
})
afterAll(async () => {
  await client.close()
  await bank.close()
  await sandbox.close()
})

const handlerWith = (options: Partial<MiaPosHandlerOptions> = {}) =>
  createMiaPosHandler({
    client,
    terminal: TERMINAL,
    basePath: "/api/pos",
    onWarning: () => undefined,
    authorize: (request) => (request.headers.get("x-till") === "till-1" ? { actor: "cashier" } : false),
    ...options
  })

describe("createMiaPosHandler: construction", () => {
  it("refuses to start without authorize, and says how to pass one", () => {
    const withoutAuthorize = { client, terminal: TERMINAL } as unknown as MiaPosHandlerOptions
    expect(() => createMiaPosHandler(withoutAuthorize)).toThrow(
      /needs an authorize option.*"allow-all" only for a kiosk/
    )
    expect(() => createMiaPosHandler({ authorize: "allow-all" } as unknown as MiaPosHandlerOptions)).toThrow(
      /needs a MiaPos client/
    )
  })
})

describe("createMiaPosHandler over the MiaPos simulator", () => {
  let pos: ReturnType<typeof handlerWith>
  beforeAll(() => {
    pos = handlerWith()
  })
  const call = (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
  ) =>
    pos(
      new Request(`${TILL}/api/pos${path}`, {
        method: init.method ?? "GET",
        headers: {
          "x-till": "till-1",
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
      })
    )
  const json = async <T>(path: string, init: Parameters<typeof call>[1] = {}, status = 200) => {
    const response = await call(path, init)
    const body = (await response.json()) as T
    expect({ status: response.status, body }).toMatchObject({ status })
    return body
  }

  it("refuses what authorize does not allow (403 pos_forbidden) before anything reaches the bank", async () => {
    const refused = await json<ProblemDetails>(
      "/activation",
      { method: "POST", headers: { "x-till": "" } },
      403
    )
    expect(refused).toMatchObject({ code: "pos_forbidden", instance: "/api/pos/activation" })
    expect(sandbox.pos.inbox.latestCode({ terminalId: TERMINAL.terminalId })).toBeUndefined()
    expect((await call("/session", { headers: { "x-till": "till-2" } })).status).toBe(403)
  })

  it("refuses cross-site and non-JSON requests to its state-changing routes", async () => {
    const evil = await json<ProblemDetails>(
      "/shift/open",
      { method: "POST", headers: { origin: "https://evil.example" } },
      403
    )
    expect(evil.code).toBe("cross_site_request")
    const form = await call("/charges", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect(form.status).toBe(415)
  })

  it("runs a cashier's day: activation, login, shift, a paid charge, reports", async () => {
    expect(await json<PosSessionView>("/session")).toEqual({ activated: false, loggedIn: false, shift: null })
    expect(
      await json<ProblemDetails>("/charges", { method: "POST", body: { amount: 10 } }, 401)
    ).toMatchObject({
      code: "pos_login_required"
    })
    await json<PosSessionView>("/activation", { method: "POST" })
    const otp = sandbox.pos.inbox.latestCode({ terminalId: TERMINAL.terminalId })!
    const wrong = otp === "000000" ? "111111" : "000000"
    expect(
      (await json<ProblemDetails>("/activation/confirm", { method: "POST", body: { otp: wrong } }, 400)).code
    ).toMatch(/^pos_/)
    expect(
      await json<PosSessionView>("/activation/confirm", { method: "POST", body: { otp } })
    ).toMatchObject({
      activated: true
    })
    expect(
      await json<ProblemDetails>(
        "/login",
        { method: "POST", body: { username: "seller", password: "nope" } },
        401
      )
    ).toMatchObject({ code: "pos_invalid_credentials" })
    await json<PosSessionView>("/login", {
      method: "POST",
      body: { username: "seller", password: "sandbox" }
    })
    const opened = await json<PosSessionView>("/shift/open", { method: "POST" })
    const shiftId = opened.shift!.shiftId!

    expect(
      await json<ProblemDetails>("/charges", { method: "POST", body: { amount: 1.234 } }, 400)
    ).toMatchObject({
      errors: [{ field: "amount" }]
    })
    const charge = await json<PosChargeView>("/charges", { method: "POST", body: { amount: 149.9 } }, 201)
    expect(charge).toMatchObject({ amount: 149.9, state: "active" })
    sandbox.pos.pay(charge.chargeId)
    expect(await json<PosChargeView>(`/charges/${charge.chargeId}`)).toMatchObject({ state: "paid" })
    expect(await json<PosReportView>("/reports/x")).toMatchObject({ kind: "x", shiftId, paymentCount: 1 })

    await json<PosSessionView>("/shift/close", { method: "POST" })
    const pdf = await call(`/reports/z?format=pdf&shiftId=${shiftId}`)
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="z-report-${shiftId}.pdf"`)
    expect(new TextDecoder("latin1").decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-")
    expect(await json<ProblemDetails>("/reports/y", {}, 404)).toMatchObject({ code: "not_found" })
  })
})
