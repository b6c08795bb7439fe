import type { ProblemDetails } from "@mia-sdk/core/wire"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMemoryOrderStore } from "../../src/index.js"
import {
  createMiaCheckoutHandler,
  type MiaCheckoutHandlerOptions,
  MiaHttpError
} from "../../src/web/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "../support/bank.js"
import { uniqueId } from "../support/orders.js"

// The defaults every state-changing route shares with the Express routers, attacked the way a
// page on another site, a form or a stranger would. Real Request objects, the sandbox bank.
let bank: TestBank
beforeAll(async () => {
  bank = await startBank()
})
afterAll(() => bank.close())

const SHOP = "https://shop.example"
const store = createMemoryOrderStore()
const handlerWith = (options: Partial<MiaCheckoutHandlerOptions> = {}) =>
  createMiaCheckoutHandler({
    store,
    client: bank.client,
    callbackUrl: CALLBACK_URL,
    basePath: "/api/mia/",
    onWarning: () => undefined,
    allowedOrigins: ["https://admin.shop.example"],
    // A browser session cookie: exactly what a cross-site form post carries along.
    authorizeRefund: (request) =>
      request.headers.get("cookie") === "session=admin" ? { actor: "admin" } : false,
    authorizeOrder: (request, orderId) => {
      const cookie = request.headers.get("cookie")
      return cookie === "session=admin" || cookie?.includes(`order=${orderId}`) === true
    },
    ...options
  })
const admin = { cookie: "session=admin" }
const newOrder = async () => {
  const orderId = uniqueId("guard")
  await store.createOrder({ orderId, amount: 12 })
  return orderId
}
const post = (path: string, headers: Record<string, string>, body?: string) =>
  handlerWith()(
    new Request(`${SHOP}/api/mia${path}`, { method: "POST", headers: { ...admin, ...headers }, body })
  )
const problemOf = async (response: Response) => ({
  status: response.status,
  code: ((await response.json()) as ProblemDetails).code
})

describe("cross-site requests", () => {
  it("refuses a checkout from another site's Origin (403) and creates no QR", async () => {
    const orderId = await newOrder()
    const response = await post(`/orders/${orderId}/checkout`, { origin: "https://evil.example" })
    expect(await problemOf(response)).toEqual({ status: 403, code: "cross_site_request" })
    expect((await store.getOrder(orderId))?.qrId).toBeUndefined()
  })

  it("refuses Sec-Fetch-Site: cross-site without an Origin (403)", async () => {
    const orderId = await newOrder()
    const response = await post(
      `/orders/${orderId}/refunds`,
      { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      '{"reason": "x"}'
    )
    expect(await problemOf(response)).toEqual({ status: 403, code: "cross_site_request" })
  })

  it("lets the shop's own origin, allow-listed origins and server-to-server calls through", async () => {
    const callers: ReadonlyArray<Record<string, string>> = [
      { origin: SHOP },
      { origin: "https://admin.shop.example" },
      {}
    ]
    for (const headers of callers) {
      const response = await post(`/orders/${await newOrder()}/checkout`, headers)
      expect(response.status).toBe(201)
    }
  })
})

describe("JSON only", () => {
  it("refuses a same-origin urlencoded form (415), even with an empty body", async () => {
    const orderId = await newOrder()
    const form = { origin: SHOP, "content-type": "application/x-www-form-urlencoded" }
    expect(await problemOf(await post(`/orders/${orderId}/refunds`, form, "reason=x"))).toEqual({
      status: 415,
      code: "unsupported_media_type"
    })
    expect((await post(`/orders/${orderId}/checkout`, form)).status).toBe(415)
    expect((await post(`/orders/${orderId}/checkout`, { "content-type": "text/plain" }, "")).status).toBe(415)
    expect((await store.getOrder(orderId))?.qrId).toBeUndefined()
  })

  it("refuses a body over bodyLimitBytes with 413", async () => {
    const response = await post(
      `/orders/${await newOrder()}/refunds`,
      { "content-type": "application/json" },
      JSON.stringify({ reason: "x".repeat(20 * 1024) })
    )
    expect(await problemOf(response)).toEqual({ status: 413, code: "body_too_large" })
  })
})

describe("authorizeOrder", () => {
  it("guards status, live events and checkout (403), and lets the order's owner in", async () => {
    const orderId = await newOrder()
    const handler = handlerWith()
    const as = (cookie: string, path: string, method = "GET") =>
      handler(new Request(`${SHOP}/api/mia/orders/${orderId}${path}`, { method, headers: { cookie } }))
    for (const [path, method] of [
      ["", "GET"],
      ["/events", "GET"],
      ["/checkout", "POST"]
    ] as const) {
      expect(await problemOf(await as("order=someone-else", path, method))).toEqual({
        status: 403,
        code: "order_forbidden"
      })
    }
    expect((await store.getOrder(orderId))?.qrId).toBeUndefined()
    expect((await as(`order=${orderId}`, "/checkout", "POST")).status).toBe(201)
    expect(await (await as(`order=${orderId}`, "")).json()).toMatchObject({ orderId, status: "pending" })
  })

  it("answers a MiaHttpError thrown by a hook with its own status", async () => {
    const handler = handlerWith({
      authorizeOrder: () => {
        throw new MiaHttpError(401, "login_required", "Log in first", "Log in to see your order.")
      }
    })
    const response = await handler(new Request(`${SHOP}/api/mia/orders/${await newOrder()}`))
    expect(await response.json()).toMatchObject({
      status: 401,
      code: "login_required",
      detail: "Log in to see your order."
    })
  })
})

describe("options fail fast with the option's name", () => {
  it.each([
    [{ allowedOrigins: ["admin.shop.example"] }, /allowedOrigins/],
    [{ basePath: "api/mia" }, /basePath/],
    [{ keepAliveMs: 1 }, /keepAliveMs/],
    [{ callbackUrl: "not a url" }, /callbackUrl/]
  ] as const)("%j", (options, message) => {
    expect(() => handlerWith(options)).toThrow(message)
  })
})
