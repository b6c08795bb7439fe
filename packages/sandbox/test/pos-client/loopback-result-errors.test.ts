import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createSandboxClock } from "../../src/clock.js"
import { isMiaPosError, type MiaPosPromiseClient, MiaPosResultError } from "@mia-sdk/core"
import { activate, activateAndLogIn, posClient } from "./helpers/activate.js"
import { SELLER, TERMINAL } from "./helpers/device.js"
import { type PosSandboxServer, startPosSandboxServer } from "./helpers/pos-sandbox-server.js"

/** Runs `call`, expects a MiaPosResultError with `code` on HTTP 200, and returns it. */
const expectResult = async (call: Promise<unknown>, code: string): Promise<MiaPosResultError> => {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(MiaPosResultError)
  const result = error as MiaPosResultError
  expect(result.result).toBe(code)
  expect(result.is(code.toUpperCase())).toBe(true)
  expect(result.status).toBe(200)
  expect(result.retryable).toBe(false)
  expect(isMiaPosError(result)).toBe(true)
  expect(result.message).toContain(`"${code}"`)
  // The simulator explains every refusal; the explanation reaches the message.
  expect(result.message).toContain((result.body as { errorMessage: string }).errorMessage)
  return result
}

let server: PosSandboxServer
let pos: MiaPosPromiseClient
const clock = createSandboxClock(Date.parse("2026-05-04T09:00:00Z"))

beforeEach(async () => {
  clock.set(Date.parse("2026-05-04T09:00:00Z"))
  server = await startPosSandboxServer({ clock, otp: { resendWaitSeconds: 0, attempts: 3 } })
  pos = posClient(server)
})
afterEach(async () => {
  await pos.close()
  await server.close()
})

describe("activation result codes", () => {
  it("not_found: a terminal that does not belong to the merchant", async () => {
    await expectResult(pos.activation.init({ terminalId: "10001", merchantIdno: "999" }), "not_found")
    expect((await pos.session.get()).terminalActivationId).toBeUndefined()
  })

  it("invalid_otp, then otp_limit_exceeded after the last attempt", async () => {
    const { terminalActivationId } = await pos.activation.init(TERMINAL)
    const code = server.sandbox.inbox.latestCode({ terminalActivationId })!
    const wrong = code === "000000" ? "111111" : "000000"
    const first = await expectResult(pos.activation.confirm({ otpCode: wrong }), "invalid_otp")
    expect(first.body).toMatchObject({ leftAttempts: 2 })
    await expectResult(pos.activation.confirm({ otpCode: wrong }), "invalid_otp")
    await expectResult(pos.activation.confirm({ otpCode: wrong }), "otp_limit_exceeded")
    await expectResult(pos.activation.init(TERMINAL), "otp_limit_exceeded")
  })

  it("otp_expired and already_confirmed", async () => {
    const { terminalActivationId } = await pos.activation.init(TERMINAL)
    clock.advance(301_000)
    const code = server.sandbox.inbox.latestCode({ terminalActivationId })!
    await expectResult(pos.activation.confirm({ otpCode: code }), "otp_expired")
    await pos.activation.resendOtp()
    await pos.activation.confirm({ otpCode: server.sandbox.inbox.latestCode({ terminalActivationId })! })
    await expectResult(pos.activation.resendOtp(), "already_confirmed")
  })

  it("not_found: terminal info of an unknown activation", async () => {
    await expectResult(
      pos.activation.terminalInfo({ terminalActivationId: "00000000-0000-4000-8000-000000000000" }),
      "not_found"
    )
  })
})

describe("seller and shift result codes", () => {
  it("terminal_not_activated before the OTP, invalid_credentials after", async () => {
    await pos.activation.init(TERMINAL)
    await expectResult(pos.seller.login(SELLER), "terminal_not_activated")
    await activate(server, pos)
    await expectResult(pos.seller.login({ username: "seller", password: "wrong" }), "invalid_credentials")
    expect((await pos.session.get()).loggedIn).toBe(false)
  })

  it("no_open_shift, shift_already_open, shift_not_closed, shift_not_open", async () => {
    await activateAndLogIn(server, pos)
    await expectResult(pos.shift.close(), "no_open_shift")
    const { shiftId } = await pos.shift.open()
    const again = await expectResult(pos.shift.open(), "shift_already_open")
    expect(again.body).toMatchObject({ shiftId })
    await expectResult(pos.reports.zReport({ shiftId: shiftId! }), "shift_not_closed")
    await pos.shift.close()
    await expectResult(pos.reports.xReport({ shiftId: shiftId! }), "shift_not_open")
  })
})

describe("QR, transaction and settings result codes", () => {
  it("operation_not_allowed, qr_not_active, not_found, already_refunded, amount_exceeds_refundable", async () => {
    await activateAndLogIn(server, pos)
    await pos.shift.open()
    const dynamic = await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 10 })
    await expectResult(pos.qr.createExtension(dynamic.qrId, { amount: 5 }), "operation_not_allowed")
    await pos.qr.cancel(dynamic.qrId)
    await expectResult(pos.qr.cancel(dynamic.qrId), "qr_not_active")
    await expectResult(pos.transactions.get("999999"), "not_found")

    const paid = await pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 30 })
    const outcome = server.sandbox.pay(paid.qrId)
    if (outcome.result !== "success") throw new Error(outcome.errorMessage)
    const txId = String(outcome.txId)
    const tooMuch = await expectResult(
      pos.transactions.return({ txId, amount: 30.01, reasonCode: "customer_request" }),
      "amount_exceeds_refundable"
    )
    expect(tooMuch.body).toMatchObject({ refundableAmount: 30 })
    await pos.transactions.return({ txId, reasonCode: "customer_request" })
    await expectResult(
      pos.transactions.return({ txId, amount: 1, reasonCode: "customer_request" }),
      "already_refunded"
    )
  })

  it("settings_change_prohibited", async () => {
    await server.close()
    server = await startPosSandboxServer({ clock, prohibitSettingsChange: true })
    await pos.close()
    pos = posClient(server)
    await activateAndLogIn(server, pos)
    expect((await pos.settings.get()).prohibitSettingsChange).toBe(true)
    await expectResult(
      pos.settings.set({ qrType: "static", qrAmountType: "free" }),
      "settings_change_prohibited"
    )
  })
})
