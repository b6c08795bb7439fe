import { setupServer } from "msw/node"
import { afterEach, describe, expect, it } from "vitest"
import { createMiaSandbox } from "../../src/index.js"
import { type LoopbackSandbox, startLoopbackSandbox } from "./support/loopback-client.js"

let bank: LoopbackSandbox | undefined
afterEach(async () => {
  await bank?.close()
  bank = undefined
})

const CONTROL_REQUESTS: ReadonlyArray<readonly [string, string, unknown?]> = [
  ["GET", "/v2/sandbox/clock"],
  ["POST", "/v2/sandbox/clock/advance", { ms: 1 }],
  ["POST", "/v2/sandbox/clock/set", { now: "2026-03-01T10:00:00Z" }],
  ["POST", "/v2/sandbox/reset"],
  ["GET", "/v2/sandbox/deliveries"],
  ["GET", "/v2/sandbox/faults"],
  ["POST", "/v2/sandbox/faults", { fault: { type: "drop" }, path: "/nowhere" }],
  ["DELETE", "/v2/sandbox/faults"],
  ["POST", "/v2/sandbox/faults/callbacks", {}]
]

describe("the control endpoints", () => {
  it("answer without a token, even with the bank's quirks on", async () => {
    bank = await startLoopbackSandbox({ quirks: { errorsWithHttp200: true, errorCodes: "namespaced" } })
    for (const [method, path, body] of CONTROL_REQUESTS) {
      const answer = await bank.call(method, path, body)
      expect(answer.status, `${method} ${path}`).toBe(200)
      expect(answer.body.ok, `${method} ${path}`).toBe(true)
    }
    // Errors keep their status and plain codes: a control call is not the bank's business error.
    const bad = await bank.call("POST", "/v2/sandbox/clock/advance", { ms: -5 })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].errorCode).toBe("12000")
    // And a GET with Content-Type is not stopped by the firewall quirk.
    const typed = await fetch(`${bank.url}/v2/sandbox/clock`, {
      headers: { "content-type": "application/json" }
    })
    expect(typed.status).toBe(200)
  })

  it("answer 405 with Allow for a wrong method, 404 for an unknown control path, 415 for a form body", async () => {
    bank = await startLoopbackSandbox()
    const wrong = await bank.call("GET", "/v2/sandbox/reset")
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get("allow")).toBe("POST")
    expect((await bank.call("GET", "/v2/sandbox/clock/rewind")).status).toBe(404)
    const form = await fetch(`${bank.url}/v2/sandbox/clock/advance`, { method: "POST", body: "ms=5" })
    expect(form.status).toBe(415)
  })

  it("are absent (404) with controlEndpoints: false, while the payer's phone still answers", async () => {
    bank = await startLoopbackSandbox({ controlEndpoints: false })
    for (const [method, path, body] of CONTROL_REQUESTS) {
      const answer = await bank.call(method, path, body)
      expect(answer.status, `${method} ${path}`).toBe(404)
    }
    expect(bank.sandbox.faults.list()).toEqual([])
    expect((await bank.call("GET", "/v2/sandbox/rtp/inbox/37369112221")).status).toBe(200)
  })

  it("are answered by the msw handlers too", async () => {
    const sandbox = createMiaSandbox()
    const server = setupServer(...sandbox.handlers)
    server.listen({ onUnhandledRequest: "error" })
    try {
      const advanced = await fetch(`${sandbox.baseUrl}/v2/sandbox/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ms: 60_000 })
      })
      expect(advanced.status).toBe(200)
      const { result } = await advanced.json()
      expect(Math.abs(result.epochMs - sandbox.clock.now())).toBeLessThan(1_000)
      expect(result.epochMs - Date.now()).toBeGreaterThan(59_000)
    } finally {
      server.close()
      await sandbox.close()
    }
  })
})
