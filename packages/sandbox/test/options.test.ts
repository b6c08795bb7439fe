import { describe, expect, it } from "vitest"
import {
  createMiaSandbox,
  createSandboxClock,
  DEFAULT_CALLBACK_RETRY_DELAYS,
  DEFAULT_SANDBOX_CREDENTIALS,
  SandboxPaymentError
} from "../src/index.js"
import { parseCliCommand } from "../src/internal/cli-options.js"
import { dynamicQrBody, rawBank } from "./support/raw-bank.js"

describe("createMiaSandbox options", () => {
  it("defaults to the docs' example credentials and the bank's callback schedule", () => {
    const sandbox = createMiaSandbox()
    expect(sandbox.credentials).toEqual(DEFAULT_SANDBOX_CREDENTIALS)
    expect(sandbox.baseUrl).toBe("https://sandbox.maibmerchants.md")
    expect(DEFAULT_CALLBACK_RETRY_DELAYS.slice(0, 3)).toEqual([10_000, 60_000, 300_000])
  })

  it("names the option to fix when one can't work", () => {
    expect(() => createMiaSandbox({ tokenExpiresIn: 0 })).toThrow(/tokenExpiresIn/)
    expect(() => createMiaSandbox({ tokenExpiresIn: 1.5 })).toThrow(/tokenExpiresIn/)
    expect(() => createMiaSandbox({ callbackRetryDelays: [10, -1] })).toThrow(/callbackRetryDelays/)
    expect(() => createMiaSandbox({ clientSecret: " " })).toThrow(/clientSecret/)
    expect(() => createMiaSandbox({ commissionRate: 1 })).toThrow(/commissionRate/)
    expect(() => createMiaSandbox({ baseUrl: "not a url" })).toThrow(/baseUrl/)
    expect(() => createMiaSandbox({ forwardCallbacksTo: "nowhere" })).toThrow(/forwardCallbacksTo/)
  })

  it("charges the configured commission, rounded to the ban", async () => {
    const sandbox = createMiaSandbox({ commissionRate: 0.015 })
    const bank = rawBank(sandbox)
    await bank.login()
    const { qrId } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox, { amount: 33.33 }))).body.result
    expect((await sandbox.pay({ qrId })).commission).toBe(0.5)
  })

  it("refuses plain-http callbacks entirely with allowHttpUrls: never", async () => {
    const sandbox = createMiaSandbox({ allowHttpUrls: "never" })
    const bank = rawBank(sandbox)
    await bank.login()
    const answer = await bank.post(
      "/v2/mia/qr",
      dynamicQrBody(sandbox, { callbackUrl: "http://127.0.0.1:3000/cb" })
    )
    expect(answer.body.errors[0].errorArgs).toEqual({ parameter: "callbackUrl" })
  })
})

describe("sandbox.pay(), state and reset()", () => {
  it("pays by qrId or by the scanned link, and reports refusals as SandboxPaymentError", async () => {
    const sandbox = createMiaSandbox({ clock: createSandboxClock(Date.parse("2026-01-01T00:00:00Z")) })
    const bank = rawBank(sandbox)
    await bank.login()
    const { qrId, url } = (await bank.post("/v2/mia/qr", dynamicQrBody(sandbox))).body.result
    expect(sandbox.state.qr(url)?.qrId).toBe(qrId)
    const paid = await sandbox.pay({ qrId: url })
    expect(paid).toMatchObject({
      qrId,
      amount: 50.61,
      payerName: "TEST QR PAYMENT",
      payerIban: "MD88AG000000011621810140"
    })
    const refusal = await sandbox.pay({ qrId }).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(SandboxPaymentError)
    expect((refusal as SandboxPaymentError).errors[0]?.errorCode).toBe("14019")
    expect(sandbox.state.payment(paid.payId)?.status).toBe("Executed")
    sandbox.reset()
    expect(sandbox.state.qrs()).toEqual([])
    expect(sandbox.state.payments()).toEqual([])
    expect((await bank.get("/v2/mia/qr")).status).toBe(401)
  })
})

describe("the mia-sandbox command line", () => {
  it("reads flags, then environment variables, then defaults", () => {
    expect(parseCliCommand([], {})).toEqual({ kind: "serve", port: 4010, host: "127.0.0.1", options: {} })
    const command = parseCliCommand(
      ["--port", "0", "--client-id", "flag-id", "--no-firewall", "--callback-retry-delays", "5,10"],
      {
        MIA_SANDBOX_CLIENT_ID: "env-id",
        MIA_SANDBOX_CLIENT_SECRET: "env-secret",
        MIA_SANDBOX_TOKEN_EXPIRES_IN: "60"
      }
    )
    expect(command).toEqual({
      kind: "serve",
      port: 0,
      host: "127.0.0.1",
      options: {
        clientId: "flag-id",
        clientSecret: "env-secret",
        tokenExpiresIn: 60,
        callbackRetryDelays: [5, 10],
        quirks: { firewall: false }
      }
    })
  })

  it("ignores the leading -- that `pnpm sandbox -- --port 0` passes on", () => {
    expect(parseCliCommand(["--", "--port", "0"], {})).toMatchObject({ kind: "serve", port: 0 })
  })

  it("explains bad flags instead of starting", () => {
    expect(parseCliCommand(["--port", "http"], {})).toMatchObject({
      kind: "error",
      message: expect.stringContaining("--port")
    })
    expect(parseCliCommand(["--port", "70000"], {})).toMatchObject({ kind: "error" })
    expect(parseCliCommand(["--colour"], {})).toMatchObject({
      kind: "error",
      text: expect.stringContaining("Usage")
    })
    expect(parseCliCommand(["--forward-callbacks-to", "later"], {})).toMatchObject({ kind: "error" })
    expect(parseCliCommand(["-h"], {})).toMatchObject({ kind: "help" })
  })
})
