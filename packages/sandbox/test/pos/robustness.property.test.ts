import fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import { createDriver, DEVICE_HEADERS, type Driver } from "./support/pos-driver.js"

const FIELDS = [
  "terminalId",
  "merchantIdno",
  "terminalActivationId",
  "otpCode",
  "username",
  "password",
  "refreshToken",
  "qrType",
  "amountType",
  "extension",
  "amount",
  "minAmount",
  "maxAmount",
  "txId",
  "fullRefund",
  "ccy",
  "reasonCode",
  "reasonMessage",
  "qrAmountType",
  "qrTtl",
  "prohibitSettingsChange",
  "whenUpdated",
  "payerName",
  "payerBank"
]

describe("robustness", () => {
  let driver: Driver
  let token: string
  let pool: string[]

  beforeAll(async () => {
    driver = createDriver({ accessTokenLifetimeSeconds: 86_400 * 365 })
    const ready = await driver.ready()
    token = ready.token
    const dynamic = await driver.createQr(token, {
      qrType: "dynamic",
      amountType: "fixed",
      extension: { amount: 5 }
    })
    const hybrid = await driver.createQr(token, { qrType: "hybrid", amountType: "controlled" })
    const extension = await driver.call("POST", `/pos/api/v2/qr/${hybrid.qrId}/extension`, {
      token,
      body: { minAmount: 1, maxAmount: 9 }
    })
    const paid = await driver.pay(dynamic.qrId)
    // Real identifiers mixed into the random values, so the properties reach the business rules.
    pool = [
      ready.terminalActivationId,
      ready.shiftId,
      dynamic.qrId,
      hybrid.qrId,
      extension.body.extensionIfo.extensionId,
      String(paid.body.txId),
      "10001",
      "1003600012345",
      "dynamic",
      "static",
      "hybrid",
      "fixed",
      "free",
      "controlled",
      "MDL",
      "seller",
      "sandbox"
    ]
  })

  const scalar = () =>
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...pool),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.constantFrom(0, 1, 0.01, 1.005, 100000, 100000.01, -1, 2 ** 53, 1e308),
      fc.boolean(),
      fc.constant(null)
    )
  const value = () =>
    fc.oneof(
      { weight: 4, arbitrary: scalar() },
      { weight: 1, arbitrary: fc.array(scalar(), { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), scalar(), { maxKeys: 3 }) }
    )
  const body = () =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 8 })
          .map((v) => JSON.stringify(v))
      },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constant("") }
    )
  const segment = () =>
    fc.oneof(fc.constantFrom(...pool), fc.string({ minLength: 1, maxLength: 12 }), fc.integer().map(String))

  const request = () =>
    fc.record({
      route: fc.constantFrom(...driver.sandbox.routes),
      params: fc.array(segment(), { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(
        fc.constantFrom("format", "isFullReport", "type", "isImageRequired", "txId", "terminalId"),
        fc.oneof(
          fc.constantFrom("pdf", "png", "txt", "json", "true", "false", "dynamic"),
          fc.string({ maxLength: 6 })
        ),
        { maxKeys: 3 }
      ),
      body: body(),
      authenticated: fc.boolean()
    })

  it("never answers 500 nor crashes, whatever the body, path or query", async () => {
    await fc.assert(
      fc.asyncProperty(request(), async ({ route, params, query, body, authenticated }) => {
        let index = 0
        const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[index++]!))
        const search = new URLSearchParams(query).toString()
        const headers: Record<string, string> = { ...DEVICE_HEADERS }
        if (authenticated) headers.authorization = `Bearer ${token}`
        const response = await driver.sandbox.handle(
          new Request(`http://sandbox.test${path}${search ? `?${search}` : ""}`, {
            method: route.method,
            headers,
            body: route.method === "GET" ? undefined : body
          })
        )
        expect(response).toBeDefined()
        expect(response!.status).toBeLessThan(500)
        const type = response!.headers.get("content-type") ?? ""
        if (type.startsWith("application/json")) {
          const parsed = await response!.json()
          expect(typeof parsed).toBe("object")
        } else {
          expect(["application/pdf", "image/png", "text/plain; charset=utf-8"]).toContain(type)
        }
      }),
      { numRuns: 1500 }
    )
  })

  it("keeps money consistent under random returns: never more returned than paid", async () => {
    const local = createDriver({ accessTokenLifetimeSeconds: 86_400 })
    const ready = await local.ready()
    const qr = await local.createQr(ready.token, { qrType: "static", amountType: "free" })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.record({ cents: fc.integer({ min: 1, max: 10_000_000 }), full: fc.boolean() }), {
          maxLength: 6
        }),
        async (paidCents, returns) => {
          const paid = local.sandbox.pay(qr.qrId, { amount: paidCents / 100 })
          if (paid.result !== "success") throw new Error(JSON.stringify(paid))
          let returned = 0
          for (const attempt of returns) {
            const response = await local.call("POST", "/pos/api/v1/tx/return", {
              token: ready.token,
              body: {
                txId: paid.txId,
                amount: attempt.cents / 100,
                fullRefund: attempt.full,
                reasonCode: "r"
              }
            })
            const expected = attempt.full ? paidCents - returned : attempt.cents
            const allowed = paidCents - returned > 0 && expected <= paidCents - returned
            expect(response.body.result === "success").toBe(allowed)
            if (allowed) returned += expected
          }
          expect(local.sandbox.state.transactions.get(paid.txId)?.returnedMinor).toBe(returned)
          expect(returned).toBeLessThanOrEqual(paidCents)
        }
      ),
      { numRuns: 300 }
    )
  })
})
