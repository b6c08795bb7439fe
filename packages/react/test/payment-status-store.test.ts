// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { createMiaClient, createPaymentStatusStore, type MiaClientOptions } from "../src/index.js"
import { settle, useFakeClock } from "./support/clock.js"
import { createFakeServer, type FakeServer } from "./support/fake-server.js"

let server: FakeServer

const start = async (options: Partial<MiaClientOptions> = {}, orderId = "1001") => {
  const client = createMiaClient({
    apiBase: server.apiBase,
    fetch: server.fetch,
    EventSource: server.EventSource,
    ...options
  })
  const store = createPaymentStatusStore({ client, orderId })
  expect(store.getSnapshot().phase).toBe("loading")
  store.start()
  await settle()
  return store
}

beforeEach(() => {
  useFakeClock()
  server = createFakeServer()
  server.addOrder("1001")
})
afterEach(() => {
  vi.useRealTimers()
})

describe("createPaymentStatusStore", () => {
  it("takes the first event as the current state and stops at a final status", async () => {
    const store = await start()
    expect(store.getSnapshot()).toMatchObject({
      phase: "awaiting_payment",
      status: "pending",
      transport: "sse"
    })
    expect(server.requests).toEqual([])
    server.setStatus("1001", "processing")
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", status: "processing", transport: undefined })
    expect(store.getSnapshot().order?.paidAmount).toBe(150.25)
    expect(server.openSources()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("asks at once when polling, then backs off", async () => {
    const store = await start({ EventSource: null })
    await vi.advanceTimersByTimeAsync(1)
    expect(store.getSnapshot()).toMatchObject({ phase: "awaiting_payment", transport: "polling" })
    expect(server.gets("1001")).toHaveLength(1)
    server.setStatus("1001", "refunded")
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot().phase).toBe("refunded")
    expect(vi.getTimerCount()).toBe(0)
  })

  it("an order that is already final never opens anything after its first answer", async () => {
    server.setStatus("1001", "cancelled")
    const store = await start()
    expect(store.getSnapshot().phase).toBe("cancelled")
    expect(server.openSources()).toEqual([])
    store.start()
    expect(server.sources).toHaveLength(1)
  })

  it("a missing order ends in error; retry follows again", async () => {
    const store = await start({ EventSource: null }, "42")
    await vi.advanceTimersByTimeAsync(1)
    expect(store.getSnapshot()).toMatchObject({ phase: "error", error: { status: 404, code: "not_found" } })
    expect(vi.getTimerCount()).toBe(0)
    server.addOrder("42")
    store.retry()
    expect(store.getSnapshot().phase).toBe("loading")
    await vi.advanceTimersByTimeAsync(1)
    expect(store.getSnapshot()).toMatchObject({ phase: "awaiting_payment", error: undefined })
  })

  it("stop() leaves no timer, request or stream behind", async () => {
    const store = await start()
    store.stop()
    expect(server.openSources()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
    const polling = await start({ EventSource: null })
    server.latencyMs = 500
    await vi.advanceTimersByTimeAsync(1)
    expect(vi.getTimerCount()).toBe(1)
    polling.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})
