import { HttpResponse } from "msw"
import { afterEach, describe, expect, it, vi } from "vitest"
import { Context, Effect, Exit, Layer, Redacted, Tracer } from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import {
  type CreateMiaQrClientOptions,
  createMiaQrClient,
  MiaApiError,
  MiaQrClient,
  type MiaQrPromiseClient,
  MiaTransportError,
  makeMiaQrClient
} from "../../src/index.js"
import {
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  fail,
  fakeBank,
  ok,
  PAY_ID,
  payment,
  QR_ID,
  qrDetails
} from "./fake-bank.js"

// The public `MiaLogEvent` type (index.ts): the temporary barrel does not re-export it.
type MiaLogEvent = Parameters<NonNullable<CreateMiaQrClientOptions["logger"]>>[0]

const bank = fakeBank()

const options = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: BASE_URL, retryBaseDelayMs: 1 }

let client: MiaQrPromiseClient | undefined

afterEach(async () => {
  await client?.close()
  client = undefined
})

const makeClient = (extra: Partial<Parameters<typeof createMiaQrClient>[0]> = {}) => {
  client = createMiaQrClient({ ...options, ...extra })
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

const getQrRoute = `GET /v2/mia/qr/${QR_ID}`

describe("User-Agent", () => {
  const userAgent = /^mia-sdk\/\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

  it("every request of the fetch transport says mia-sdk/<version>", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => ok({ qrId: QR_ID, status: "Cancelled" }))
    const mia = makeClient()
    await mia.getQr(QR_ID)
    await mia.cancelQr(QR_ID, { reason: "x" })
    expect(bank.recorded.map((call) => call.path)).toEqual([
      "/v2/auth/token",
      `/v2/mia/qr/${QR_ID}`,
      `/v2/mia/qr/${QR_ID}/cancel`
    ])
    for (const call of bank.recorded) {
      expect(call.headers["user-agent"]).toMatch(userAgent)
    }
    // Source runs (no build-time version) say so.
    expect(bank.recorded[0]?.headers["user-agent"]).toBe("mia-sdk/0.0.0-source")
  })

  it("every request through layerHttpClient says mia-sdk/<version> too", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(
            MiaQrClient.layerHttpClient(options).pipe(Layer.provide(FetchHttpClient.layer))
          )
          yield* Context.get(context, MiaQrClient).getQr(QR_ID)
        })
      )
    )
    expect(bank.recorded).toHaveLength(2)
    for (const call of bank.recorded) {
      expect(call.headers["user-agent"]).toMatch(userAgent)
    }
  })
})

