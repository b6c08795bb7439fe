import { describe, expect, it } from "vitest"
import { createMiaSandbox, createSandboxClock } from "../src/index.js"
import { codesOf, rawBank } from "./support/raw-bank.js"

const start = Date.parse("2026-03-01T10:00:00Z")

describe("POST /v2/auth/token", () => {
  it("issues a bearer token with the configured lifetime for the configured credentials", async () => {
    const sandbox = createMiaSandbox({ clientId: "id-1", clientSecret: "secret-1", tokenExpiresIn: 120 })
    const answer = await rawBank(sandbox).post("/v2/auth/token", {
      clientId: "id-1",
      clientSecret: "secret-1"
    })
    expect(answer.status).toBe(200)
    expect(answer.body.ok).toBe(true)
    expect(answer.body.result).toMatchObject({ expiresIn: 120, tokenType: "Bearer" })
    expect(answer.body.result.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  })

  it("answers 401 with 11000 for wrong credentials and 400 with 12007 for missing ones", async () => {
    const bank = rawBank(createMiaSandbox())
    const wrong = await bank.post("/v2/auth/token", { clientId: "someone", clientSecret: "guess" })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({
      errors: [{ errorCode: "11000", errorMessage: expect.stringContaining("clientId"), errorArgs: null }],
      ok: false
    })
    const missing = await bank.post("/v2/auth/token", { clientId: "someone" })
    expect(missing.status).toBe(400)
    expect(codesOf(missing)).toEqual(["12007"])
    const empty = await bank.call("POST", "/v2/auth/token")
    expect(codesOf(empty)).toEqual(["12007"])
  })

  it("never echoes the submitted secret", async () => {
    const answer = await rawBank(createMiaSandbox()).post("/v2/auth/token", {
      clientId: "someone",
      clientSecret: "super-secret-value"
    })
    expect(JSON.stringify(answer.body)).not.toContain("super-secret-value")
  })
})

describe("bearer tokens", () => {
  it("refuses a missing, unknown or expired token with 401 and WWW-Authenticate", async () => {
    const clock = createSandboxClock(start)
    const sandbox = createMiaSandbox({ clock, tokenExpiresIn: 300 })
    const bank = rawBank(sandbox)
    const missing = await bank.get("/v2/mia/qr")
    expect(missing.status).toBe(401)
    expect(missing.headers.get("www-authenticate")).toContain('error_description="missing"')

    bank.setToken("not-a-token")
    expect((await bank.get("/v2/mia/qr")).status).toBe(401)

    await bank.login()
    expect((await bank.get("/v2/mia/qr")).status).toBe(200)
    clock.advance(299_999)
    expect((await bank.get("/v2/mia/qr")).status).toBe(200)
    clock.advance(1)
    const expired = await bank.get("/v2/mia/qr")
    expect(expired.status).toBe(401)
    expect(expired.body.ok).toBe(false)
    expect(expired.headers.get("www-authenticate")).toContain('error_description="expired"')
  })

  it("does not require a token for the token endpoint only", async () => {
    const bank = rawBank(createMiaSandbox())
    for (const [method, path] of [
      ["POST", "/v2/mia/qr"],
      ["POST", "/v2/mia/test-pay"],
      ["GET", "/v2/mia/payments"],
      ["POST", "/v2/payments/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/refund"]
    ] as const) {
      expect((await bank.call(method, path, method === "POST" ? {} : undefined)).status).toBe(401)
    }
  })
})

describe("the firewall quirk", () => {
  it("answers a bodyless GET that carries Content-Type with a non-envelope 403", async () => {
    const bank = rawBank(createMiaSandbox())
    await bank.login()
    const answer = await bank.call("GET", "/v2/mia/qr", undefined, { "content-type": "application/json" })
    expect(answer.status).toBe(403)
    expect(Object.keys(answer.body)).toEqual(["supportID"])
    expect(answer.body.supportID).toMatch(/^\d{19}$/)
  })

  it("lets the same GET through when switched off", async () => {
    const bank = rawBank(createMiaSandbox({ quirks: { firewall: false } }))
    await bank.login()
    const answer = await bank.call("GET", "/v2/mia/qr", undefined, { "content-type": "application/json" })
    expect(answer.status).toBe(200)
  })
})

describe("transport errors", () => {
  it("answers unknown paths with 404, wrong methods with 405 and Allow, bad bodies with 400/415", async () => {
    const bank = rawBank(createMiaSandbox())
    await bank.login()
    const unknown = await bank.get("/v2/mia/unknown")
    expect(unknown.status).toBe(404)
    expect(unknown.body.ok).toBe(false)
    const elsewhere = await bank.get("/not-the-api")
    expect(elsewhere.status).toBe(404)
    const wrongMethod = await bank.call("DELETE", "/v2/mia/qr")
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get("allow")).toBe("POST, GET")
    const notJson = await bank.call("POST", "/v2/mia/qr", "{nope")
    expect(notJson.status).toBe(400)
    expect(codesOf(notJson)).toEqual(["12001"])
    const array = await bank.call("POST", "/v2/mia/qr", "[1,2]")
    expect(codesOf(array)).toEqual(["12001"])
    const form = await bank.call("POST", "/v2/mia/qr", "a=b", {
      "content-type": "application/x-www-form-urlencoded"
    })
    expect(form.status).toBe(415)
  })

  it("matches paths case-insensitively and ignores a trailing slash, as ASP.NET routing does", async () => {
    const bank = rawBank(createMiaSandbox())
    await bank.login()
    expect((await bank.get("/V2/MIA/QR/")).status).toBe(200)
  })
})

describe("error envelope quirks", () => {
  it("can send business errors with HTTP 200 and no ok field", async () => {
    const bank = rawBank(createMiaSandbox({ quirks: { errorsWithHttp200: true } }))
    await bank.login()
    const answer = await bank.get("/v2/mia/qr/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9")
    expect(answer.status).toBe(200)
    expect(answer.body.ok).toBeUndefined()
    expect(codesOf(answer)).toEqual(["13000"])
  })

  it("keeps 401 a 401 in that mode, so clients can still refresh their token", async () => {
    const bank = rawBank(createMiaSandbox({ quirks: { errorsWithHttp200: true } }))
    expect((await bank.get("/v2/mia/qr")).status).toBe(401)
  })

  it("can namespace error codes as seen on the live platform", async () => {
    const bank = rawBank(createMiaSandbox({ quirks: { errorCodes: "namespaced" } }))
    await bank.login()
    const answer = await bank.get("/v2/mia/qr/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9")
    expect(codesOf(answer)).toEqual(["maib.merchant.payments-13000"])
  })
})
