import { describe, expect, it } from "vitest"
import { createDriver, DEVICE_HEADERS, IDNO, TERMINAL } from "./support/pos-driver.js"

const LOGIN = "/pos/api/v1/seller/login"
const REFRESH = "/pos/api/v1/seller/refresh"
const LOGOUT = "/pos/api/v1/seller/logout"
const INFO = "/pos/api/v1/seller/info"

describe("seller login", () => {
  it("gives an access + refresh token pair with the configured lifetime", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 90 })
    const id = await driver.activate()
    const { status, body } = await driver.call("POST", LOGIN, {
      body: { terminalActivationId: id, username: "seller", password: "sandbox" }
    })
    expect(status).toBe(200)
    expect(body.result).toBe("success")
    expect(body.authTokens.accessTokenExpiresIn).toBe(90)
    expect(body.authTokens.accessToken).toEqual(expect.any(String))
    expect(body.authTokens.refreshToken).not.toBe(body.authTokens.accessToken)
    const info = await driver.call("GET", INFO, { token: body.authTokens.accessToken })
    expect(info.status).toBe(200)
  })

  it("answers invalid_credentials for a wrong password or a seller not allowed on the terminal", async () => {
    const driver = createDriver({
      sellers: [
        { username: "anna", password: "pw-anna", terminalIds: ["10002"] },
        { username: "ion", password: "pw-ion" }
      ]
    })
    const id = await driver.activate()
    const wrong = await driver.call("POST", LOGIN, {
      body: { terminalActivationId: id, username: "ion", password: "x" }
    })
    expect(wrong.body.result).toBe("invalid_credentials")
    expect(JSON.stringify(wrong.body)).not.toContain("pw-ion")
    const elsewhere = await driver.call("POST", LOGIN, {
      body: { terminalActivationId: id, username: "anna", password: "pw-anna" }
    })
    expect(elsewhere.body.result).toBe("invalid_credentials")
    const ok = await driver.call("POST", LOGIN, {
      body: { terminalActivationId: id, username: "ion", password: "pw-ion" }
    })
    expect(ok.body.result).toBe("success")
  })

  it("needs a confirmed activation", async () => {
    const driver = createDriver()
    const init = await driver.call("POST", "/pos/api/v1/terminal-activation/init", {
      body: { terminalId: TERMINAL, merchantIdno: IDNO },
      headers: DEVICE_HEADERS
    })
    const pending = await driver.call("POST", LOGIN, {
      body: { terminalActivationId: init.body.terminalActivationId, username: "seller", password: "sandbox" }
    })
    expect(pending.body.result).toBe("terminal_not_activated")
    const unknown = await driver.call("POST", LOGIN, {
      body: { terminalActivationId: "nope", username: "seller", password: "sandbox" }
    })
    expect(unknown.body.result).toBe("not_found")
  })
})

