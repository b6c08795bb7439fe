import { Effect, Fiber } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { delay, HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  type MiaLogEvent,
  type MiaPosClientOptions,
  MiaTransportError,
  makeMiaPosClient,
  makeMiaPosClientWithHttpClient
} from "../../src/index.js"
import { itEffect } from "../support/effect-test.js"
import { testDevice } from "./helpers/device.js"
import { ACTIVATION_ID, BASE_URL, loggedInStore, mswClient, ok } from "./helpers/msw-pos.js"

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const url = (path: string) => `${BASE_URL}${path}`

/** An Effect client on the test clock: retry and Retry-After waits advance only with TestClock. */
const makeClient = (options: Partial<MiaPosClientOptions> = {}) =>
  makeMiaPosClient({
    baseUrl: BASE_URL,
    device: testDevice,
    sessionStore: loggedInStore(),
    timeoutMs: 10_000,
    ...options
  })

/** Waits (in real time, for I/O) until `condition` holds. */
const until = (condition: () => boolean) =>
  Effect.promise(async () => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1))
  })

describe("retries", () => {
  itEffect(
    "a GET is retried after a 503 once the Retry-After has passed, and not before",
    Effect.gen(function* () {
      let calls = 0
      const correlationIds: Array<string | null> = []
      const events: Array<MiaLogEvent> = []
      server.use(
        http.get(url("/pos/api/v1/shift/check"), ({ request }) => {
          calls += 1
          correlationIds.push(request.headers.get("x-correlation-id"))
          return calls === 1
            ? HttpResponse.json(
                { errorCode: "1", errorMessage: "busy" },
                { status: 503, headers: { "retry-after": "30" } }
              )
            : HttpResponse.json(ok({ isOpen: true, shiftId: "77" }))
        })
      )
      const pos = yield* makeClient({ maxRetries: 2, logger: (event) => events.push(event) })
      const fiber = yield* Effect.forkChild(pos.shift.check())
      // Once the 503 is read, the retry sleeps 30 s on the test clock.
      yield* until(() => events.some((event) => event.type === "response"))
      yield* TestClock.adjust("29 seconds")
      expect(calls).toBe(1)
      yield* TestClock.adjust("1 second")
      const shift = yield* Fiber.join(fiber)
      expect(shift).toMatchObject({ isOpen: true, shiftId: "77" })
      expect(calls).toBe(2)
      // Each HTTP attempt is its own request for the bank: a fresh correlation id.
      expect(new Set(correlationIds).size).toBe(2)
    })
  )

  itEffect(
    "a Retry-After longer than a minute is not waited for",
    Effect.gen(function* () {
      let calls = 0
      server.use(
        http.get(url("/pos/api/v1/settings"), () => {
          calls += 1
          return HttpResponse.json(
            { result: "rate_limited" },
            { status: 429, headers: { "retry-after": "120" } }
          )
        })
      )
      const pos = yield* makeClient({ maxRetries: 2 })
      const error = yield* Effect.flip(pos.settings.get())
      expect(calls).toBe(1)
      expect(error).toMatchObject({
        _tag: "MiaPosResultError",
        result: "rate_limited",
        status: 429,
        retryable: true,
        retryAfterMs: 120_000
      })
    })
  )

  itEffect(
    "operations that change state are never retried (QR create, return, activation init, refresh)",
    Effect.gen(function* () {
      const calls: Record<string, number> = {}
      const failing = (path: string) =>
        http.post(url(path), () => {
          calls[path] = (calls[path] ?? 0) + 1
          return HttpResponse.json({ errorCode: "1", errorMessage: "down" }, { status: 503 })
        })
      server.use(
        failing("/pos/api/v2/qr"),
        failing("/pos/api/v1/tx/return"),
        failing("/pos/api/v1/terminal-activation/init"),
        failing("/pos/api/v1/seller/refresh")
      )
      const pos = yield* makeClient({ maxRetries: 3, retryBaseDelayMs: 0 })
      const results = yield* Effect.all([
        Effect.flip(pos.qr.create({ qrType: "dynamic", amountType: "fixed", amount: 10 })),
        Effect.flip(pos.transactions.return({ txId: "1", reasonCode: "r" })),
        Effect.flip(pos.activation.init({ terminalId: "T1", merchantIdno: "1" })),
        Effect.flip(pos.seller.refresh())
      ])
      expect(results.map((error) => error._tag)).toEqual([
        "MiaApiError",
        "MiaApiError",
        "MiaApiError",
        "MiaApiError"
      ])
      expect(results.every((error) => error.retryable)).toBe(true)
      expect(calls).toEqual({
        "/pos/api/v2/qr": 1,
        "/pos/api/v1/tx/return": 1,
        "/pos/api/v1/terminal-activation/init": 1,
        "/pos/api/v1/seller/refresh": 1
      })
    })
  )

  itEffect(
    "login is safe to repeat: a network failure is retried",
    Effect.gen(function* () {
      let calls = 0
      server.use(
        http.post(url("/pos/api/v1/seller/login"), () => {
          calls += 1
          return calls === 1
            ? HttpResponse.error()
            : HttpResponse.json(
                ok({ authTokens: { accessToken: "a", refreshToken: "r", accessTokenExpiresIn: 300 } })
              )
        })
      )
      const pos = yield* makeClient({
        maxRetries: 2,
        retryBaseDelayMs: 0,
        sessionStore: loggedInStore(),
        terminalActivationId: ACTIVATION_ID
      })
      const fiber = yield* Effect.forkChild(pos.seller.login({ username: "ana", password: "pw" }))
      yield* until(() => calls === 2)
      const result = yield* Fiber.join(fiber)
      expect(result.accessTokenExpiresAt).toBeInstanceOf(Date)
      expect(calls).toBe(2)
    })
  )

  itEffect(
    "a 401 refreshes the token once and repeats the call once; a second 401 is returned",
    Effect.gen(function* () {
      const bearers: Array<string | null> = []
      const refreshTokens: Array<unknown> = []
      let acceptFrom = 2
      server.use(
        http.get(url("/pos/api/v2/qr/active"), ({ request }) => {
          const bearer = request.headers.get("authorization")
          bearers.push(bearer)
          return bearer === `Bearer access-${acceptFrom}`
            ? HttpResponse.json(ok({ codes: [] }))
            : HttpResponse.json({ result: "token_expired", errorMessage: "expired" }, { status: 401 })
        }),
        http.post(url("/pos/api/v1/seller/refresh"), async ({ request }) => {
          const body = (await request.json()) as { refreshToken: string; terminalActivationId: string }
          refreshTokens.push(body)
          const next = refreshTokens.length + 1
          return HttpResponse.json(
            ok({
              authTokens: {
                accessToken: `access-${next}`,
                refreshToken: `refresh-${next}`,
                accessTokenExpiresIn: 300
              }
            })
          )
        })
      )
      const pos = yield* makeClient({ maxRetries: 0 })
      expect(yield* pos.qr.listActive()).toEqual([])
      expect(bearers).toEqual(["Bearer access-1", "Bearer access-2"])
      expect(refreshTokens).toEqual([{ refreshToken: "refresh-1", terminalActivationId: ACTIVATION_ID }])

      // The bank now refuses every token: one refresh, one repeat, then the 401 comes back.
      acceptFrom = 99
      const error = yield* Effect.flip(pos.qr.listActive())
      expect(error).toMatchObject({ _tag: "MiaPosResultError", status: 401, result: "token_expired" })
      expect(bearers.slice(2)).toEqual(["Bearer access-2", "Bearer access-3"])
      expect(refreshTokens).toHaveLength(2)
    })
  )
})

