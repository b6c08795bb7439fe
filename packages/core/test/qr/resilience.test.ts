import { delay, HttpResponse } from "msw"
import { afterEach, describe, expect, it } from "vitest"
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

const bank = fakeBank()
let client: MiaQrPromiseClient

afterEach(async () => {
  await client?.close()
})

const makeClient = (options: Partial<Parameters<typeof createMiaQrClient>[0]> = {}) => {
  client = createMiaQrClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    retryBaseDelayMs: 1,
    ...options
  })
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

describe("token cache", () => {
  it("50 concurrent calls without a token make exactly one token request", async () => {
    bank.on("POST /v2/auth/token", async () => {
      await delay(20)
      return ok({ accessToken: "shared-token", expiresIn: 300, tokenType: "Bearer" })
    })
    bank.on(getQrPath, () => ok(qrDetails))
    makeClient()
    const results = await Promise.all(Array.from({ length: 50 }, () => client.getQr(QR_ID)))
    expect(results).toHaveLength(50)
    expect(bank.tokenCalls()).toHaveLength(1)
    expect(bank.apiCalls()).toHaveLength(50)
    expect(new Set(bank.apiCalls().map((call) => call.headers.authorization))).toEqual(
      new Set(["Bearer shared-token"])
    )
  })

  it("a failed token request is reported to every waiter and not cached", async () => {
    bank.on("POST /v2/auth/token", (_request, attempt) =>
      attempt === 1
        ? fail(400, [{ errorCode: "12007", errorMessage: "Please provide 'clientId' and 'clientSecret'." }])
        : ok({ accessToken: "good", expiresIn: 300 })
    )
    bank.on(getQrPath, () => ok(qrDetails))
    makeClient()
    const first = await Promise.allSettled([client.getQr(QR_ID), client.getQr(QR_ID), client.getQr(QR_ID)])
    expect(first.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"])
    for (const outcome of first)
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(MiaAuthError)
    expect(bank.tokenCalls()).toHaveLength(1)
    await client.getQr(QR_ID)
    expect(bank.tokenCalls()).toHaveLength(2)
    expect(bank.apiCalls().at(-1)?.headers.authorization).toBe("Bearer good")
  })

  it("a 401 invalidates the token and the call is retried exactly once with a fresh one (POST too)", async () => {
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, (request) =>
      request.headers.authorization === "Bearer token-1"
        ? new HttpResponse(null, { status: 401 })
        : ok({ qrId: QR_ID, status: "Cancelled" })
    )
    makeClient()
    expect(await client.cancelQr(QR_ID, { reason: "x" })).toEqual({ qrId: QR_ID, status: "Cancelled" })
    expect(bank.tokenCalls()).toHaveLength(2)
    expect(bank.apiCalls().map((call) => call.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2"
    ])
  })

  it("a second 401 with a fresh token is a MiaAuthError, with no further attempts", async () => {
    bank.on(getQrPath, () => new HttpResponse(null, { status: 401 }))
    makeClient()
    const error = await rejection(client.getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaAuthError)
    expect(bank.apiCalls()).toHaveLength(2)
    expect(bank.tokenCalls()).toHaveLength(2)
  })

  it("the token call is retried on 503", async () => {
    bank.on("POST /v2/auth/token", (_request, attempt) =>
      attempt === 1
        ? new HttpResponse("busy", { status: 503 })
        : ok({ accessToken: "after-503", expiresIn: 300 })
    )
    bank.on(getQrPath, () => ok(qrDetails))
    makeClient()
    await client.getQr(QR_ID)
    expect(bank.tokenCalls()).toHaveLength(2)
  })
})

describe("retries", () => {
  it("a GET is retried on 503 and then succeeds", async () => {
    bank.on(getQrPath, (_request, attempt) => (attempt < 3 ? fail(503, []) : ok(qrDetails)))
    makeClient()
    expect((await client.getQr(QR_ID)).qrId).toBe(QR_ID)
    expect(bank.apiCalls()).toHaveLength(3)
  })

  it("a GET gives up after maxRetries and reports the last error", async () => {
    bank.on(getQrPath, () => fail(500, [{ errorCode: "10000", errorMessage: "Internal error encountered." }]))
    makeClient({ maxRetries: 1 })
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error.status).toBe(500)
    expect(error.retryable).toBe(true)
    expect(bank.apiCalls()).toHaveLength(2)
  })

  it("a GET is retried on 429 (Retry-After: 0)", async () => {
    bank.on(getQrPath, (_request, attempt) =>
      attempt === 1 ? fail(429, [], { headers: { "retry-after": "0" } }) : ok(qrDetails)
    )
    makeClient()
    await client.getQr(QR_ID)
    expect(bank.apiCalls()).toHaveLength(2)
  })

  it("a Retry-After beyond a minute is not waited for: the error is returned with retryAfterMs", async () => {
    bank.on(getQrPath, () => fail(503, [], { headers: { "retry-after": "600" } }))
    makeClient()
    const error = (await rejection(client.getQr(QR_ID))) as MiaApiError
    expect(error.retryAfterMs).toBe(600_000)
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("a GET is retried after a network error", async () => {
    bank.on(getQrPath, (_request, attempt) => (attempt === 1 ? HttpResponse.error() : ok(qrDetails)))
    makeClient()
    await client.getQr(QR_ID)
    expect(bank.apiCalls()).toHaveLength(2)
  })

  it.each([
    [
      "createQr",
      () => client.createQr({ type: "Static", amountType: "Free", description: "x" }),
      "POST /v2/mia/qr"
    ],
    [
      "refundPayment",
      () => client.refundPayment(PAY_ID, { reason: "x" }),
      `POST /v2/payments/${PAY_ID}/refund`
    ],
    ["cancelQr", () => client.cancelQr(QR_ID, { reason: "x" }), `POST /v2/mia/qr/${QR_ID}/cancel`],
    [
      "testPay",
      () => client.testPay({ qrId: QR_ID, amount: 1, iban: "MD88AG000000011621810140", payerName: "x" }),
      "POST /v2/mia/test-pay"
    ]
  ] as const)("%s (a POST) is never retried on 503", async (_name, run, route) => {
    bank.on(route, () => fail(503, []))
    makeClient()
    const error = (await rejection(run())) as MiaApiError
    expect(error).toBeInstanceOf(MiaApiError)
    expect(error.status).toBe(503)
    expect(bank.apiCalls()).toHaveLength(1)
  })

  it("a POST is not retried after a network error either", async () => {
    bank.on("POST /v2/mia/qr", () => HttpResponse.error())
    makeClient()
    const error = (await rejection(
      client.createQr({ type: "Static", amountType: "Free", description: "x" })
    )) as MiaTransportError
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error.reason).toBe("network")
    expect(bank.apiCalls()).toHaveLength(1)
  })
})

