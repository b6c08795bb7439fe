import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { createMiaSandbox } from "../src/index.js"
import { MIA_ERRORS } from "../src/internal/error-catalog.js"
import { rawBank } from "./support/raw-bank.js"

const sandbox = createMiaSandbox({ callbackRetryDelays: [] })
const bank = rawBank(sandbox)
const tokenPromise = bank.login()

const KNOWN_CODES = new Set(Object.keys(MIA_ERRORS))
const ALLOWED_STATUSES = new Set([200, 400, 401, 403, 404, 405, 409, 413, 415])

const segment = fc.oneof(
  fc.constantFrom(
    "v2",
    "mia",
    "qr",
    "hybrid",
    "extension",
    "cancel",
    "payments",
    "refund",
    "test-pay",
    "auth",
    "token",
    "refunds"
  ),
  fc.uuid(),
  fc.string({ maxLength: 12 }).map(encodeURIComponent)
)
const path = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join("/")}`)
const apiPath = fc.constantFrom(
  "/v2/auth/token",
  "/v2/mia/qr",
  "/v2/mia/qr/hybrid",
  "/v2/mia/test-pay",
  "/v2/mia/payments",
  "/v2/mia/qr/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/extension",
  "/v2/mia/qr/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/cancel",
  "/v2/payments/6d24e4a5-c6bf-4d3e-bf7a-8d2123faf4e9/refund"
)
const query = fc.dictionary(
  fc.constantFrom(
    "count",
    "offset",
    "sortBy",
    "order",
    "status",
    "type",
    "amountFrom",
    "createdAtTo",
    "qrId"
  ),
  fc.string({ maxLength: 10 })
)
const jsonField = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 })
)
const fieldName = fc.constantFrom(
  "type",
  "amountType",
  "amount",
  "amountMin",
  "amountMax",
  "currency",
  "description",
  "orderId",
  "expiresAt",
  "callbackUrl",
  "redirectUrl",
  "terminalId",
  "extension",
  "qrId",
  "iban",
  "payerName",
  "reason",
  "clientId",
  "clientSecret"
)
const body = fc.oneof(
  fc.dictionary(fieldName, jsonField, { maxKeys: 8 }).map((value) => JSON.stringify(value)),
  fc.json(),
  fc.string({ maxLength: 50 })
)

const expectBankLike = async (response: Response): Promise<void> => {
  expect(ALLOWED_STATUSES.has(response.status), `status ${response.status}`).toBe(true)
  const parsed = JSON.parse(await response.text())
  if (response.status === 403) {
    expect(Object.keys(parsed)).toEqual(["supportID"])
    return
  }
  if (response.status === 200) {
    expect(parsed.ok).toBe(true)
    return
  }
  expect(parsed.ok).toBe(false)
  expect(parsed.errors.length).toBeGreaterThan(0)
  for (const error of parsed.errors) {
    expect(KNOWN_CODES.has(error.errorCode), `code ${error.errorCode}`).toBe(true)
    expect(typeof error.errorMessage).toBe("string")
  }
}

describe("bad input never crashes the bank", () => {
  it("answers random methods, paths, headers and bodies with the bank's codes, never a 500", async () => {
    const token = await tokenPromise
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
        fc.oneof(path, apiPath),
        query,
        fc.option(body, { nil: undefined }),
        fc.boolean(),
        fc.option(
          fc.constantFrom("application/json", "text/plain", "application/json; charset=utf-8", "garbage"),
          {
            nil: undefined
          }
        ),
        async (method, requestPath, params, requestBody, authorized, contentType) => {
          const hasBody = requestBody !== undefined && method !== "GET" && method !== "HEAD"
          const headers: Record<string, string> = {}
          if (authorized) headers.authorization = `Bearer ${token}`
          if (contentType !== undefined) headers["content-type"] = contentType
          const response = await sandbox.handle(
            new Request(`${sandbox.baseUrl}${requestPath}?${new URLSearchParams(params)}`, {
              method,
              headers,
              ...(hasBody ? { body: requestBody } : {})
            })
          )
          if (method === "HEAD") {
            expect(ALLOWED_STATUSES.has(response.status)).toBe(true)
            return
          }
          await expectBankLike(response)
        }
      ),
      { numRuns: 1500 }
    )
  })

  it("validates random JSON bodies on every POST endpoint without crashing or corrupting state", async () => {
    const token = await tokenPromise
    await fc.assert(
      fc.asyncProperty(
        apiPath,
        fc.dictionary(fieldName, jsonField, { maxKeys: 10 }),
        async (requestPath, value) => {
          const response = await sandbox.handle(
            new Request(`${sandbox.baseUrl}${requestPath}`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify(value)
            })
          )
          await expectBankLike(response)
        }
      ),
      { numRuns: 1500 }
    )
    for (const payment of sandbox.state.payments()) {
      const refunded = sandbox.state
        .refunds({ payId: payment.payId })
        .reduce((sum, refund) => sum + Math.round(refund.amount * 100), 0)
      expect(refunded).toBeLessThanOrEqual(Math.round(payment.amount * 100))
    }
  })
})
