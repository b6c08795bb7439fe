import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { createPosSandbox } from "../../src/pos/index.js"
import { createDriver, DEVICE_HEADERS, IDNO, TERMINAL } from "./support/pos-driver.js"

describe("request routing", () => {
  it("leaves paths outside /pos/ to other modules", async () => {
    const sandbox = createPosSandbox()
    expect(await sandbox.handle(new Request("http://x/v2/mia/qr"))).toBeUndefined()
    expect(await sandbox.handle(new Request("http://x/position"))).toBeUndefined()
  })

  it("answers 404 for an unknown POS path and 405 for a wrong method, with what to do", async () => {
    const driver = createDriver()
    const unknown = await driver.call("GET", "/pos/api/v9/teleport")
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ result: "route_not_found", errorCode: "route_not_found" })
    expect(unknown.body.errorMessage).toContain("/pos/api/sandbox/routes")
    const wrong = await driver.call("PATCH", "/pos/api/v1/seller/login")
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get("allow")).toBe("POST")
  })

  it("answers 400 for a body that is not JSON or not an object", async () => {
    const driver = createDriver()
    const garbage = await driver.call("POST", "/pos/api/v1/seller/login", { rawBody: "{not json" })
    expect(garbage.status).toBe(400)
    expect(garbage.body.errorMessage).toContain("not valid JSON")
    const array = await driver.call("POST", "/pos/api/v1/seller/login", { body: [1, 2] })
    expect(array.status).toBe(400)
    expect(array.body.errorMessage).toContain("got an array")
  })

  it("lists its routes, marking confirmed, inferred and sandbox-only paths", async () => {
    const driver = createDriver()
    const { body } = await driver.call("GET", "/pos/api/sandbox/routes")
    const find = (operation: string) =>
      body.routes.find((route: { operation: string }) => route.operation === operation)
    expect(find("activationInit")).toEqual({
      method: "POST",
      path: "/pos/api/v1/terminal-activation/init",
      operation: "activationInit",
      source: "confirmed",
      auth: false
    })
    expect(find("receipt")).toMatchObject({
      path: "/pos/api/v2/tx/{txId}/receipt",
      source: "inferred",
      auth: true
    })
    expect(find("sandboxPayQr")).toMatchObject({ path: "/pos/api/sandbox/qr/{qrId}/pay", source: "sandbox" })
    expect(body.routes).toHaveLength(driver.sandbox.routes.length)
    expect(
      body.routes
        .filter((route: { source: string }) => route.source === "sandbox")
        .every((route: { path: string }) => route.path.startsWith("/pos/api/sandbox/"))
    ).toBe(true)
  })
})

describe("documentation", () => {
  it("documents exactly the routes the simulator answers", () => {
    const readme = readFileSync(new URL("../../src/pos/README.md", import.meta.url), "utf8")
    const documented = [
      ...readme.matchAll(/^\| (GET|POST|PUT|DELETE) \| `([^`?]+)[^`]*` \| (\w+) \| (\w+) \| (yes|no) \|$/gm)
    ]
      .map(
        ([, method, path, operation, source, bearer]) =>
          `${method} ${path} ${operation} ${source} ${bearer === "yes"}`
      )
      .sort()
    const actual = createPosSandbox()
      .routes.map((route) => `${route.method} ${route.path} ${route.operation} ${route.source} ${route.auth}`)
      .sort()
    expect(documented).toEqual(actual)
  })
})

