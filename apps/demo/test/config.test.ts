import { resolve } from "node:path"
import { describe, expect, it } from "vitest"
import { DEFAULT_DATA_DIR, readDemoConfig } from "../server/config.js"

describe("readDemoConfig", () => {
  it("runs offline without any variable", () => {
    expect(readDemoConfig({})).toEqual({
      host: "127.0.0.1",
      port: 3000,
      dataDir: DEFAULT_DATA_DIR,
      databaseUrl: undefined,
      bank: "embedded",
      publicUrl: undefined,
      reconcileEveryMs: 30_000
    })
  })

  it("switches to the real maib sandbox or production with core's MIA_* variables", () => {
    expect(readDemoConfig({ MIA_CLIENT_ID: "id" }).bank).toBe("maib-sandbox")
    expect(readDemoConfig({ MIA_CLIENT_ID: "id", MIA_ENV: "production" }).bank).toBe("maib-production")
    expect(readDemoConfig({ MIA_ENV: "production" }).bank).toBe("embedded")
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
    expect(() => readDemoConfig({ MIA_ENV: "prod" })).toThrow(
      /MIA_ENV is not valid: expected "sandbox" or "production"/
    )
    expect(() => readDemoConfig({ MIA_PUBLIC_URL: "shop.md" })).toThrow(/MIA_PUBLIC_URL is not valid/)
    expect(() => readDemoConfig({ MIA_DEMO_RECONCILE_MS: "-5" })).toThrow(/MIA_DEMO_RECONCILE_MS/)
  })
})
