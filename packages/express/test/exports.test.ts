import type { MiaQrPromiseClient } from "@mia-sdk/core"
import type express from "express"
import { describe, expect, expectTypeOf, it } from "vitest"
import * as api from "../src/index.js"
import type { CheckoutBankPort, MiaErrorMiddleware, MiaMiddleware } from "../src/index.js"

describe("@mia-sdk/express public surface", () => {
  it("exports exactly these values (change deliberately)", () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "MiaHttpError",
        "PROBLEM_BASE",
        "miaCheckout",
        "miaErrorHandler",
        "miaPos",
        "miaWebhook",
        "toProblem",
        "validationError",
      ]
    `)
  })

  it("accepts the MIA QR client as its bank port, and its middlewares fit Express", () => {
    expectTypeOf<MiaQrPromiseClient>().toMatchTypeOf<CheckoutBankPort>()
    expectTypeOf<MiaMiddleware>().toMatchTypeOf<express.RequestHandler>()
    expectTypeOf<MiaErrorMiddleware>().toMatchTypeOf<express.ErrorRequestHandler>()
  })
})
