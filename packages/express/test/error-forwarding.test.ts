import { createMemoryOrderStore } from "@mia-sdk/webhooks"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { MiaHttpError, miaCheckout } from "../src/index.js"
import { startBank, type TestBank } from "./support/bank.js"
import { EXPRESS_VERSIONS, serve } from "./support/express-versions.js"

let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

describe.each(EXPRESS_VERSIONS)("async errors on $name", ({ express }) => {
  it("reach the app's own error middleware through next(error), with the right status", async () => {
    const seen: Array<unknown> = []
    const app = express()
    app.use(
      "/api/mia",
      miaCheckout({
        store: createMemoryOrderStore(),
        client: bank.client,
        callbackUrl: "https://shop.example/cb"
      })
    )
    app.use(
      (
        error: unknown,
        _req: unknown,
        res: { status(code: number): { json(body: unknown): void } },
        _next: unknown
      ) => {
        seen.push(error)
        res.status(error instanceof MiaHttpError ? error.status : 500).json({ handledBy: "app" })
      }
    )
    const server = await serve(app)
    const unhandled: Array<unknown> = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on("unhandledRejection", onUnhandled)
    try {
      const response = await fetch(`${server.url}/api/mia/orders/missing`)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ handledBy: "app" })
      expect(seen).toHaveLength(1)
      expect(seen[0]).toMatchObject({ status: 404, code: "not_found" })
      expect(unhandled).toEqual([])
    } finally {
      process.off("unhandledRejection", onUnhandled)
      await server.close()
    }
  })

  it("use the error's status with Express's default handler when miaErrorHandler is not mounted", async () => {
    // Express's final handler logs the error it answers (two lines in the test output).
    const app = express()
    app.set("env", "production")
    app.use(
      "/api/mia",
      miaCheckout({
        store: createMemoryOrderStore(),
        client: bank.client,
        callbackUrl: "https://shop.example/cb"
      })
    )
    const server = await serve(app)
    try {
      const response = await fetch(`${server.url}/api/mia/orders/missing`)
      expect(response.status).toBe(404)
      expect(await response.text()).not.toMatch(/\bat .*:\d+:\d+/)
    } finally {
      await server.close()
    }
  })
})

describe("miaCheckout options", () => {
  it.each([
    [{ callbackUrl: "not a url" }, /callbackUrl/],
    [{ qrValidityMinutes: 0 }, /qrValidityMinutes/],
    [{ reuseMinRemainingFraction: 2 }, /reuseMinRemainingFraction/],
    [{ keepAliveMs: 1 }, /keepAliveMs/]
  ])("fail fast on %j", (override, message) => {
    expect(() =>
      miaCheckout({
        store: createMemoryOrderStore(),
        client: bank.client,
        callbackUrl: "https://shop.example/cb",
        ...override
      })
    ).toThrow(message)
  })
})
