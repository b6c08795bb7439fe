import { afterEach, describe, expect, it } from "vitest"
import { createMiaQrClient, type MiaQrPromiseClient } from "../../src/index.js"
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  fakeBank,
  ok,
  PAY_ID,
  payment,
  QR_ID,
  qrDetails
} from "./fake-bank.js"

const bank = fakeBank()
let client: MiaQrPromiseClient

const makeClient = (options: Partial<Parameters<typeof createMiaQrClient>[0]> = {}) => {
  client = createMiaQrClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    ...options
  })
  return client
}

afterEach(async () => {
  await client?.close()
})

const inTenMinutes = () => new Date(Date.now() + 10 * 60_000)

/** The single API request of the test (the token call aside), asserted to carry the bearer token. */
const onlyCall = () => {
  const calls = bank.apiCalls()
  expect(calls).toHaveLength(1)
  const call = calls[0]!
  expect(call.headers.authorization).toBe("Bearer token-1")
  expect(call.headers.accept).toBe("application/json")
  return call
}

const expectJsonBody = (call: { headers: Record<string, string> }) =>
  expect(call.headers["content-type"]).toBe("application/json")

const expectNoBody = (call: { headers: Record<string, string>; rawBody: string }) => {
  expect(call.headers["content-type"]).toBeUndefined()
  expect(call.rawBody).toBe("")
}

