import { afterEach, describe, expect, it } from "vitest"
import { createSandboxClock } from "../../src/index.js"
import { type LoopbackSandbox, startLoopbackSandbox } from "./support/loopback-client.js"

const START = Date.parse("2026-03-01T10:00:00Z")
const DEVICE = {
  "x-device": "curl",
  "x-platform-type": "web",
  "x-installation-id": "0f6c1a52-8d1e-4c43-9a57-3b1e2f9d7c10",
  "x-pos-app-version": "1"
}

let bank: LoopbackSandbox | undefined
afterEach(async () => {
  await bank?.close()
  bank = undefined
})

describe("GET /v2/sandbox/clock and POST /v2/sandbox/clock/advance", () => {
  it("reads the sandbox clock, and advancing it expires a QR", async () => {
    bank = await startLoopbackSandbox({ clock: createSandboxClock(START) })
    const read = await bank.call("GET", "/v2/sandbox/clock")
    expect(read).toMatchObject({
      status: 200,
      body: { ok: true, result: { now: "2026-03-01T10:00:00.000Z", epochMs: START } }
    })

    await bank.login()
    const qrId = await bank.createQr(5)
    expect((await bank.call("GET", `/v2/mia/qr/${qrId}`)).body.result.status).toBe("Active")

    const advanced = await bank.call("POST", "/v2/sandbox/clock/advance", { ms: 5 * 60_000 })
    expect(advanced.body.result).toEqual({ now: "2026-03-01T10:05:00.000Z", epochMs: START + 5 * 60_000 })
    expect(bank.sandbox.clock.now()).toBe(START + 5 * 60_000) // the same clock JavaScript tests move
    expect((await bank.call("GET", `/v2/mia/qr/${qrId}`)).status).toBe(401) // the 300 s token too
    await bank.login()
    expect((await bank.call("GET", `/v2/mia/qr/${qrId}`)).body.result.status).toBe("Expired")
    const late = await bank.testPay(qrId)
    expect(late.status).toBe(409)
    expect(late.body.errors[0].errorCode).toBe("14019")
  })

  it("sets the clock to an instant, which expires the access token too", async () => {
    bank = await startLoopbackSandbox({ clock: createSandboxClock(START) })
    await bank.login()
    expect((await bank.call("GET", "/v2/mia/qr")).status).toBe(200)
    const set = await bank.call("POST", "/v2/sandbox/clock/set", { now: "2026-03-02T10:00:00+02:00" })
    expect(set.body.result).toEqual({
      now: "2026-03-02T08:00:00.000Z",
      epochMs: Date.parse("2026-03-02T08:00:00Z")
    })
    expect((await bank.call("GET", "/v2/mia/qr")).status).toBe(401)
  })

  it("answers 400 naming the field for a bad body", async () => {
    bank = await startLoopbackSandbox({ clock: createSandboxClock(START) })
    for (const [body, parameter] of [
      [{ ms: -1 }, "ms"],
      [{ ms: "60000" }, "ms"],
      [{ ms: 1.5 }, "ms"],
      [{}, "ms"],
      [{ seconds: 60 }, "seconds"]
    ] as const) {
      const answer = await bank.call("POST", "/v2/sandbox/clock/advance", body)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({
        ok: false,
        errors: [{ errorCode: "12000", errorArgs: { parameter } }]
      })
      expect(answer.body.errors[0].errorArgs.expected).toEqual(expect.any(String))
    }
    const badInstant = await bank.call("POST", "/v2/sandbox/clock/set", { now: "tomorrow" })
    expect(badInstant.body.errors[0].errorArgs.parameter).toBe("now")
    expect(bank.sandbox.clock.now()).toBe(START)
  })
})

describe("POST /v2/sandbox/reset", () => {
  it("forgets QRs, payments, tokens, requests to pay, deliveries and MiaPos state; fault rules stay", async () => {
    bank = await startLoopbackSandbox({ clock: createSandboxClock(START), callbackRetryDelays: [] })
    await bank.login()
    const qrId = await bank.createQr(15, "http://127.0.0.1:9/mia/callback")
    expect((await bank.testPay(qrId)).status).toBe(200)
    const rtp = await bank.call("POST", "/v2/rtp", {
      alias: "37369112221",
      amount: 10,
      currency: "MDL",
      description: "Reset test",
      expiresAt: "2026-03-01T11:00:00Z"
    })
    expect(rtp.status).toBe(200)
    const init = await fetch(`${bank.url}/pos/api/v1/terminal-activation/init`, {
      method: "POST",
      headers: { ...DEVICE, "content-type": "application/json" },
      body: JSON.stringify({ terminalId: "10001", merchantIdno: "1003600012345" })
    })
    expect((await init.json()).result).toBe("success")
    await bank.call("POST", "/v2/sandbox/faults", { path: "/nowhere", fault: { type: "drop" } })
    await bank.sandbox.deliveries.waitFor({ status: "failed" })

    const reset = await bank.call("POST", "/v2/sandbox/reset")
    expect(reset).toMatchObject({ status: 200, body: { ok: true, result: { reset: true } } })

    expect((await bank.call("GET", `/v2/mia/qr/${qrId}`)).status).toBe(401) // tokens are forgotten too
    await bank.login()
    expect((await bank.call("GET", `/v2/mia/qr/${qrId}`)).status).toBe(404)
    expect((await bank.call("GET", "/v2/sandbox/rtp/inbox/37369112221")).body.result.items).toEqual([])
    expect((await bank.call("GET", "/v2/sandbox/deliveries")).body.result.items).toEqual([])
    expect((await bank.call("GET", "/pos/api/sandbox/otp-inbox")).body.messages).toEqual([])
    expect((await bank.call("GET", "/v2/sandbox/faults")).body.result.items).toHaveLength(1)
    expect(bank.sandbox.state.payments()).toEqual([])
  })
})
