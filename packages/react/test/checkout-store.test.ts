// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import {
  type CheckoutSnapshot,
  createCheckoutStore,
  createMiaClient,
  type MiaClientOptions
} from "../src/index.js"
import { createFakeServer, type FakeServer } from "./support/fake-server.js"
import { settle, useFakeClock } from "./support/clock.js"

let server: FakeServer

const start = (options: Partial<MiaClientOptions> = {}, orderId = "1001") => {
  const client = createMiaClient({
    apiBase: server.apiBase,
    fetch: server.fetch,
    EventSource: server.EventSource,
    ...options
  })
  const store = createCheckoutStore({ client, orderId })
  const phases: Array<CheckoutSnapshot["phase"]> = []
  store.subscribe(() => {
    const { phase } = store.getSnapshot()
    if (phases.at(-1) !== phase) phases.push(phase)
  })
  store.start()
  return { store, phases }
}

beforeEach(() => {
  useFakeClock()
  server = createFakeServer()
  server.addOrder("1001")
})
afterEach(() => {
  vi.useRealTimers()
})

describe("createCheckoutStore", () => {
  it("does nothing before start()", async () => {
    const client = createMiaClient({
      apiBase: server.apiBase,
      fetch: server.fetch,
      EventSource: server.EventSource
    })
    const store = createCheckoutStore({ client, orderId: "1001" })
    await settle()
    expect(store.getSnapshot().phase).toBe("idle")
    expect(server.requests).toEqual([])
  })

  it("creates the QR, follows the stream and stops at paid", async () => {
    const { store, phases } = start()
    expect(store.getSnapshot().phase).toBe("creating")
    await settle()
    const snapshot = store.getSnapshot()
    expect(snapshot).toMatchObject({
      phase: "awaiting_payment",
      status: "pending",
      qrUrl: "https://mia-qr.bnm.md/1/m/BNM/AGR1",
      secondsLeft: 900,
      transport: "sse",
      error: undefined
    })
    expect(snapshot.expiresAt?.toISOString()).toBe("2026-11-21T12:15:00.000Z")
    expect(snapshot.session?.reused).toBe(false)
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /orders/1001/checkout"])
    expect(server.openSources().map((s) => s.url)).toEqual(["/api/mia/orders/1001/events"])

    server.setStatus("1001", "processing")
    expect(store.getSnapshot()).toMatchObject({
      phase: "paid",
      status: "processing",
      qrUrl: undefined,
      secondsLeft: undefined,
      transport: undefined
    })
    expect(store.getSnapshot().order?.paidAmount).toBe(150.25)
    expect(phases).toEqual(["creating", "awaiting_payment", "paid"])
    expect(server.openSources()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("stays awaiting payment on non-final updates and maps every final status", async () => {
    const { store } = start()
    await settle()
    server.setStatus("1001", "pending")
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
    server.setStatus("1001", "cancelled")
    expect(store.getSnapshot()).toMatchObject({ phase: "cancelled", status: "cancelled" })

    for (const [status, phase] of [
      ["on-hold", "paid"],
      ["completed", "paid"],
      ["failed", "cancelled"],
      ["refunded", "refunded"]
    ] as const) {
      server.addOrder(status)
      const other = start({}, status)
      await settle()
      server.setStatus(status, status)
      expect(other.store.getSnapshot().phase).toBe(phase)
    }
    expect(vi.getTimerCount()).toBe(0)
  })

  it("counts down once a second and expires at the QR's expiry", async () => {
    const { store, phases } = start()
    await settle()
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot().secondsLeft).toBe(899)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(store.getSnapshot().secondsLeft).toBe(839)
    await vi.advanceTimersByTimeAsync(838_999)
    expect(store.getSnapshot()).toMatchObject({ phase: "awaiting_payment", secondsLeft: 1 })
    await vi.advanceTimersByTimeAsync(1)
    expect(store.getSnapshot()).toMatchObject({
      phase: "expired",
      secondsLeft: 0,
      qrUrl: undefined,
      transport: undefined
    })
    expect(phases).toEqual(["creating", "awaiting_payment", "expired"])
    // One status read, then a safety poll every 45 s while the stream was up (20 in 15 minutes).
    expect(server.gets("1001")).toHaveLength(21)
    expect(server.openSources()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("a safety poll beside a healthy stream catches an event the stream missed", async () => {
    const { store } = start()
    await settle()
    expect(store.getSnapshot().transport).toBe("sse")
    server.setStatus("1001", "processing", false)
    await vi.advanceTimersByTimeAsync(44_000)
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
    await vi.advanceTimersByTimeAsync(1_000)
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", transport: undefined })
  })

  it("retry after expiry creates a fresh QR and listens again", async () => {
    const { store } = start()
    await settle()
    await vi.advanceTimersByTimeAsync(900_000)
    expect(store.getSnapshot().phase).toBe("expired")

    store.retry()
    expect(store.getSnapshot().phase).toBe("creating")
    await settle()
    expect(store.getSnapshot()).toMatchObject({
      phase: "awaiting_payment",
      qrUrl: "https://mia-qr.bnm.md/1/m/BNM/AGR2",
      secondsLeft: 900,
      transport: "sse"
    })
    expect(store.getSnapshot().session?.qrId).toBe("qr-2")
    server.setStatus("1001", "processing")
    expect(store.getSnapshot().phase).toBe("paid")
  })

  it("a payment that lands in the last second wins over expiry", async () => {
    const { store } = start()
    await settle()
    await vi.advanceTimersByTimeAsync(899_500)
    server.setStatus("1001", "processing", false)
    await vi.advanceTimersByTimeAsync(500)
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", status: "processing" })
  })

  it("a QR that arrives already expired opens no stream", async () => {
    server = createFakeServer({ ttlMs: 0 })
    server.addOrder("1001")
    const { store } = start()
    await settle()
    expect(store.getSnapshot()).toMatchObject({ phase: "expired", secondsLeft: 0 })
    expect(server.sources).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("follows the server's clock when the browser's is off", async () => {
    server.clockOffsetMs = 5 * 60_000
    const { store } = start()
    await settle()
    expect(store.getSnapshot().secondsLeft).toBe(900)
    await vi.advanceTimersByTimeAsync(900_000)
    expect(store.getSnapshot().phase).toBe("expired")
  })

  it("an order that is already paid settles without a countdown or a stream", async () => {
    server.setStatus("1001", "processing")
    const { store } = start()
    await settle()
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", status: "processing", qrUrl: undefined })
    expect(server.sources).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("reports a problem from the server and recovers on retry", async () => {
    server.fail({
      status: 422,
      body: JSON.stringify({
        type: "https://mia-sdk.dev/problems/validation",
        title: "Invalid request",
        status: 422,
        detail: "amount must be greater than 0",
        code: "validation",
        retryable: false
      })
    })
    const { store } = start()
    await settle()
    const { phase, error } = store.getSnapshot()
    expect(phase).toBe("error")
    expect(error).toMatchObject({
      name: "MiaRequestError",
      status: 422,
      code: "validation",
      retryable: false,
      message: "amount must be greater than 0"
    })
    expect(error?.problem?.title).toBe("Invalid request")
    expect(vi.getTimerCount()).toBe(0)

    store.retry()
    await settle()
    expect(store.getSnapshot()).toMatchObject({ phase: "awaiting_payment", error: undefined })
  })

  it("reports the network being down as a retryable network error", async () => {
    server.offline = true
    const { store } = start()
    await settle()
    expect(store.getSnapshot().error).toMatchObject({ status: 0, code: "network", retryable: true })
    expect(store.getSnapshot().error?.message).toContain("POST /api/mia/orders/1001/checkout got no answer")
  })

  it("rejects an answer that is not a checkout session", async () => {
    const client = createMiaClient({
      apiBase: "/api/mia",
      fetch: async () => new Response("<html>shop</html>", { status: 200 }),
      EventSource: null
    })
    const store = createCheckoutStore({ client, orderId: "1001" })
    store.start()
    await settle()
    expect(store.getSnapshot()).toMatchObject({ phase: "error", error: { code: "bad_response" } })

    const wrong = createCheckoutStore({
      client: createMiaClient({ apiBase: "/api/mia", fetch: async () => Response.json({ hello: 1 }) }),
      orderId: "1001"
    })
    wrong.start()
    await settle()
    expect(wrong.getSnapshot().error?.message).toContain("no QR url")
  })

  it("a missing order is a clear not_found error", async () => {
    const { store } = start({}, "404")
    await settle()
    expect(store.getSnapshot()).toMatchObject({
      phase: "error",
      error: { status: 404, code: "not_found", message: "Order 404 does not exist" }
    })
  })

  it("stop() aborts the request in flight and start() begins again", async () => {
    server.latencyMs = 200
    const { store } = start()
    expect(vi.getTimerCount()).toBe(1)
    store.stop()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot().phase).toBe("creating")

    store.start()
    await vi.advanceTimersByTimeAsync(200)
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
  })

  it("stop() while awaiting payment closes the stream and the countdown; start() resumes them", async () => {
    const { store } = start()
    await settle()
    store.stop()
    expect(server.openSources()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
    expect(store.getSnapshot().transport).toBeUndefined()

    await vi.advanceTimersByTimeAsync(10_000)
    store.start()
    await settle()
    expect(store.getSnapshot()).toMatchObject({
      phase: "awaiting_payment",
      secondsLeft: 890,
      transport: "sse"
    })
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1)
  })
})