describe("timeouts and aborts", () => {
  it("a request that takes longer than timeoutMs fails with a timeout (retried for GETs)", async () => {
    bank.on(getQrPath, async () => {
      await delay("infinite")
      return ok(qrDetails)
    })
    makeClient({ timeoutMs: 50, maxRetries: 1 })
    const error = (await rejection(client.getQr(QR_ID))) as MiaTransportError
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error.reason).toBe("timeout")
    expect(error.retryable).toBe(true)
    expect(error.message).toContain("50 ms")
    expect(bank.apiCalls()).toHaveLength(2)
  })

  it("timeoutMs per call overrides the client's", async () => {
    bank.on(getQrPath, async () => {
      await delay(300)
      return ok(qrDetails)
    })
    makeClient({ maxRetries: 0 })
    const error = (await rejection(client.getQr(QR_ID, { timeoutMs: 30 }))) as MiaTransportError
    expect(error.reason).toBe("timeout")
    expect((await client.getQr(QR_ID)).qrId).toBe(QR_ID)
  })

  it("a timed-out request is really cancelled (the bank sees the abort)", async () => {
    const seen: Array<AbortSignal> = []
    bank.on(getQrPath, async (_request, _attempt, raw) => {
      seen.push(raw.signal)
      await delay("infinite")
      return ok(qrDetails)
    })
    makeClient({ timeoutMs: 30, maxRetries: 0 })
    expect(((await rejection(client.getQr(QR_ID))) as MiaTransportError).reason).toBe("timeout")
    expect(seen).toHaveLength(1)
    expect(seen[0]!.aborted).toBe(true)
  })

  it("aborting the signal rejects with reason aborted, cancels the request and is not retried", async () => {
    const seen: Array<AbortSignal> = []
    bank.on(getQrPath, async (_request, _attempt, raw) => {
      seen.push(raw.signal)
      await delay("infinite")
      return ok(qrDetails)
    })
    makeClient()
    const controller = new AbortController()
    const pending = client.getQr(QR_ID, { signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 30))
    controller.abort()
    const error = (await rejection(pending)) as MiaTransportError
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error.reason).toBe("aborted")
    expect(error.retryable).toBe(false)
    expect(bank.apiCalls()).toHaveLength(1)
    expect(seen[0]!.aborted).toBe(true)
  })

  it("an already aborted signal sends nothing", async () => {
    makeClient()
    const error = (await rejection(client.getQr(QR_ID, { signal: AbortSignal.abort() }))) as MiaTransportError
    expect(error.reason).toBe("aborted")
    expect(bank.recorded).toHaveLength(0)
  })

  it("one caller aborting does not fail the others waiting for the same token", async () => {
    bank.on("POST /v2/auth/token", async () => {
      await delay(50)
      return ok({ accessToken: "slow", expiresIn: 300 })
    })
    bank.on(getQrPath, () => ok(qrDetails))
    makeClient()
    const controller = new AbortController()
    const aborted = client.getQr(QR_ID, { signal: controller.signal })
    const other = client.getQr(QR_ID)
    controller.abort()
    expect(((await rejection(aborted)) as MiaTransportError).reason).toBe("aborted")
    expect((await other).qrId).toBe(QR_ID)
    expect(bank.tokenCalls()).toHaveLength(1)
  })

  it("after close() calls reject without touching the network", async () => {
    makeClient()
    await client.close()
    const error = (await rejection(client.getQr(QR_ID))) as MiaValidationError
    expect(error).toBeInstanceOf(MiaValidationError)
    expect(error.rule).toBe("closed")
    expect(bank.recorded).toHaveLength(0)
  })
})