describe("logger", () => {
  const recordingLogger = () => {
    const events: Array<MiaLogEvent> = []
    return { events, logger: (event: MiaLogEvent) => void events.push(event) }
  }

  it("receives a request and a response event per attempt, with operation, method, path, status and duration", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    const { events, logger } = recordingLogger()
    await makeClient({ logger }).getQr(QR_ID)
    expect(
      events.map((event) => [event.type, event.operation, event.method, event.path, event.attempt])
    ).toEqual([
      ["request", "issueToken", "POST", "/v2/auth/token", 1],
      ["response", "issueToken", "POST", "/v2/auth/token", 1],
      ["request", "getQr", "GET", `/v2/mia/qr/${QR_ID}`, 1],
      ["response", "getQr", "GET", `/v2/mia/qr/${QR_ID}`, 1]
    ])
    const [request, response] = events.filter((event) => event.operation === "getQr")
    expect(request?.status).toBeUndefined()
    expect(request?.body).toBeUndefined()
    expect(response?.status).toBe(200)
    expect(response?.durationMs).toBeGreaterThanOrEqual(0)
    expect(response?.body).toEqual({ result: qrDetails, ok: true })
    expect(
      events.find((event) => event.type === "response" && event.operation === "issueToken")?.status
    ).toBe(200)
  })

  it("the path includes the query; a POST's body is logged", async () => {
    bank.on("GET /v2/mia/qr", () => ok({ totalCount: 0, items: [] }))
    bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => ok({ qrId: QR_ID, status: "Cancelled" }))
    const { events, logger } = recordingLogger()
    const mia = makeClient({ logger })
    await mia.listQrs({ status: "Active", count: 5 })
    await mia.cancelQr(QR_ID, { reason: "Order cancelled" })
    const list = events.find((event) => event.operation === "listQrs" && event.type === "request")
    expect(list?.path).toBe("/v2/mia/qr?count=5&offset=0&status=Active")
    const cancel = events.find((event) => event.operation === "cancelQr" && event.type === "request")
    expect(cancel?.body).toEqual({ reason: "Order cancelled" })
  })

  it("a retried GET logs attempt 2", async () => {
    bank.on(getQrRoute, (_request, attempt) => (attempt === 1 ? fail(503, []) : ok(qrDetails)))
    const { events, logger } = recordingLogger()
    await makeClient({ logger }).getQr(QR_ID)
    const getQr = events.filter((event) => event.operation === "getQr")
    expect(getQr.map((event) => [event.type, event.attempt, event.status])).toEqual([
      ["request", 1, undefined],
      ["response", 1, 503],
      ["request", 2, undefined],
      ["response", 2, 200]
    ])
  })

  it("a failure without an answer logs an error event with the error's tag and message", async () => {
    bank.on(getQrRoute, () => HttpResponse.error())
    const { events, logger } = recordingLogger()
    const error = await rejection(makeClient({ logger, maxRetries: 1 }).getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaTransportError)
    const getQr = events.filter((event) => event.operation === "getQr")
    expect(getQr.map((event) => [event.type, event.attempt])).toEqual([
      ["request", 1],
      ["error", 1],
      ["request", 2],
      ["error", 2]
    ])
    const failure = getQr[1]!
    expect(failure.method).toBe("GET")
    expect(failure.path).toBe(`/v2/mia/qr/${QR_ID}`)
    expect(failure.durationMs).toBeGreaterThanOrEqual(0)
    expect(failure.error?.tag).toBe("MiaTransportError")
    expect(failure.error?.message).toContain("getQr")
  })

  it("a timeout logs an error event", async () => {
    bank.on(getQrRoute, () => new Promise<Response>(() => undefined))
    const { events, logger } = recordingLogger()
    const error = await rejection(makeClient({ logger, maxRetries: 0, timeoutMs: 30 }).getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaTransportError)
    const failure = events.find((event) => event.operation === "getQr" && event.type === "error")
    expect(failure?.error?.tag).toBe("MiaTransportError")
    expect(failure?.error?.message).toContain("30 ms")
  })

  it("an error answer is logged as a response with its status", async () => {
    bank.on(getQrRoute, () => fail(404, [{ errorCode: "13000", errorMessage: "QR is not found." }]))
    const { events, logger } = recordingLogger()
    const error = await rejection(makeClient({ logger }).getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaApiError)
    const getQr = events.filter((event) => event.operation === "getQr")
    expect(getQr.map((event) => [event.type, event.attempt, event.status])).toEqual([
      ["request", 1, undefined],
      ["response", 1, 404]
    ])
  })

  it("never shows the token call's body or answer", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    const { events, logger } = recordingLogger()
    const mia = makeClient({ logger })
    await mia.getQr(QR_ID)
    const token = await mia.getAccessToken()
    expect(token.accessToken).toBe("token-1")
    const tokenEvents = events.filter((event) => event.operation === "issueToken")
    expect(tokenEvents).toHaveLength(2)
    for (const event of tokenEvents) expect(event.body).toBe("[redacted]")
    const dump = JSON.stringify(events)
    expect(dump).not.toContain(CLIENT_SECRET)
    expect(dump).not.toContain(CLIENT_ID)
    expect(dump).not.toContain("token-1")
    expect(dump).not.toContain("Bearer")
  })

  it("a refused token call is logged without its body", async () => {
    bank.on("POST /v2/auth/token", () =>
      fail(401, [{ errorCode: "401", errorMessage: `bad credentials for ${CLIENT_ID}` }])
    )
    const { events, logger } = recordingLogger()
    await rejection(makeClient({ logger }).getQr(QR_ID))
    const tokenEvents = events.filter((event) => event.operation === "issueToken")
    expect(tokenEvents.map((event) => [event.type, event.status])).toEqual([
      ["request", undefined],
      ["response", 401]
    ])
    const dump = JSON.stringify(events)
    expect(dump).not.toContain(CLIENT_SECRET)
    expect(dump).not.toContain(CLIENT_ID)
  })

  it("payer data in a payment answer is redacted", async () => {
    bank.on(`GET /v2/mia/payments/${PAY_ID}`, () => ok(payment))
    bank.on("GET /v2/mia/payments", () => ok({ totalCount: 1, items: [payment] }))
    const { events, logger } = recordingLogger()
    const mia = makeClient({ logger })
    const result = await mia.getPayment(PAY_ID)
    expect(result.payerName).toBe("John D.")
    await mia.listPayments({ qrId: QR_ID })
    const single = events.find((event) => event.operation === "getPayment" && event.type === "response")
    const answer = (single?.body as { result: Record<string, unknown> }).result
    expect(answer.payerName).toBe("[redacted]")
    expect(answer.payerIban).toBe("[redacted]")
    expect(answer.payId).toBe(PAY_ID)
    expect(answer.amount).toBe(50)
    const page = events.find((event) => event.operation === "listPayments" && event.type === "response")
    const item = (page?.body as { result: { items: Array<Record<string, unknown>> } }).result.items[0]
    expect(item?.payerName).toBe("[redacted]")
    expect(item?.payerIban).toBe("[redacted]")
    const dump = JSON.stringify(events)
    expect(dump).not.toContain(payment.payerName)
    expect(dump).not.toContain(payment.payerIban)
  })

  it("payer data in a testPay body and answer is redacted", async () => {
    bank.on("POST /v2/mia/test-pay", () =>
      ok({ qrId: QR_ID, payId: PAY_ID, amount: 50, payerName: "John D.", payerIban: payment.payerIban })
    )
    const { events, logger } = recordingLogger()
    const result = await makeClient({ logger }).testPay({
      qrId: QR_ID,
      amount: 50,
      iban: payment.payerIban,
      payerName: "John D."
    })
    expect(result.payId).toBe(PAY_ID)
    expect(bank.apiCalls()[0]?.body).toMatchObject({ iban: payment.payerIban, payerName: "John D." })
    const request = events.find((event) => event.operation === "testPay" && event.type === "request")
    expect(request?.body).toMatchObject({
      qrId: QR_ID,
      amount: 50,
      iban: "[redacted]",
      payerName: "[redacted]"
    })
    const dump = JSON.stringify(events)
    expect(dump).not.toContain(payment.payerIban)
    expect(dump).not.toContain("John D.")
  })

  it("a logger that throws does not break the call", async () => {
    bank.on(getQrRoute, (_request, attempt) => (attempt === 1 ? fail(503, []) : ok(qrDetails)))
    let calls = 0
    const mia = makeClient({
      logger: () => {
        calls += 1
        throw new Error("logger is broken")
      }
    })
    const qr = await mia.getQr(QR_ID)
    expect(qr.qrId).toBe(QR_ID)
    expect(calls).toBe(6)
    bank.on(getQrRoute, () => fail(404, []))
    expect(await rejection(mia.getQr(QR_ID))).toBeInstanceOf(MiaApiError)
  })

  it("the Effect API takes the same logger", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    const { events, logger } = recordingLogger()
    await Effect.runPromise(
      Effect.scoped(Effect.flatMap(makeMiaQrClient({ ...options, logger }), (mia) => mia.getQr(QR_ID)))
    )
    expect(events.map((event) => `${event.type} ${event.operation}`)).toEqual([
      "request issueToken",
      "response issueToken",
      "request getQr",
      "response getQr"
    ])
  })
})