describe("request headers", () => {
  it("records each terminal's last request with its device headers and masks the bearer", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    await driver.call("GET", "/pos/api/v1/shift/check", {
      token,
      headers: { ...DEVICE_HEADERS, "x-correlation-id": "0b9f1c7e-3a55-4d8e-9a3e-0d6f2b1c9e10" }
    })
    const recorded = driver.sandbox.state.lastRequest(TERMINAL)
    expect(recorded).toMatchObject({
      method: "GET",
      path: "/pos/api/v1/shift/check",
      operation: "shiftCheck"
    })
    expect(recorded?.headers["x-correlation-id"]).toBe("0b9f1c7e-3a55-4d8e-9a3e-0d6f2b1c9e10")
    expect(recorded?.headers["x-device"]).toBe("Pixel 8")
    expect(recorded?.headers["x-platform-type"]).toBe("android")
    expect(recorded?.headers.authorization).toBe("Bearer ***")
    expect(JSON.stringify(recorded)).not.toContain(token)
  })

  it("records unauthenticated calls by the terminal they name, and not the sandbox-only ones", async () => {
    const driver = createDriver()
    await driver.call("POST", "/pos/api/v1/terminal-activation/init", {
      body: { terminalId: TERMINAL, merchantIdno: IDNO },
      headers: { ...DEVICE_HEADERS, "x-correlation-id": "c-1" }
    })
    await driver.call("GET", "/pos/api/sandbox/otp-inbox", { headers: { "x-correlation-id": "c-2" } })
    expect(driver.sandbox.state.lastRequest(TERMINAL)?.headers["x-correlation-id"]).toBe("c-1")
    const viaHttp = await driver.call("GET", `/pos/api/sandbox/terminals/${TERMINAL}/last-request`)
    expect(viaHttp.body.lastRequest).toMatchObject({
      operation: "activationInit",
      at: "2026-03-02T10:00:00",
      headers: { "x-installation-id": DEVICE_HEADERS["x-installation-id"] }
    })
    expect((await driver.call("GET", "/pos/api/sandbox/terminals/10002/last-request")).body.result).toBe(
      "not_found"
    )
  })

  it("echoes X-CORRELATION-ID on the response, errors included", async () => {
    const driver = createDriver()
    const ok = await driver.raw("GET", "/pos/api/sandbox/routes", { headers: { "x-correlation-id": "abc" } })
    expect(ok.headers.get("x-correlation-id")).toBe("abc")
    const denied = await driver.raw("GET", "/pos/api/v1/shift/check", {
      headers: { "x-correlation-id": "def" }
    })
    expect(denied.status).toBe(401)
    expect(denied.headers.get("x-correlation-id")).toBe("def")
  })
})

describe("programmatic helpers", () => {
  it("pays through sandbox.pay and validates the amount", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    expect(() => driver.sandbox.pay(qr.qrId, { amount: 0.001 })).toThrow(RangeError)
    expect(driver.sandbox.pay("missing")).toMatchObject({ result: "not_found" })
    expect(driver.sandbox.pay(qr.qrId, { amount: 7.77 })).toMatchObject({ result: "success", amount: 7.77 })
  })

  it("refuses a payment when the terminal has no open shift", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    await driver.call("POST", "/pos/api/v1/shift/close", { token })
    expect(driver.sandbox.pay(qr.qrId, { amount: 1 })).toMatchObject({ result: "no_open_shift" })
  })

  it("checks the payer bank BIC on the pay endpoint", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    const qr = await driver.createQr(token, { qrType: "dynamic", amountType: "free" })
    const bad = await driver.pay(qr.qrId, { amount: 1, payerBank: "not a bic" })
    expect(bad.status).toBe(400)
    expect(bad.body.errorMessage).toContain("BIC")
  })

  it("resets to the configured state", async () => {
    const driver = createDriver()
    const { token } = await driver.ready()
    await driver.call("POST", "/pos/api/v1/settings", {
      token,
      body: { qrType: "static", qrAmountType: "free" }
    })
    driver.sandbox.reset()
    expect(driver.sandbox.state.sessions.size).toBe(0)
    expect(driver.sandbox.state.shifts.size).toBe(0)
    expect(driver.sandbox.inbox.messages()).toHaveLength(0)
    expect(driver.sandbox.state.settings.get(TERMINAL)?.qrType).toBe("dynamic")
    expect((await driver.call("GET", "/pos/api/v1/shift/check", { token })).status).toBe(401)
    const again = await driver.ready()
    expect(again.shiftId).toBe("1")
  })
})
