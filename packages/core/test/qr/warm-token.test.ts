import { delay, HttpResponse } from "msw"
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  createMiaQrClient,
  MiaApiError,
  MiaAuthError,
  type MiaQrPromiseClient,
  MiaTransportError,
  MiaValidationError
} from "../../src/index.js"
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  fail,
  fakeBank,
  ok,
  PAY_ID,
  QR_ID,
  qrDetails
} from "./fake-bank.js"

// Once the Promise client holds a fresh token, a call's first attempt runs outside the Effect
// runtime; these cases check that it behaves exactly like the Effect pipeline.

const bank = fakeBank()
let client: MiaQrPromiseClient

afterEach(async () => {
  vi.useRealTimers()
  await client?.close()
})

/** A client whose token is already cached (one token call made, no API call yet). */
const warmClient = async (options: Partial<Parameters<typeof createMiaQrClient>[0]> = {}) => {
  client = createMiaQrClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    retryBaseDelayMs: 1,
    ...options
  })
  await client.getAccessToken()
  expect(bank.tokenCalls()).toHaveLength(1)
  return client
}

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

const getQrPath = `GET /v2/mia/qr/${QR_ID}`

describe("requests and results", () => {
  it("sends the same GET: bearer token, JSON accept, no Content-Type, no body", async () => {
    bank.on(getQrPath, () => ok(qrDetails))
    await warmClient()
    const qr = await client.getQr(QR_ID)
    expect(qr.qrId).toBe(QR_ID)
    expect(qr.extensionId).toBeUndefined()
    const [call] = bank.apiCalls()
    expect(call?.headers.authorization).toBe("Bearer token-1")
    expect(call?.headers.accept).toBe("application/json")
    expect(call?.headers["content-type"]).toBeUndefined()
    expect(call?.rawBody).toBe("")
  })

  it("sends a POST with its JSON body and Content-Type, and list filters as a query", async () => {
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => ok({ qrId: QR_ID, status: "Cancelled" }))
    bank.on("GET /v2/mia/qr", () => ok({ totalCount: 1, items: [qrDetails] }))
    await warmClient()
    expect(await client.cancelQr(QR_ID, { reason: "Out of stock" })).toEqual({
      qrId: QR_ID,
      status: "Cancelled"
    })
    const page = await client.listQrs({ status: "Active", count: 5 })
    expect(page.totalCount).toBe(1)
    const [cancel, list] = bank.apiCalls()
    expect(cancel?.headers["content-type"]).toBe("application/json")
    expect(cancel?.body).toEqual({ reason: "Out of stock" })
    expect(list?.query).toMatchObject({ status: "Active", count: "5" })
  })

  it("reports an error envelope with HTTP 200 as a MiaApiError", async () => {
    bank.on(getQrPath, () =>
      HttpResponse.json({ ok: false, errors: [{ errorCode: "14001", errorMessage: "QR not found" }] })
    )
    await warmClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error.errors[0]?.errorCode).toBe("14001")
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("rejects invalid input with the same MiaValidationError, sending nothing", async () => {
    await warmClient()
    const badId = (await rejection(client.getQr("a/b"))) as MiaValidationError
    expect(badId).toBeInstanceOf(MiaValidationError)
    expect(badId).toMatchObject({ operation: "getQr", field: "qrId", rule: "format" })
    expect(badId.message.startsWith("getQr: ")).toBe(true)
    const loneSurrogate = (await rejection(client.getPayment("ab\uD800"))) as MiaValidationError
    expect(loneSurrogate).toMatchObject({ operation: "getPayment", field: "payId", rule: "format" })
    const amount = (await rejection(
      client.createQr({ type: "Static", amountType: "Fixed", amount: 10.001, description: "x" })
    )) as MiaValidationError
    expect(amount).toMatchObject({ operation: "createQr", field: "amount", rule: "max_2_decimals" })
    expect(bank.apiCalls()).toHaveLength(0)
  })

  it("rejects a bad timeoutMs and, after close(), every call without touching the network", async () => {
    await warmClient()
    const timeout = (await rejection(client.getQr(QR_ID, { timeoutMs: 0 }))) as MiaValidationError
    expect(timeout).toMatchObject({ field: "timeoutMs", rule: "positive" })
    await client.close()
    const closed = (await rejection(client.getQr(QR_ID))) as MiaValidationError
    expect(closed).toMatchObject({ field: "client", rule: "closed" })
    expect(bank.apiCalls()).toHaveLength(0)
  })

  it("shares the cached token between concurrent calls", async () => {
    bank.on(getQrPath, () => ok(qrDetails))
    await warmClient()
    const results = await Promise.all(Array.from({ length: 20 }, () => client.getQr(QR_ID)))
    expect(results.map((qr) => qr.qrId)).toEqual(Array.from({ length: 20 }, () => QR_ID))
    expect(bank.tokenCalls()).toHaveLength(1)
  })
})