describe("timeouts and aborts", () => {
  const hang = (path: string, method: "get" | "post", counter: { calls: number }) =>
    http[method](url(path), async () => {
      counter.calls += 1
      await delay("infinite")
      return HttpResponse.json(ok())
    })

  it("a request with no answer fails with MiaTransportError(timeout); a POST is not repeated", async () => {
    const counter = { calls: 0 }
    server.use(hang("/pos/api/v1/shift/open", "post", counter))
    const pos = mswClient({ timeoutMs: 100, maxRetries: 2, retryBaseDelayMs: 0 })
    const error = await pos.shift.open().catch((caught) => caught)
    await pos.close()
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error).toMatchObject({ reason: "timeout", operation: "shiftOpen", retryable: true })
    expect(error.message).toContain("reconcile")
    expect(counter.calls).toBe(1)
  })

  it("a GET that times out is tried again; the per-call timeout overrides the client's", async () => {
    const counter = { calls: 0 }
    server.use(hang("/pos/api/v1/settings", "get", counter))
    const pos = mswClient({ timeoutMs: 30_000, maxRetries: 1, retryBaseDelayMs: 0 })
    const error = await pos.settings.get({ timeoutMs: 50 }).catch((caught) => caught)
    await pos.close()
    expect(error).toMatchObject({ _tag: "MiaTransportError", reason: "timeout" })
    expect(error.message).toContain("50 ms")
    expect(counter.calls).toBe(2)
  })

  itEffect(
    "through an effect/http HttpClient the timeout runs on the Effect clock",
    Effect.gen(function* () {
      const counter = { calls: 0 }
      server.use(hang("/pos/api/v1/shift/check", "get", counter))
      const pos = yield* makeMiaPosClientWithHttpClient({
        baseUrl: BASE_URL,
        device: testDevice,
        sessionStore: loggedInStore(),
        timeoutMs: 10_000,
        maxRetries: 0
      }).pipe(Effect.provide(FetchHttpClient.layer))
      const fiber = yield* Effect.forkChild(Effect.flip(pos.shift.check()))
      yield* until(() => counter.calls === 1)
      yield* TestClock.adjust("9999 millis")
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 milli")
      expect(yield* Fiber.join(fiber)).toMatchObject({ _tag: "MiaTransportError", reason: "timeout" })
    })
  )

  it("an AbortSignal rejects the Promise call with MiaTransportError(aborted) and cancels the request", async () => {
    let started = false
    let aborted = false
    server.use(
      http.get(url("/pos/api/v1/shift/check"), async ({ request }) => {
        started = true
        request.signal.addEventListener("abort", () => {
          aborted = true
        })
        await delay("infinite")
        return HttpResponse.json(ok())
      })
    )
    const pos = mswClient({ maxRetries: 2 })
    const controller = new AbortController()
    const pending = pos.shift.check({ signal: controller.signal }).catch((error) => error)
    while (!started) await new Promise((resolve) => setTimeout(resolve, 1))
    controller.abort()
    const error = await pending
    await pos.close()
    expect(error).toBeInstanceOf(MiaTransportError)
    expect(error).toMatchObject({ reason: "aborted", retryable: false })
    expect(aborted).toBe(true)
  })
})