describe("MIA QR operations: what is sent and what comes back", () => {
  it("token: POST /v2/auth/token with the credentials, no Authorization, and reuses the token", async () => {
    makeClient()
    const token = await client.getAccessToken()
    expect(token).toEqual({ accessToken: "token-1", tokenType: "Bearer", expiresIn: 300 })
    await client.getAccessToken()
    const calls = bank.tokenCalls()
    expect(calls).toHaveLength(1)
    expect(calls[0]!.method).toBe("POST")
    expect(calls[0]!.body).toEqual({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
    expect(calls[0]!.headers.authorization).toBeUndefined()
    expectJsonBody(calls[0]!)
  })

  it("createQr: POST /v2/mia/qr with the normalised body; result decoded", async () => {
    bank.on("POST /v2/mia/qr", () =>
      ok({
        qrId: QR_ID,
        extensionId: null,
        orderId: "123",
        type: "dynamic",
        url: qrDetails.url,
        expiresAt: "2029-10-22T10:32:28+03:00"
      })
    )
    makeClient()
    const expiresAt = inTenMinutes()
    const result = await client.createQr({
      type: "Dynamic",
      amountType: "Fixed",
      amount: 50.25,
      description: "Order #123",
      orderId: "123",
      expiresAt,
      callbackUrl: "https://shop.md/mia/callback",
      redirectUrl: "https://shop.md/thanks",
      terminalId: "P011111"
    })
    expect(result).toEqual({
      qrId: QR_ID,
      orderId: "123",
      type: "Dynamic",
      url: qrDetails.url,
      expiresAt: "2029-10-22T10:32:28+03:00"
    })
    const call = onlyCall()
    expect(call.method).toBe("POST")
    expect(call.path).toBe("/v2/mia/qr")
    expect(call.query).toEqual({})
    expectJsonBody(call)
    expect(call.body).toEqual({
      type: "Dynamic",
      expiresAt: expiresAt.toISOString(),
      amountType: "Fixed",
      amount: 50.25,
      currency: "MDL",
      description: "Order #123",
      orderId: "123",
      callbackUrl: "https://shop.md/mia/callback",
      redirectUrl: "https://shop.md/thanks",
      terminalId: "P011111"
    })
  })

  it("createQr: a Static Free QR sends no amount and no expiry; enum inputs are case-insensitive", async () => {
    bank.on("POST /v2/mia/qr", () => ok({ qrId: QR_ID, type: "Static", url: qrDetails.url }))
    makeClient()
    await client.createQr({
      type: "static" as "Static",
      amountType: "FREE" as "Free",
      currency: "mdl" as "MDL",
      description: "Tips jar"
    })
    expect(onlyCall().body).toEqual({
      type: "Static",
      amountType: "Free",
      currency: "MDL",
      description: "Tips jar"
    })
  })

  it("createQr: Controlled sends the range and keeps an ISO string expiry as written", async () => {
    bank.on("POST /v2/mia/qr", () => ok({ qrId: QR_ID, type: "Dynamic", url: qrDetails.url }))
    makeClient()
    const local = new Date(Date.now() + 3_600_000)
    const expiresAt = `${local.toISOString().slice(0, 19)}+00:00`
    await client.createQr({
      type: "Dynamic",
      amountType: "Controlled",
      amountMin: 10,
      amountMax: 100,
      amount: 20,
      description: "Donation",
      expiresAt
    })
    expect(onlyCall().body).toEqual({
      type: "Dynamic",
      expiresAt,
      amountType: "Controlled",
      amount: 20,
      amountMin: 10,
      amountMax: 100,
      currency: "MDL",
      description: "Donation"
    })
  })

  it("createHybridQr: POST /v2/mia/qr/hybrid with the first extension", async () => {
    bank.on("POST /v2/mia/qr/hybrid", () =>
      ok({
        qrId: QR_ID,
        extensionId: "fe7e93a2-d5f2-4e7f-81a3-3c7d17c224f2",
        url: qrDetails.url,
        extra: "ignored"
      })
    )
    makeClient()
    const expiresAt = inTenMinutes()
    const result = await client.createHybridQr({
      amountType: "Fixed",
      terminalId: "P011111",
      extension: {
        expiresAt,
        amount: 50,
        description: "Order #123",
        orderId: "123",
        callbackUrl: "https://shop.md/cb"
      }
    })
    expect(result).toEqual({
      qrId: QR_ID,
      extensionId: "fe7e93a2-d5f2-4e7f-81a3-3c7d17c224f2",
      url: qrDetails.url
    })
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["POST", "/v2/mia/qr/hybrid"])
    expectJsonBody(call)
    expect(call.body).toEqual({
      amountType: "Fixed",
      currency: "MDL",
      terminalId: "P011111",
      extension: {
        expiresAt: expiresAt.toISOString(),
        amount: 50,
        description: "Order #123",
        orderId: "123",
        callbackUrl: "https://shop.md/cb"
      }
    })
  })

  it("createHybridQr without an extension", async () => {
    bank.on("POST /v2/mia/qr/hybrid", () => ok({ qrId: QR_ID, url: qrDetails.url }))
    makeClient()
    expect(await client.createHybridQr({ amountType: "Controlled" })).toEqual({
      qrId: QR_ID,
      url: qrDetails.url
    })
    expect(onlyCall().body).toEqual({ amountType: "Controlled", currency: "MDL" })
  })

  it("createExtension: POST /v2/mia/qr/{qrId}/extension", async () => {
    bank.on(`POST /v2/mia/qr/${QR_ID}/extension`, () =>
      ok({ extensionId: "fe7e93a2-d5f2-4e7f-81a3-3c7d17c224f2" })
    )
    makeClient()
    const expiresAt = inTenMinutes()
    const result = await client.createExtension(QR_ID, {
      expiresAt,
      amount: 100,
      description: "Updated order description",
      orderId: "456",
      callbackUrl: "https://example.com/callback",
      redirectUrl: "https://example.com/success"
    })
    expect(result).toEqual({ extensionId: "fe7e93a2-d5f2-4e7f-81a3-3c7d17c224f2" })
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["POST", `/v2/mia/qr/${QR_ID}/extension`])
    expect(call.body).toEqual({
      expiresAt: expiresAt.toISOString(),
      amount: 100,
      description: "Updated order description",
      orderId: "456",
      callbackUrl: "https://example.com/callback",
      redirectUrl: "https://example.com/success"
    })
  })

  it("cancelQr: POST /v2/mia/qr/{qrId}/cancel with the reason", async () => {
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => ok({ qrId: QR_ID, status: "CANCELLED" }))
    makeClient()
    expect(await client.cancelQr(QR_ID, { reason: "Order cancelled" })).toEqual({
      qrId: QR_ID,
      status: "Cancelled"
    })
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["POST", `/v2/mia/qr/${QR_ID}/cancel`])
    expectJsonBody(call)
    expect(call.body).toEqual({ reason: "Order cancelled" })
  })

  it("cancelExtension: POST /v2/mia/qr/{qrId}/extension/cancel, reason optional", async () => {
    bank.on(`POST /v2/mia/qr/${QR_ID}/extension/cancel`, () =>
      ok({ extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68" })
    )
    makeClient()
    expect(await client.cancelExtension(QR_ID, { reason: "Table closed" })).toEqual({
      extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68"
    })
    await client.cancelExtension(QR_ID)
    const calls = bank.apiCalls()
    expect(calls.map((call) => [call.method, call.path, call.body])).toEqual([
      ["POST", `/v2/mia/qr/${QR_ID}/extension/cancel`, { reason: "Table closed" }],
      ["POST", `/v2/mia/qr/${QR_ID}/extension/cancel`, {}]
    ])
    expectJsonBody(calls[1]!)
  })

  it("refundPayment: POST /v2/payments/{payId}/refund with amount, reason and callbackUrl", async () => {
    bank.on(`POST /v2/payments/${PAY_ID}/refund`, () =>
      ok({ refundId: "8ce09e40-2948-4225-a9c4-f277dbd587ea", status: "Created" })
    )
    makeClient()
    const result = await client.refundPayment(PAY_ID, {
      amount: 50.61,
      reason: "Reason for payment refund.",
      callbackUrl: "https://www.example.com"
    })
    expect(result).toEqual({ refundId: "8ce09e40-2948-4225-a9c4-f277dbd587ea", status: "Created" })
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["POST", `/v2/payments/${PAY_ID}/refund`])
    expect(call.body).toEqual({
      amount: 50.61,
      reason: "Reason for payment refund.",
      callbackUrl: "https://www.example.com"
    })
  })

  it("refundPayment: a full refund omits amount", async () => {
    bank.on(`POST /v2/payments/${PAY_ID}/refund`, () => ok({ refundId: "r", status: "Created" }))
    makeClient()
    await client.refundPayment(PAY_ID, { reason: "Returned" })
    expect(onlyCall().body).toEqual({ reason: "Returned" })
  })

  it("refundPayment: the legacy path by call option or by client option", async () => {
    bank.on(`POST /v2/mia/payments/${PAY_ID}/refund`, () => ok({ payId: PAY_ID, status: "Refunded" }))
    makeClient()
    expect(await client.refundPayment(PAY_ID, { reason: "Returned" }, { path: "legacy" })).toEqual({
      payId: PAY_ID,
      status: "Refunded"
    })
    await client.close()
    makeClient({ refundPath: "legacy" })
    await client.refundPayment(PAY_ID, { reason: "Returned again" })
    expect(bank.apiCalls().map((call) => [call.method, call.path, call.body])).toEqual([
      ["POST", `/v2/mia/payments/${PAY_ID}/refund`, { reason: "Returned" }],
      ["POST", `/v2/mia/payments/${PAY_ID}/refund`, { reason: "Returned again" }]
    ])
  })

  it("listQrs: GET /v2/mia/qr with count/offset always sent and the filter as query", async () => {
    bank.on("GET /v2/mia/qr", () => ok({ totalCount: 1, items: [qrDetails] }))
    makeClient()
    const page = await client.listQrs({
      count: 10,
      offset: 0,
      amountFrom: 10,
      amountTo: 100,
      sortBy: "createdAt",
      order: "desc",
      status: "Active",
      type: "Dynamic",
      amountType: "Fixed",
      orderId: "123",
      createdAtFrom: new Date("2029-01-01T00:00:00Z"),
      createdAtTo: "2029-12-31T23:59:59+02:00",
      terminalId: "P011111"
    })
    expect(page.totalCount).toBe(1)
    expect(page.items[0]).toEqual({
      qrId: QR_ID,
      orderId: "123",
      status: "Active",
      type: "Dynamic",
      url: qrDetails.url,
      amountType: "Fixed",
      amount: 50,
      currency: "MDL",
      description: "Order #123",
      callbackUrl: "https://shop.md/mia/callback",
      redirectUrl: "https://shop.md/thanks",
      createdAt: "2029-10-22T10:02:28.1380956+00:00",
      updatedAt: "2029-10-22T10:02:28.1380956+00:00",
      expiresAt: "2029-10-22T10:32:28+03:00",
      terminalId: "P011111"
    })
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["GET", "/v2/mia/qr"])
    expectNoBody(call)
    expect(call.query).toEqual({
      count: "10",
      offset: "0",
      amountFrom: "10",
      amountTo: "100",
      sortBy: "createdAt",
      order: "desc",
      status: "Active",
      type: "Dynamic",
      amountType: "Fixed",
      orderId: "123",
      createdAtFrom: "2029-01-01T00:00:00.000Z",
      createdAtTo: "2029-12-31T23:59:59+02:00",
      terminalId: "P011111"
    })
  })

  it("listQrs: defaults count=20 and offset=0", async () => {
    bank.on("GET /v2/mia/qr", () => ok({ totalCount: 0, items: [] }))
    makeClient()
    expect(await client.listQrs()).toEqual({ totalCount: 0, items: [] })
    expect(onlyCall().query).toEqual({ count: "20", offset: "0" })
  })

  it("getQr: GET /v2/mia/qr/{qrId}, no body and no Content-Type", async () => {
    bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok({ ...qrDetails, status: "paid", newField: { nested: true } }))
    makeClient()
    const qr = await client.getQr(QR_ID)
    expect(qr.status).toBe("Paid")
    expect(qr.extensionId).toBeUndefined()
    expect(qr).not.toHaveProperty("newField")
    const call = onlyCall()
    expect([call.method, call.path, call.query]).toEqual(["GET", `/v2/mia/qr/${QR_ID}`, {}])
    expectNoBody(call)
  })

  it("listPayments: GET /v2/mia/payments with the filter", async () => {
    bank.on("GET /v2/mia/payments", () => ok({ totalCount: 1, items: [payment] }))
    makeClient()
    const page = await client.listPayments({
      qrId: QR_ID,
      count: 1,
      offset: 0,
      sortBy: "executedAt",
      order: "desc",
      status: "Executed",
      payerName: "John D.",
      referenceId: "QR000123456789",
      executedAtFrom: "2024-08-01T00:00:00+03:00"
    })
    expect(page).toEqual({
      totalCount: 1,
      items: [
        {
          payId: PAY_ID,
          referenceId: "QR000123456789",
          qrId: QR_ID,
          extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68",
          orderId: "123",
          amount: 50,
          commission: 0.5,
          currency: "MDL",
          description: "Payment for order #123",
          payerName: "John D.",
          payerIban: "MD24AG00225100013104168",
          status: "Executed",
          executedAt: "2024-08-05T10:32:28+03:00",
          terminalId: "P011111"
        }
      ]
    })
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["GET", "/v2/mia/payments"])
    expectNoBody(call)
    expect(call.query).toEqual({
      count: "1",
      offset: "0",
      sortBy: "executedAt",
      order: "desc",
      qrId: QR_ID,
      status: "Executed",
      payerName: "John D.",
      referenceId: "QR000123456789",
      executedAtFrom: "2024-08-01T00:00:00+03:00"
    })
  })

  it("getPayment: GET /v2/mia/payments/{payId}; unknown enum values pass through", async () => {
    bank.on(`GET /v2/mia/payments/${PAY_ID}`, () =>
      ok({ ...payment, status: "PartiallyRefunded", amount: "50.00" })
    )
    makeClient()
    const result = await client.getPayment(PAY_ID)
    expect(result.status).toBe("PartiallyRefunded")
    expect(result.amount).toBe(50)
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["GET", `/v2/mia/payments/${PAY_ID}`])
    expectNoBody(call)
  })

  it("testPay: POST /v2/mia/test-pay", async () => {
    const result = {
      qrId: QR_ID,
      qrStatus: "Paid",
      orderId: "123",
      payId: PAY_ID,
      amount: 10,
      commission: 2.5,
      currency: "MDL",
      payerName: "John D.",
      payerIban: "MD88AG000000011621810140",
      executedAt: "2024-11-29T10:56:52.1380956+00:00",
      signatureKey: "592b6999-fdd0-4fd3-9708-5cb9df590dee"
    }
    bank.on("POST /v2/mia/test-pay", () => ok(result))
    makeClient()
    expect(
      await client.testPay({
        qrId: QR_ID,
        amount: 10,
        iban: "MD88AG000000011621810140",
        payerName: "John D."
      })
    ).toEqual(result)
    const call = onlyCall()
    expect([call.method, call.path]).toEqual(["POST", "/v2/mia/test-pay"])
    expect(call.body).toEqual({
      qrId: QR_ID,
      amount: 10,
      iban: "MD88AG000000011621810140",
      currency: "MDL",
      payerName: "John D."
    })
  })

  it("path parameters are URL-encoded", async () => {
    bank.on("GET /v2/mia/qr/a%25b", () => ok(qrDetails))
    makeClient()
    await client.getQr("a%b")
    expect(onlyCall().path).toBe("/v2/mia/qr/a%25b")
  })
})