describe("tokens", () => {
  it("a 401 invalidates the token; the call is retried once with a fresh one (POST too)", async () => {
    bank.on(`POST /v2/payments/${PAY_ID}/refund`, (request) =>
      request.headers.authorization === "Bearer token-1"
        ? new HttpResponse(null, { status: 401 })
        : ok({ refundId: "r-1", status: "Created" })
    )
    await warmClient()
    const refund = await client.refundPayment(PAY_ID, { reason: "Returned" })
    expect(refund.refundId).toBe("r-1")
    expect(bank.tokenCalls()).toHaveLength(2)
    expect(bank.apiCalls().map((call) => call.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2"
    ])
    // The fresh token is the cached one from now on.
    bank.on(getQrPath, () => ok(qrDetails))
    await client.getQr(QR_ID)
    expect(bank.apiCalls().at(-1)?.headers.authorization).toBe("Bearer token-2")
    expect(bank.tokenCalls()).toHaveLength(2)
  })

  it("a second 401 is a MiaAuthError after exactly two attempts", async () => {
    bank.on(getQrPath, () => new HttpResponse(null, { status: 401 }))
    await warmClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaAuthError
    expect(error).toBeInstanceOf(MiaAuthError)
    expect(error.status).toBe(401)
    expect(bank.apiCalls()).toHaveLength(2)
    expect(bank.tokenCalls()).toHaveLength(2)
  })

  it("a token due for renewal is renewed before the call", async () => {
    bank.on(getQrPath, () => ok(qrDetails))
    await warmClient()
    vi.useFakeTimers({ toFake: ["Date"] })
    vi.setSystemTime(Date.now() + 10 * 60_000)
    await client.getQr(QR_ID)
    expect(bank.tokenCalls()).toHaveLength(2)
    expect(bank.apiCalls()[0]?.headers.authorization).toBe("Bearer token-2")
  })
})

describe("retries", () => {
  it("a GET is retried on 503 and then succeeds", async () => {
    bank.on(getQrPath, (_request, attempt) => (attempt < 3 ? fail(503, []) : ok(qrDetails)))
    await warmClient()
    expect((await client.getQr(QR_ID)).qrId).toBe(QR_ID)
    expect(bank.apiCalls()).toHaveLength(3)
  })

  it("a GET gives up after maxRetries with the last error", async () => {
    bank.on(getQrPath, (_request, attempt) =>
      fail(attempt === 1 ? 503 : 500, [{ errorCode: "10000", errorMessage: "Internal error encountered." }])
    )
    await warmClient({ maxRetries: 1 })
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error.status).toBe(500)
    expect(bank.apiCalls()).toHaveLength(2)
  })

  it("a GET is retried after a network error; a POST is not", async () => {
    bank.on(getQrPath, (_request, attempt) => (attempt === 1 ? HttpResponse.error() : ok(qrDetails)))
    bank.on("POST /v2/mia/qr", () => HttpResponse.error())
    await warmClient()
    await client.getQr(QR_ID)
    expect(bank.apiCalls()).toHaveLength(2)
    const error = (await rejection(
      client.createQr({ type: "Static", amountType: "Free", description: "x" })
    )) as MiaTransportError
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error.reason).toBe("network")
    expect(bank.apiCalls()).toHaveLength(3)
  })

  it("a POST is never retried on 503", async () => {
    bank.on("POST /v2/mia/test-pay", () => fail(503, []))
    await warmClient()
    const error = (await rejection(
      client.testPay({ qrId: QR_ID, amount: 1, iban: "MD88AG000000011621810140", payerName: "x" })
    )) as MiaApiError
    expect(error.status).toBe(503)
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("a Retry-After beyond a minute is not waited for", async () => {
    bank.on(getQrPath, () => fail(503, [], { headers: { "retry-after": "600" } }))
    await warmClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error.retryAfterMs).toBe(600_000)
    expect(bank.apiCalls()).toHaveLength(1)
  })
})

describe("timeouts, aborts and close", () => {
  it("a timeout cancels the request and is retried for a GET, with the per-call timeoutMs", async () => {
    const seen: Array<AbortSignal> = []
    bank.on(getQrPath, async (_request, _attempt, raw) => {
      seen.push(raw.signal)
      await delay("infinite")
      return ok(qrDetails)
    })
    await warmClient({ maxRetries: 1 })
    const error = (await rejection(client.getQr(QR_ID, { timeoutMs: 30 }))) as MiaTransportError
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error.reason).toBe("timeout")
    expect(error.message).toContain("30 ms")
    expect(seen).toHaveLength(2)
    expect(seen.every((signal) => signal.aborted)).toBe(true)
  })

  it("aborting the signal rejects with reason aborted, cancels the request and is not retried", async () => {
    const seen: Array<AbortSignal> = []
    bank.on(getQrPath, async (_request, _attempt, raw) => {
      seen.push(raw.signal)
      await delay("infinite")
      return ok(qrDetails)
    })
    await warmClient()
    const controller = new AbortController()
    const pending = client.getQr(QR_ID, { signal: controller.signal })
    await vi.waitFor(() => expect(seen).toHaveLength(1))
    controller.abort(new Error("user left"))
    const error = (await rejection(pending)) as MiaTransportError
    expect(error.reason).toBe("aborted")
    expect(error.message).toContain("user left")
    expect(seen[0]?.aborted).toBe(true)
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("aborting while a retry waits rejects with reason aborted", async () => {
    bank.on(getQrPath, () => fail(503, []))
    await warmClient({ retryBaseDelayMs: 60_000 })
    const controller = new AbortController()
    const pending = client.getQr(QR_ID, { signal: controller.signal })
    await vi.waitFor(() => expect(bank.apiCalls()).toHaveLength(1))
    controller.abort()
    const error = (await rejection(pending)) as MiaTransportError
    expect(error.reason).toBe("aborted")
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("a call under way when the client closes still finishes, retries included", async () => {
    bank.on(getQrPath, async (_request, attempt) => {
      await delay(20)
      return attempt === 1 ? fail(503, []) : ok(qrDetails)
    })
    await warmClient()
    const pending = client.getQr(QR_ID)
    await client.close()
    expect((await pending).qrId).toBe(QR_ID)
    expect(bank.apiCalls()).toHaveLength(2)
  })
})
