import {
  MiaApiError,
  MiaAuthError,
  MiaResponseError,
  MiaTransportError,
  MiaValidationError
} from "@mia-sdk/core"
import { MiaOrderError } from "@mia-sdk/webhooks"
import { describe, expect, it } from "vitest"
import { MiaHttpError, toProblem, validationError } from "../src/index.js"

const SECRET = "0d922db8-9a2f-4c66-a60d-76a762c9bb04"

const apiError = (status: number, code = "14005", retryAfterMs?: number) =>
  new MiaApiError({
    message: `createQr failed with ${status}`,
    status,
    errors: [{ errorCode: code, errorMessage: "QR {{qrId}} is already cancelled." }],
    operation: "createQr",
    body: { secret: SECRET },
    ...(retryAfterMs === undefined ? {} : { retryAfterMs })
  })

describe("toProblem", () => {
  it.each([
    ["a router validation error", validationError("amount", "amount must be > 0"), 400, "validation"],
    [
      "an SDK validation error",
      new MiaValidationError({
        message: "amount must have at most 2 decimals",
        field: "amount",
        rule: "max_2_decimals",
        operation: "createQr"
      }),
      400,
      "validation"
    ],
    ["a bank conflict", apiError(409), 409, "mia_api"],
    ["a bank not-found", apiError(404, "13000"), 404, "mia_api"],
    ["a bank 500", apiError(500, "10000"), 502, "mia_unavailable"],
    ["a bank 429", apiError(429, "429", 2_000), 503, "mia_rate_limited"],
    ["a bank 401 on an API call", apiError(401, "11000"), 502, "mia_api"],
    [
      "bad bank credentials",
      new MiaAuthError({ message: "Invalid credentials", status: 401, errors: [], operation: "token" }),
      502,
      "mia_auth"
    ],
    [
      "a network failure",
      new MiaTransportError({ message: "ECONNREFUSED", reason: "network", operation: "getQr" }),
      502,
      "mia_unreachable"
    ],
    [
      "a timeout",
      new MiaTransportError({ message: "timed out", reason: "timeout", operation: "getQr" }),
      504,
      "mia_timeout"
    ],
    [
      "a firewall page",
      new MiaResponseError({
        message: "not JSON",
        reason: "not_json",
        status: 403,
        operation: "getQr",
        bodySnippet: "<html>"
      }),
      502,
      "mia_response"
    ],
    ["an unknown order", new MiaOrderError("order_not_found", "No order 1"), 404, "not_found"],
    [
      "an invalid order",
      new MiaOrderError("invalid_order", "amount must be > 0", { field: "amount" }),
      400,
      "validation"
    ],
    [
      "a storage failure",
      new MiaOrderError("storage", "connect ECONNREFUSED db.internal:5432"),
      503,
      "storage"
    ],
    [
      "a forbidden refund",
      new MiaHttpError(403, "refund_forbidden", "Refund not allowed", "no"),
      403,
      "refund_forbidden"
    ],
    [
      "a body-parser error",
      Object.assign(new SyntaxError("Unexpected token"), {
        status: 400,
        expose: true,
        type: "entity.parse.failed"
      }),
      400,
      "malformed_json"
    ],
    ["anything else", new Error(`database password is ${SECRET}`), 500, "internal"]
  ])("maps %s", (_name, error, status, code) => {
    const problem = toProblem(error)
    expect(problem.status).toBe(status)
    expect(problem.body).toMatchObject({
      status,
      code,
      type: `https://mia-sdk.dev/problems/${code.replaceAll("_", "-")}`
    })
    const text = JSON.stringify(problem.body)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain("db.internal")
    expect(text).not.toMatch(/\n\s+at /)
  })

  it("names the field of validation errors and keeps the bank's message for its refusals", () => {
    expect(toProblem(validationError("reason", "reason is required")).body.errors).toEqual([
      { field: "reason", message: "reason is required" }
    ])
    expect(toProblem(apiError(409)).body.detail).toBe("QR {{qrId}} is already cancelled.")
  })

  it("passes Retry-After on when the bank asked to wait", () => {
    expect(toProblem(apiError(429, "429", 2_500)).headers).toEqual({ "Retry-After": "3" })
  })

  it("marks what is worth retrying", () => {
    expect(
      toProblem(new MiaTransportError({ message: "x", reason: "timeout", operation: "getQr" })).body.retryable
    ).toBe(true)
    expect(toProblem(validationError("a", "b")).body.retryable).toBe(false)
    expect(
      toProblem(new MiaAuthError({ message: "x", status: 401, errors: [], operation: "token" })).body
        .retryable
    ).toBe(false)
  })
})
