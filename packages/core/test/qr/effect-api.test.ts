import { HttpResponse } from "msw"
import { describe, expect } from "vitest"
import {
  Cause,
  Clock,
  ConfigProvider,
  Context,
  Duration,
  Effect,
  Exit,
  Fiber,
  Layer,
  Option,
  Redacted,
  Stream,
  Tracer
} from "effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import { TestClock } from "effect/testing"
import {
  MiaApiError,
  MiaQrClient,
  MiaResponseError,
  MiaTransportError,
  MiaValidationError,
  makeMiaQrClient
} from "../../src/index.js"
import { itEffect } from "../support/effect-test.js"
import { BASE_URL, CLIENT_ID, CLIENT_SECRET, fail, fakeBank, ok, QR_ID, qrDetails } from "./fake-bank.js"

const bank = fakeBank()

const options = { clientId: CLIENT_ID, clientSecret: Redacted.make(CLIENT_SECRET), baseUrl: BASE_URL }

/** Builds the layer in the test's scope, so the client (and its token requests) outlive the call. */
const serviceOf = <E>(layer: Layer.Layer<MiaQrClient, E>) =>
  Effect.map(Layer.build(layer), (context) => Context.get(context, MiaQrClient))

/**
 * The test's TestClock with its pending sleeps visible (v4 has no `TestClock.sleeps()`): every
 * `sleep` through `clock` records when it will wake, until it wakes or is interrupted. Run the
 * effect under test with `Effect.provideService(Clock.Clock, clock)`; the TestClock's methods are
 * own functions, so the copy still drives the same clock.
 */
const observedClock = Effect.map(
  TestClock.testClockWith((testClock) => Effect.succeed(testClock)),
  (testClock) => {
    const sleeps: Array<number> = []
    const clock: TestClock.TestClock = {
      ...testClock,
      sleep: (duration) =>
        Effect.suspend(() => {
          const wake = testClock.currentTimeMillisUnsafe() + Duration.toMillis(duration)
          sleeps.push(wake)
          return Effect.ensuring(
            testClock.sleep(duration),
            Effect.sync(() => sleeps.splice(sleeps.indexOf(wake), 1))
          )
        })
    }
    /** Waits (in real time) until some fiber sleeps on the clock, so adjusting it wakes that sleep. */
    const waitForSleeper: Effect.Effect<number> = Effect.suspend(() =>
      sleeps.length > 0
        ? Effect.succeed(Math.min(...sleeps))
        : Effect.andThen(
            Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5))),
            waitForSleeper
          )
    )
    return { clock: clock as Clock.Clock, waitForSleeper }
  }
)

