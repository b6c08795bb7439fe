import { resolve } from "node:path"
import { MIA_BASE_URLS } from "@mia-sdk/core"
import { describe, expect, it } from "vitest"
import { assertDemoConfig, DEFAULT_DATA_DIR, MAIB_PRODUCTION_HOST, readDemoConfig } from "../server/config.js"

const TOKEN = "0123456789abcdef0123"

describe("readDemoConfig", () => {
  it("runs offline without any variable", () => {
    expect(readDemoConfig({})).toEqual({
      host: "127.0.0.1",
      port: 3000,
      dataDir: DEFAULT_DATA_DIR,
      databaseUrl: undefined,
      bank: "embedded",
      publicUrl: undefined,
      reconcileEveryMs: 30_000,
      adminToken: undefined
    })
  })

  it("switches to the real maib sandbox with core's MIA_* variables", () => {
    expect(readDemoConfig({ MIA_CLIENT_ID: "id", DEMO_ADMIN_TOKEN: TOKEN }).bank).toBe("maib-sandbox")
    expect(readDemoConfig({ MIA_CLIENT_ID: "id", MIA_ENV: "sandbox", DEMO_ADMIN_TOKEN: TOKEN }).bank).toBe(
      "maib-sandbox"
    )
    expect(
      readDemoConfig({
        MIA_CLIENT_ID: "id",
        MIA_BASE_URL: "https://sandbox.maibmerchants.md",
        DEMO_ADMIN_TOKEN: TOKEN
      }).bank
    ).toBe("maib-sandbox")
  })

  it("switches to PostgreSQL with DATABASE_URL and moves the data folder", () => {
    const config = readDemoConfig({ DATABASE_URL: "postgres://localhost/shop", MIA_DEMO_DATA_DIR: "tmp/x" })
    expect(config.databaseUrl).toBe("postgres://localhost/shop")
    expect(config.dataDir).toBe(resolve("tmp/x"))
  })

  it("takes the port, the public URL and the reconciliation period", () => {
    const config = readDemoConfig({
      PORT: "0",
      MIA_PUBLIC_URL: "https://shop.example.md/",
      MIA_DEMO_RECONCILE_MS: "0"
    })
    expect(config.port).toBe(0)
    expect(config.publicUrl).toBe("https://shop.example.md")
    expect(config.reconcileEveryMs).toBe(0)
  })

  it("says which variable is wrong and what it expects", () => {
    expect(() => readDemoConfig({ PORT: "http" })).toThrow(/PORT is not valid: expected 0-65535/)
    expect(() => readDemoConfig({ MIA_ENV: "prod" })).toThrow(/MIA_ENV is not valid: expected "sandbox"/)
    expect(() => readDemoConfig({ MIA_PUBLIC_URL: "shop.md" })).toThrow(/MIA_PUBLIC_URL is not valid/)
    expect(() => readDemoConfig({ MIA_DEMO_RECONCILE_MS: "-5" })).toThrow(/MIA_DEMO_RECONCILE_MS/)
  })
})

describe("maib production", () => {
  it("is refused with MIA_ENV=production, with or without credentials, whatever the case", () => {
    for (const env of [
      { MIA_ENV: "production" },
      { MIA_ENV: "Production" },
      { MIA_ENV: "production", MIA_CLIENT_ID: "id", MIA_CLIENT_SECRET: "s", DEMO_ADMIN_TOKEN: TOKEN }
    ]) {
      expect(() => readDemoConfig(env)).toThrow(
        /MIA_ENV=production is refused: the demo never moves real money.*MIA_ENV=sandbox/
      )
    }
  })

  it("is refused when MIA_BASE_URL names maib's production host, however it is written", () => {
    for (const url of [
      "https://api.maibmerchants.md",
      "https://API.maibmerchants.md/",
      "https://api.maibmerchants.md.:443/",
      "http://api.maibmerchants.md/v1"
    ]) {
      expect(() =>
        readDemoConfig({ MIA_CLIENT_ID: "id", MIA_BASE_URL: url, DEMO_ADMIN_TOKEN: TOKEN })
      ).toThrow(/maib's production host and is refused: the demo never moves real money/)
    }
  })

  it("is the host core calls in production", () => {
    expect(new URL(MIA_BASE_URLS.production).hostname).toBe(MAIB_PRODUCTION_HOST)
  })
})

describe("the admin token", () => {
  it("is required with a real bank, and the message says how to set it", () => {
    expect(() => readDemoConfig({ MIA_CLIENT_ID: "id" })).toThrow(
      /DEMO_ADMIN_TOKEN is required with a real bank.*DEMO_ADMIN_TOKEN=\$\(openssl rand -hex 24\)/
    )
    expect(() => readDemoConfig({ MIA_CLIENT_ID: "id", DEMO_ADMIN_TOKEN: "" })).toThrow(
      /DEMO_ADMIN_TOKEN is required/
    )
  })

  it("must be long enough not to be guessed", () => {
    expect(() => readDemoConfig({ MIA_CLIENT_ID: "id", DEMO_ADMIN_TOKEN: "secret" })).toThrow(
      /DEMO_ADMIN_TOKEN is not valid: it has 6 characters, at least 16/
    )
  })

  it("is kept with a real bank and not used with the embedded one", () => {
    expect(readDemoConfig({ MIA_CLIENT_ID: "id", DEMO_ADMIN_TOKEN: TOKEN }).adminToken).toBe(TOKEN)
    expect(readDemoConfig({ DEMO_ADMIN_TOKEN: TOKEN }).adminToken).toBeUndefined()
  })

  it("is checked on a configuration assembled from options too", () => {
    expect(() => assertDemoConfig({ ...readDemoConfig({}), bank: "maib-sandbox" })).toThrow(
      /DEMO_ADMIN_TOKEN is required/
    )
    const config = { ...readDemoConfig({}), bank: "maib-sandbox" as const, adminToken: TOKEN }
    expect(assertDemoConfig(config)).toBe(config)
  })
})