/** A stand-in for an OpenTelemetry tracer (`trace.getTracer(...)`): records what the SDK calls. */
const fakeOpenTelemetry = () => {
  interface FakeSpan {
    readonly name: string
    readonly kind: number | undefined
    readonly startTime: number | undefined
    readonly attributes: Record<string, unknown>
    readonly statuses: Array<{ readonly code: number; readonly message?: string }>
    readonly ends: Array<number | undefined>
  }
  const spans: Array<FakeSpan> = []
  const tracer = {
    startSpan(
      name: string,
      spanOptions?: {
        readonly kind?: number
        readonly attributes?: Record<string, unknown>
        readonly startTime?: number
      }
    ) {
      const span: FakeSpan = {
        name,
        kind: spanOptions?.kind,
        startTime: spanOptions?.startTime,
        attributes: { ...spanOptions?.attributes },
        statuses: [],
        ends: []
      }
      spans.push(span)
      return {
        setAttribute(key: string, value: unknown) {
          span.attributes[key] = value
          return this
        },
        setStatus(status: { readonly code: number; readonly message?: string }) {
          span.statuses.push(status)
          return this
        },
        end(endTime?: number) {
          span.ends.push(endTime)
        }
      }
    }
  }
  return { tracer, spans }
}

describe("tracer option", () => {
  it("an OpenTelemetry-like tracer gets a client span per operation, OK when it succeeds", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    const otel = fakeOpenTelemetry()
    const before = Date.now()
    await makeClient({ tracer: otel.tracer }).getQr(QR_ID)
    expect(otel.spans.map((span) => span.name).sort()).toEqual([
      "MiaQrClient.getQr",
      "MiaQrClient.issueToken"
    ])
    const getQr = otel.spans.find((span) => span.name === "MiaQrClient.getQr")!
    expect(getQr.kind).toBe(2)
    expect(getQr.attributes["mia.qr_id"]).toBe(QR_ID)
    expect(getQr.statuses).toEqual([{ code: 1 }])
    expect(getQr.ends).toHaveLength(1)
    // Times are epoch milliseconds.
    expect(getQr.startTime).toBeGreaterThanOrEqual(before - 1)
    expect(getQr.ends[0]).toBeGreaterThanOrEqual(getQr.startTime!)
    const token = otel.spans.find((span) => span.name === "MiaQrClient.issueToken")!
    expect(token.kind).toBe(2)
    expect(token.statuses).toEqual([{ code: 1 }])
    expect(token.ends).toHaveLength(1)
    const dump = JSON.stringify(otel.spans)
    expect(dump).not.toContain(CLIENT_SECRET)
    expect(dump).not.toContain("token-1")
  })

  it("a failed call ends its span with ERROR status, once", async () => {
    bank.on(getQrRoute, () => fail(404, [{ errorCode: "13000", errorMessage: "QR is not found." }]))
    const otel = fakeOpenTelemetry()
    const error = await rejection(makeClient({ tracer: otel.tracer }).getQr(QR_ID))
    expect(error).toBeInstanceOf(MiaApiError)
    const getQr = otel.spans.find((span) => span.name === "MiaQrClient.getQr")!
    expect(getQr.kind).toBe(2)
    expect(getQr.attributes["mia.qr_id"]).toBe(QR_ID)
    expect(getQr.statuses).toHaveLength(1)
    expect(getQr.statuses[0]?.code).toBe(2)
    expect(getQr.statuses[0]?.message).toContain("MiaApiError")
    expect(getQr.ends).toHaveLength(1)
    for (const span of otel.spans) expect(span.ends).toHaveLength(1)
  })

  it("an aborted call ends its span with ERROR status, once", async () => {
    bank.on(getQrRoute, () => new Promise<Response>(() => undefined))
    const otel = fakeOpenTelemetry()
    const controller = new AbortController()
    const pending = rejection(makeClient({ tracer: otel.tracer }).getQr(QR_ID, { signal: controller.signal }))
    await vi.waitFor(() => expect(bank.apiCalls()).toHaveLength(1))
    controller.abort()
    const error = await pending
    expect(error).toBeInstanceOf(MiaTransportError)
    const getQr = otel.spans.find((span) => span.name === "MiaQrClient.getQr")!
    await vi.waitFor(() => expect(getQr.ends).toHaveLength(1))
    expect(getQr.statuses).toHaveLength(1)
    expect(getQr.statuses[0]?.code).toBe(2)
  })

  it("retries stay inside one span", async () => {
    bank.on(getQrRoute, (_request, attempt) => (attempt === 1 ? fail(503, []) : ok(qrDetails)))
    const otel = fakeOpenTelemetry()
    await makeClient({ tracer: otel.tracer }).getQr(QR_ID)
    const getQr = otel.spans.filter((span) => span.name === "MiaQrClient.getQr")
    expect(getQr).toHaveLength(1)
    expect(getQr[0]?.statuses).toEqual([{ code: 1 }])
    expect(getQr[0]?.ends).toHaveLength(1)
  })

  it("an Effect Tracer given as the option records the spans", async () => {
    const spans: Array<Tracer.NativeSpan> = []
    const tracer = Tracer.make({
      span: (spanOptions) => {
        const span = new Tracer.NativeSpan(spanOptions)
        spans.push(span)
        return span
      }
    })
    bank.on(getQrRoute, (_request, attempt) =>
      attempt === 1 ? ok(qrDetails) : fail(404, [{ errorCode: "13000", errorMessage: "QR is not found." }])
    )
    const mia = makeClient({ tracer })
    await mia.getQr(QR_ID)
    await rejection(mia.getQr(QR_ID))
    const getQr = spans.filter((span) => span.name === "MiaQrClient.getQr")
    expect(getQr).toHaveLength(2)
    for (const span of getQr) {
      expect(span.kind).toBe("client")
      expect(span.attributes.get("mia.qr_id")).toBe(QR_ID)
      expect(span.status._tag).toBe("Ended")
    }
    const exits = getQr.map((span) => (span.status._tag === "Ended" ? span.status.exit : undefined))
    expect(exits[0] !== undefined && Exit.isSuccess(exits[0])).toBe(true)
    expect(exits[1] !== undefined && Exit.isFailure(exits[1])).toBe(true)
    const token = spans.find((span) => span.name === "MiaQrClient.issueToken")
    expect(token?.kind).toBe("client")
  })

  it("the Effect API takes the option too, over the tracer of the context", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    const otel = fakeOpenTelemetry()
    const contextSpans: Array<string> = []
    const contextTracer = Tracer.make({
      span: (spanOptions) => {
        contextSpans.push(spanOptions.name)
        return new Tracer.NativeSpan(spanOptions)
      }
    })
    await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(makeMiaQrClient({ ...options, tracer: otel.tracer }), (mia) => mia.getQr(QR_ID))
      ).pipe(Effect.withTracer(contextTracer))
    )
    expect(otel.spans.map((span) => span.name)).toContain("MiaQrClient.getQr")
    expect(contextSpans).not.toContain("MiaQrClient.getQr")
  })

  it("without the option, spans go to the tracer of the Effect context", async () => {
    bank.on(getQrRoute, () => ok(qrDetails))
    const names: Array<string> = []
    const contextTracer = Tracer.make({
      span: (spanOptions) => {
        names.push(spanOptions.name)
        return new Tracer.NativeSpan(spanOptions)
      }
    })
    await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(makeMiaQrClient({ ...options, clientSecret: Redacted.make(CLIENT_SECRET) }), (mia) =>
          mia.getQr(QR_ID)
        )
      ).pipe(Effect.withTracer(contextTracer))
    )
    expect(names).toContain("MiaQrClient.getQr")
    expect(names).toContain("MiaQrClient.issueToken")
  })
})