describe("Effect API", () => {
  itEffect(
    "MiaQrClient.layer provides the service",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
      const qr = yield* Effect.flatMap(MiaQrClient, (mia) => mia.getQr(QR_ID)).pipe(
        Effect.provide(MiaQrClient.layer(options))
      )
      expect(qr.qrId).toBe(QR_ID)
      expect(bank.apiCalls()[0]?.headers.authorization).toBe("Bearer token-1")
    })
  )

  itEffect(
    "failures are typed values in the error channel",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, () =>
        fail(404, [{ errorCode: "13000", errorMessage: "QR {{qrId}} is not found." }])
      )
      const mia = yield* makeMiaQrClient(options)
      const error = yield* Effect.flip(mia.getQr(QR_ID))
      expect(error._tag).toBe("MiaApiError")
      expect(error).toBeInstanceOf(MiaApiError)
      const invalid = yield* Effect.flip(mia.cancelQr("", { reason: "x" }))
      expect(invalid).toBeInstanceOf(MiaValidationError)
    })
  )

  itEffect(
    "invalid options fail the layer with a MiaValidationError",
    Effect.gen(function* () {
      const exit = yield* Effect.exit(Layer.build(MiaQrClient.layer({ ...options, clientSecret: "" })))
      expect(Exit.isFailure(exit)).toBe(true)
      const error = yield* Effect.flip(Layer.build(MiaQrClient.layer({ ...options, timeoutMs: -1 })))
      expect(error).toBeInstanceOf(MiaValidationError)
      expect(error.field).toBe("timeoutMs")
    })
  )

  itEffect(
    "layerConfig reads MIA_* variables; MIA_BASE_URL wins over MIA_ENV",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
      const provider = ConfigProvider.fromEnv({
        env: {
          MIA_CLIENT_ID: CLIENT_ID,
          MIA_CLIENT_SECRET: CLIENT_SECRET,
          MIA_SIGNATURE_KEY: "key",
          MIA_ENV: "production",
          MIA_BASE_URL: BASE_URL
        }
      })
      const mia = yield* serviceOf(
        MiaQrClient.layerConfig().pipe(Layer.provide(ConfigProvider.layer(provider)))
      )
      expect(mia.baseUrl).toBe(BASE_URL)
      yield* mia.getQr(QR_ID)
      expect(bank.tokenCalls()[0]?.body).toEqual({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
      const verdict = yield* mia.verifyCallback({ result: {}, signature: "x" })
      expect(verdict.valid).toBe(false)
    })
  )

  itEffect(
    "layerConfig: MIA_ENV selects the host, sandbox by default, and secrets are required",
    Effect.gen(function* () {
      const hostFor = (env: Record<string, string>) =>
        Effect.map(
          Effect.provide(
            MiaQrClient,
            MiaQrClient.layerConfig().pipe(
              Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env })))
            )
          ),
          (mia) => mia.baseUrl
        )
      const credentials = { MIA_CLIENT_ID: CLIENT_ID, MIA_CLIENT_SECRET: CLIENT_SECRET }
      expect(yield* hostFor(credentials)).toBe("https://sandbox.maibmerchants.md")
      expect(yield* hostFor({ ...credentials, MIA_ENV: "production" })).toBe("https://api.maibmerchants.md")
      const missing = yield* Effect.flip(hostFor({ MIA_CLIENT_ID: CLIENT_ID }))
      expect(String(missing)).toContain("MIA_CLIENT_SECRET")
      const wrongEnv = yield* Effect.flip(hostFor({ ...credentials, MIA_ENV: "staging" }))
      expect(String(wrongEnv)).toContain("MIA_ENV")
    })
  )

  itEffect(
    "layerHttpClient goes through the HttpClient of effect/http and transformClient",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
      bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () => ok({ qrId: QR_ID, status: "Cancelled" }))
      const layer = MiaQrClient.layerHttpClient({
        ...options,
        transformClient: HttpClient.mapRequest(HttpClientRequest.setHeader("x-proxy", "yes"))
      }).pipe(Layer.provide(FetchHttpClient.layer))
      const mia = yield* serviceOf(layer)
      yield* mia.getQr(QR_ID)
      yield* mia.cancelQr(QR_ID, { reason: "x" })
      const [get, cancel] = bank.apiCalls()
      expect(get?.headers["x-proxy"]).toBe("yes")
      expect(get?.headers.authorization).toBe("Bearer token-1")
      expect(get?.headers["content-type"]).toBeUndefined()
      expect(get?.headers.traceparent).toBeUndefined()
      expect(get?.headers.b3).toBeUndefined()
      expect(cancel?.headers["content-type"]).toBe("application/json")
      expect(cancel?.body).toEqual({ reason: "x" })
    })
  )

  itEffect(
    "layerHttpClient: timeouts cancel the request, errors are the same typed values",
    Effect.gen(function* () {
      const seen: Array<AbortSignal> = []
      bank.on(`GET /v2/mia/qr/${QR_ID}`, async (_request, _attempt, raw) => {
        seen.push(raw.signal)
        await new Promise(() => undefined)
        return ok(qrDetails)
      })
      bank.on(`POST /v2/mia/qr/${QR_ID}/cancel`, () =>
        HttpResponse.text("<html>blocked</html>", { status: 403 })
      )
      const layer = MiaQrClient.layerHttpClient({ ...options, timeoutMs: 30, maxRetries: 0 }).pipe(
        Layer.provide(FetchHttpClient.layer)
      )
      const mia = yield* serviceOf(layer)
      // The timeout runs on the Effect clock: here the live one.
      const timeout = yield* TestClock.withLive(Effect.flip(mia.getQr(QR_ID)))
      expect(timeout).toBeInstanceOf(MiaTransportError)
      expect(timeout._tag === "MiaTransportError" && timeout.reason).toBe("timeout")
      expect(seen[0]?.aborted).toBe(true)
      const blocked = yield* Effect.flip(mia.cancelQr(QR_ID, { reason: "x" }))
      expect(blocked).toBeInstanceOf(MiaResponseError)
      expect(blocked._tag === "MiaResponseError" && blocked.status).toBe(403)
    })
  )

  itEffect(
    "a token is reused until shortly before expiresIn (TestClock)",
    Effect.gen(function* () {
      bank.on("POST /v2/auth/token", (_request, attempt) =>
        ok({ accessToken: `t${attempt}`, expiresIn: 300 })
      )
      bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
      const mia = yield* makeMiaQrClient(options)
      yield* mia.getQr(QR_ID)
      yield* TestClock.adjust("269 seconds")
      yield* mia.getQr(QR_ID)
      expect(bank.tokenCalls()).toHaveLength(1)
      // Renewed 30 s before the 300 s lifetime ends.
      yield* TestClock.adjust("2 seconds")
      yield* mia.getQr(QR_ID)
      expect(bank.tokenCalls()).toHaveLength(2)
      expect(bank.apiCalls().map((call) => call.headers.authorization)).toEqual([
        "Bearer t1",
        "Bearer t1",
        "Bearer t2"
      ])
    })
  )

  itEffect(
    "Retry-After is honoured before a GET is retried (TestClock)",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, (_request, attempt) =>
        attempt === 1 ? fail(429, [], { headers: { "retry-after": "20" } }) : ok(qrDetails)
      )
      const { clock, waitForSleeper } = yield* observedClock
      const mia = yield* makeMiaQrClient({ ...options, retryBaseDelayMs: 1 })
      const fiber = yield* Effect.forkChild(mia.getQr(QR_ID).pipe(Effect.provideService(Clock.Clock, clock)))
      expect(yield* waitForSleeper).toBe(20_000)
      yield* TestClock.adjust("19 seconds")
      expect(bank.apiCalls()).toHaveLength(1)
      yield* TestClock.adjust("1 second")
      const qr = yield* Fiber.join(fiber)
      expect(qr.qrId).toBe(QR_ID)
      expect(bank.apiCalls()).toHaveLength(2)
    })
  )

  itEffect(
    "backoff grows exponentially between GET retries (TestClock)",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, (_request, attempt) =>
        attempt <= 2 ? fail(503, []) : ok(qrDetails)
      )
      const { clock, waitForSleeper } = yield* observedClock
      const mia = yield* makeMiaQrClient({ ...options, retryBaseDelayMs: 1000, maxRetries: 2 })
      const fiber = yield* Effect.forkChild(mia.getQr(QR_ID).pipe(Effect.provideService(Clock.Clock, clock)))
      // Jitter of +-20%: the first retry waits 800..1200 ms, the second 1600..2400 ms.
      const firstWake = yield* waitForSleeper
      expect(firstWake).toBeGreaterThanOrEqual(800)
      expect(firstWake).toBeLessThanOrEqual(1200)
      yield* TestClock.adjust(firstWake - 1)
      expect(bank.apiCalls()).toHaveLength(1)
      yield* TestClock.adjust(1)
      const secondWake = yield* waitForSleeper
      expect(bank.apiCalls()).toHaveLength(2)
      expect(secondWake - firstWake).toBeGreaterThanOrEqual(1600)
      expect(secondWake - firstWake).toBeLessThanOrEqual(2400)
      yield* TestClock.setTime(secondWake)
      yield* Fiber.join(fiber)
      expect(bank.apiCalls()).toHaveLength(3)
    })
  )

  itEffect(
    "allQrs pages through count/offset as a Stream",
    Effect.gen(function* () {
      const items = Array.from({ length: 5 }, (_, index) => ({ ...qrDetails, qrId: `qr-${index}` }))
      bank.on("GET /v2/mia/qr", (request) => {
        const offset = Number(request.query.offset)
        const count = Number(request.query.count)
        return ok({ totalCount: items.length, items: items.slice(offset, offset + count) })
      })
      const mia = yield* makeMiaQrClient(options)
      const all = yield* Stream.runCollect(mia.allQrs({ count: 2, status: "Active" }))
      expect(all.map((qr) => qr.qrId)).toEqual(["qr-0", "qr-1", "qr-2", "qr-3", "qr-4"])
      expect(bank.apiCalls().map((call) => [call.query.offset, call.query.count, call.query.status])).toEqual(
        [
          ["0", "2", "Active"],
          ["2", "2", "Active"],
          ["4", "2", "Active"]
        ]
      )
    })
  )

  itEffect(
    "every operation runs in a span; no secret or token reaches span attributes",
    Effect.gen(function* () {
      bank.on(`GET /v2/mia/qr/${QR_ID}`, () => ok(qrDetails))
      const native = yield* Effect.tracer
      const spans: Array<Tracer.Span> = []
      const recording = Tracer.make({
        span: (spanOptions) => {
          const span = native.span(spanOptions)
          spans.push(span)
          return span
        },
        context: native.context
      })
      const mia = yield* makeMiaQrClient(options)
      yield* mia.getQr(QR_ID).pipe(Effect.withTracer(recording))
      const names = spans.map((span) => span.name)
      expect(names).toContain("MiaQrClient.getQr")
      expect(names).toContain("MiaQrClient.issueToken")
      const getQrSpan = spans.find((span) => span.name === "MiaQrClient.getQr")!
      expect(getQrSpan.kind).toBe("client")
      expect(getQrSpan.attributes.get("mia.qr_id")).toBe(QR_ID)
      expect(getQrSpan.status._tag).toBe("Ended")
      const dump = JSON.stringify(spans.map((span) => [span.name, [...span.attributes]]))
      expect(dump).not.toContain(CLIENT_SECRET)
      expect(dump).not.toContain("token-1")
      const tokenSpan = spans.find((span) => span.name === "MiaQrClient.issueToken")!
      expect(tokenSpan.kind).toBe("client")
      // The token request runs inside the first call that needed it.
      expect(Option.map(tokenSpan.parent, (parent) => parent.spanId)).toEqual(Option.some(getQrSpan.spanId))
    })
  )
})

describe("MiaQrClient.layerTest", () => {
  itEffect(
    "serves the given operations and dies with a clear message for the others",
    Effect.gen(function* () {
      const layer = MiaQrClient.layerTest({
        getQr: (qrId) => Effect.succeed({ qrId, status: "Paid", type: "Dynamic" })
      })
      const mia = yield* Effect.provide(MiaQrClient, layer)
      expect(yield* mia.getQr("q1")).toEqual({ qrId: "q1", status: "Paid", type: "Dynamic" })
      const exit = yield* Effect.exit(mia.getPayment("p1"))
      expect(Exit.isFailure(exit) && String(Cause.squash(exit.cause))).toContain(
        "getPayment is not implemented"
      )
      expect(bank.recorded).toHaveLength(0)
    })
  )
})