describe("bearer tokens", () => {
  it("expires the access token on the sandbox clock with the API's 401 shape", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 300 })
    const tokens = await driver.login(await driver.activate())
    driver.clock.advance(299_000)
    expect((await driver.call("GET", INFO, { token: tokens.accessToken })).status).toBe(200)
    driver.clock.advance(1_000)
    const expired = await driver.call("GET", INFO, { token: tokens.accessToken })
    expect(expired.status).toBe(401)
    expect(expired.body).toMatchObject({ result: "token_expired", errorCode: "token_expired" })
    expect(expired.body.errorMessage).toContain("/pos/api/v1/seller/refresh")
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"')
  })

  it("refreshes into a new pair; a refresh token works once", async () => {
    const driver = createDriver({ accessTokenLifetimeSeconds: 60 })
    const id = await driver.activate()
    const tokens = await driver.login(id)
    driver.clock.advance(61_000)
    const refreshed = await driver.call("POST", REFRESH, {
      body: { refreshToken: tokens.refreshToken, terminalActivationId: id }
    })
    expect(refreshed.body.result).toBe("success")
    expect(refreshed.body.authTokens.accessToken).not.toBe(tokens.accessToken)
    expect(refreshed.body.authTokens.refreshToken).not.toBe(tokens.refreshToken)
    expect((await driver.call("GET", INFO, { token: refreshed.body.authTokens.accessToken })).status).toBe(
      200
    )
    const reused = await driver.call("POST", REFRESH, {
      body: { refreshToken: tokens.refreshToken, terminalActivationId: id }
    })
    expect(reused.status).toBe(401)
    expect(reused.body.errorCode).toBe("invalid_refresh_token")
  })

  it("refuses an expired refresh token and one presented for another activation", async () => {
    const driver = createDriver({ refreshTokenLifetimeSeconds: 3600 })
    const id = await driver.activate()
    const tokens = await driver.login(id)
    const otherActivation = await driver.activate("10002")
    const mismatch = await driver.call("POST", REFRESH, {
      body: { refreshToken: tokens.refreshToken, terminalActivationId: otherActivation }
    })
    expect(mismatch.status).toBe(401)
    driver.clock.advance(3600_000)
    const expired = await driver.call("POST", REFRESH, {
      body: { refreshToken: tokens.refreshToken, terminalActivationId: id }
    })
    expect(expired.status).toBe(401)
    expect(expired.body.errorCode).toBe("refresh_token_expired")
  })

  it("answers 401 missing_token without a bearer and invalid_token for a made-up one", async () => {
    const driver = createDriver()
    const missing = await driver.call("GET", "/pos/api/v1/shift/check")
    expect(missing.status).toBe(401)
    expect(missing.body.errorCode).toBe("missing_token")
    const invented = await driver.call("GET", "/pos/api/v1/shift/check", { token: "pat_invented" })
    expect(invented.status).toBe(401)
    expect(invented.body.errorCode).toBe("invalid_token")
  })
})

describe("seller logout", () => {
  it("ends the session: its access and refresh tokens stop working; a second logout still succeeds", async () => {
    const driver = createDriver()
    const id = await driver.activate()
    const tokens = await driver.login(id)
    const logout = await driver.call("POST", LOGOUT, { body: { refreshToken: tokens.refreshToken } })
    expect(logout.body).toEqual({ result: "success" })
    expect((await driver.call("GET", INFO, { token: tokens.accessToken })).status).toBe(401)
    const refresh = await driver.call("POST", REFRESH, {
      body: { refreshToken: tokens.refreshToken, terminalActivationId: id }
    })
    expect(refresh.status).toBe(401)
    expect(
      (await driver.call("POST", LOGOUT, { body: { refreshToken: tokens.refreshToken } })).body.result
    ).toBe("success")
    const [session] = driver.sandbox.state.sessions.values()
    expect(session?.loggedOutAt).toBe(driver.clock.now())
  })

  it("wants a refreshToken in the body", async () => {
    const driver = createDriver()
    const { status, body } = await driver.call("POST", LOGOUT, { body: {} })
    expect(status).toBe(400)
    expect(body.errorMessage).toContain('"refreshToken"')
  })
})

describe("seller session info", () => {
  it("follows the seed's shape (no result field)", async () => {
    const driver = createDriver()
    const tokens = await driver.login(await driver.activate())
    const { body } = await driver.call("GET", INFO, { token: tokens.accessToken })
    expect(body).toEqual({
      sellerInfo: { id: 1, fullName: "Sandbox Seller" },
      terminalInfo: { terminalId: "10001", posId: 1 },
      merchantInfo: { merchantName: "Sandbox Merchant SRL", merchantIdno: IDNO },
      placeInfo: { name: "Sandbox Store", address: "str. Mihai Viteazu 15, Chisinau" },
      bankInfo: {
        bankName: "maib (sandbox)",
        image: "",
        userGuideUrl: "https://miapos.eu/en/docs/users/miapos-app/",
        supportPhone: "+373 22 000 000",
        supportEmail: "support@sandbox.mia-sdk.local"
      }
    })
  })
})
