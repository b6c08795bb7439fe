// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { createCheckoutStore, createMiaClient, type MiaClientOptions } from "../src/index.js"
import { settle, useFakeClock } from "./support/clock.js"
import { createFakeServer, type FakeServer } from "./support/fake-server.js"

let server: FakeServer

const start = async (options: Partial<MiaClientOptions> = {}) => {
  const client = createMiaClient({
    apiBase: server.apiBase,
    fetch: server.fetch,
    EventSource: server.EventSource,
    ...options
  })
  const store = createCheckoutStore({ client, orderId: "1001" })
  store.start()
  await settle()
  return store
}

/** Milliseconds between consecutive status polls. */
const pollGaps = () => {
  const times = server.gets("1001").map((r) => r.at)
  return times.slice(1).map((at, i) => at - times[i]!)
}

beforeEach(() => {
  useFakeClock()
  server = createFakeServer()
  server.addOrder("1001")
})
afterEach(() => {
  vi.useRealTimers()
})

describe("polling when server-sent events are unavailable", () => {
  it("polls with backoff when there is no EventSource, and stops at a final status", async () => {
    const store = await start({ EventSource: null })
    expect(store.getSnapshot().transport).toBe("polling")
    expect(server.gets("1001")).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1000 + 1000 + 1500 + 2250 + 3375)
    expect(pollGaps()).toEqual([1000, 1500, 2250, 3375])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(pollGaps().slice(-3)).toEqual([10_000, 10_000, 10_000])

    server.setStatus("1001", "processing")
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", transport: undefined })
    const polls = server.gets("1001").length
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.gets("1001")).toHaveLength(polls)
    expect(vi.getTimerCount()).toBe(0)
  })

  it("uses the provider's polling options and starts over after a change", async () => {
    const store = await start({ EventSource: null, polling: { initialMs: 100, factor: 2, maxMs: 1000 } })
    await vi.advanceTimersByTimeAsync(100 + 100 + 200 + 400)
    expect(pollGaps()).toEqual([100, 200, 400])
    server.setStatus("1001", "on-hold")
    await vi.advanceTimersByTimeAsync(800)
    expect(store.getSnapshot().phase).toBe("paid")
  })

  it("falls back to polling at once when the stream is refused", async () => {
    server.streamMode = "refuse"
    const store = await start()
    expect(store.getSnapshot().transport).toBe("polling")
    expect(server.sources[0]?.closed).toBe(true)
    expect(server.gets("1001")).toHaveLength(1)
    server.setStatus("1001", "processing")
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot().phase).toBe("paid")
  })

  it("falls back at once when the stream errors before its first event, even if the browser would retry", async () => {
    server.streamMode = "silent"
    const store = await start()
    server.sources[0]!.fail(0)
    expect(store.getSnapshot().transport).toBe("polling")
    expect(server.sources[0]?.closed).toBe(true)
  })

  it("falls back when the stream stays silent (a buffering proxy)", async () => {
    server.streamMode = "silent"
    const store = await start({ sseTimeoutMs: 3000 })
    expect(store.getSnapshot().transport).toBe("sse")
    await vi.advanceTimersByTimeAsync(2999)
    expect(server.gets("1001")).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(store.getSnapshot().transport).toBe("polling")
    expect(server.sources[0]?.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.gets("1001")).toHaveLength(1)
  })

  it("lets the browser reconnect a stream that worked, then gives up after repeated failures", async () => {
    const store = await start()
    const source = server.sources[0]!
    source.fail(0)
    source.fail(0)
    expect(store.getSnapshot().transport).toBe("sse")
    source.send(server.orders.get("1001")!.view)
    source.fail(0)
    source.fail(0)
    expect(store.getSnapshot().transport).toBe("sse")
    source.fail(0)
    expect(store.getSnapshot().transport).toBe("polling")
    expect(source.closed).toBe(true)
  })

  it("a stream closed for good falls back even after it worked", async () => {
    const store = await start()
    server.sources[0]!.fail(2)
    expect(store.getSnapshot().transport).toBe("polling")
    await settle()
    expect(server.gets("1001")).toHaveLength(1)
  })

  it("an event that isn't JSON falls back to polling", async () => {
    const store = await start()
    server.sources[0]!.dispatch("status", "not json")
    expect(store.getSnapshot().transport).toBe("polling")
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
  })

  it("opens the stream withCredentials when credentials are included", async () => {
    await start({ credentials: "include" })
    expect(server.sources[0]?.init).toEqual({ withCredentials: true })
  })
})

describe("errors while following", () => {
  it("keeps polling through transient failures, honouring Retry-After, and clears the error", async () => {
    const store = await start({ EventSource: null })
    server.fail({ status: 503, retryAfter: 7 }, { status: 502, body: "Bad gateway" })
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot()).toMatchObject({
      phase: "awaiting_payment",
      transport: "polling",
      error: { status: 503, retryable: true, retryAfterMs: 7000 }
    })
    await vi.advanceTimersByTimeAsync(7000)
    expect(store.getSnapshot().error).toMatchObject({ status: 502, code: "http_502" })
    await vi.advanceTimersByTimeAsync(2250)
    expect(pollGaps()).toEqual([7000, 2250])
    expect(store.getSnapshot().error).toBeUndefined()
  })

  it("network failures are retried too", async () => {
    const store = await start({ EventSource: null })
    server.offline = true
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot().error?.code).toBe("network")
    server.offline = false
    server.setStatus("1001", "processing")
    await vi.advanceTimersByTimeAsync(1500)
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", error: undefined })
  })

  it("a non-retryable failure ends in the error phase with nothing left running", async () => {
    const store = await start({ EventSource: null })
    server.fail({
      status: 401,
      body: JSON.stringify({ type: "about:blank", title: "Sign in again", status: 401, code: "unauthorized" })
    })
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot()).toMatchObject({
      phase: "error",
      transport: undefined,
      error: { status: 401, code: "unauthorized", retryable: false, message: "Sign in again" }
    })
    expect(vi.getTimerCount()).toBe(0)
  })
})
