// @vitest-environment node
import { parseAmount } from "@mia-sdk/core/money"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { type ChargeStore, createChargeStore, createMiaClient, type MiaClientOptions } from "../src/index.js"
import { settle, useFakeClock } from "./support/clock.js"
import { createFakePosServer, type FakePosServer } from "./support/fake-pos-server.js"

let server: FakePosServer

const makeStore = (options: Partial<MiaClientOptions> = {}): ChargeStore =>
  createChargeStore({ client: createMiaClient({ apiBase: server.apiBase, fetch: server.fetch, ...options }) })

/** A terminal with a seller logged in and a shift open. */
const openShift = async () => {
  const client = createMiaClient({ apiBase: server.apiBase, fetch: server.fetch })
  await client.request("POST", "/login", { password: "sandbox" })
  await client.request("POST", "/shift/open", {})
  server.requests.length = 0
}

beforeEach(async () => {
  useFakeClock()
  server = createFakePosServer()
  await openShift()
})
afterEach(() => {
  vi.useRealTimers()
})

describe("createChargeStore", () => {
  it("creates a QR for the amount, counts down, polls with backoff and stops when paid", async () => {
    const store = makeStore()
    const pending = store.create(149.9)
    expect(store.getSnapshot().phase).toBe("creating")
    const charge = await pending
    expect(charge?.chargeId).toBe("qr-1")
    expect(server.posts("/charges")[0]?.body).toEqual({ amount: 149.9 })
    expect(store.getSnapshot()).toMatchObject({
      phase: "awaiting_payment",
      qrUrl: "https://sandbox.mia-sdk.local/pos/qr/1",
      secondsLeft: 300,
      charge: { amount: 149.9, state: "active" }
    })
    await vi.advanceTimersByTimeAsync(1000 + 1000 + 1500)
    expect(server.polls("qr-1").map((r) => r.at - Date.parse("2026-11-21T12:00:00.000Z"))).toEqual([
      1000, 2000, 3500
    ])
    expect(store.getSnapshot().secondsLeft).toBe(297)

    server.setState("qr-1", "paid")
    await vi.advanceTimersByTimeAsync(2250)
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", qrUrl: undefined, charge: { state: "paid" } })
    expect(vi.getTimerCount()).toBe(0)
  })

  it("expires with the QR, unless a last-second payment landed", async () => {
    const store = makeStore({ polling: { initialMs: 60_000, maxMs: 60_000 } })
    await store.create(10)
    await vi.advanceTimersByTimeAsync(300_000)
    expect(store.getSnapshot()).toMatchObject({ phase: "expired", secondsLeft: 0, qrUrl: undefined })
    expect(vi.getTimerCount()).toBe(0)

    store.reset()
    await store.create(20)
    await vi.advanceTimersByTimeAsync(299_000)
    server.setState("qr-2", "paid")
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot().phase).toBe("paid")
  })

  it("cancel() cancels the QR at the bank", async () => {
    const store = makeStore()
    await store.create(10)
    const cancelled = await store.cancel()
    expect(cancelled?.state).toBe("cancelled")
    expect(store.getSnapshot()).toMatchObject({ phase: "cancelled", qrUrl: undefined })
    expect(server.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual(["/charges/qr-1"])
    expect(vi.getTimerCount()).toBe(0)
  })

  it("a cancel that loses the race to a payment keeps polling and then shows paid", async () => {
    const store = makeStore()
    await store.create(10)
    server.setState("qr-1", "paid")
    expect(await store.cancel()).toBeUndefined()
    expect(store.getSnapshot()).toMatchObject({ phase: "awaiting_payment", error: { status: 409 } })
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot()).toMatchObject({ phase: "paid", error: undefined })
  })

  it.each([
    [0, "amount must be greater than 0, got 0."],
    [-5, "amount must be greater than 0, got -5."],
    [100_000.01, "amount must be at most 100000 MDL, got 100000.01."],
    [1.234, "amount must have at most 2 decimals (whole bani), got 1.234."],
    [Number.NaN, "amount must be a finite number, got NaN."]
  ])("refuses %s before any request: %s", async (amount, message) => {
    const store = makeStore()
    expect(await store.create(amount)).toBeUndefined()
    expect(store.getSnapshot()).toMatchObject({ phase: "error", error: { code: "validation", message } })
    expect(server.requests).toEqual([])
  })

  it.each([0.1 + 0.2, 99999.995, 100_000.01, 0, -5])(
    "refuses %s like core's parseAmount, the rule the server's client applies",
    async (amount) => {
      const parsed = parseAmount(amount, { from: ["number"] })
      expect(parsed.ok).toBe(false)
      const store = makeStore()
      expect(await store.create(amount)).toBeUndefined()
      expect(store.getSnapshot().error?.message).toBe(parsed.ok ? undefined : parsed.message)
      expect(server.requests).toEqual([])
    }
  )

  it.each([150.25, 100_000])("accepts %s, as core's parseAmount does", async (amount) => {
    expect(parseAmount(amount).ok).toBe(true)
    const store = makeStore()
    await store.create(amount)
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
    expect(server.posts("/charges").map((r) => r.body)).toEqual([{ amount }])
  })

  it("accepts amounts whose binary form is inexact, like 0.07 and 100000", async () => {
    const store = makeStore()
    await store.create(0.07)
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
    await store.cancel()
    store.reset()
    await store.create(100_000)
    expect(server.posts("/charges").map((r) => r.body)).toEqual([{ amount: 0.07 }, { amount: 100_000 }])
  })

  it("one charge at a time: create and reset are ignored while the QR can be paid", async () => {
    const store = makeStore()
    await store.create(10)
    expect(await store.create(20)).toBeUndefined()
    store.reset()
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
    expect(server.posts("/charges")).toHaveLength(1)
  })

  it("shows the server's refusal and can start over", async () => {
    server.fail(409, "shift_closed", "Open a shift before charging")
    const store = makeStore()
    await store.create(10)
    expect(store.getSnapshot()).toMatchObject({
      phase: "error",
      error: { status: 409, code: "shift_closed", message: "Open a shift before charging" }
    })
    await store.create(10)
    expect(store.getSnapshot().phase).toBe("awaiting_payment")
  })

  it("a charge the server no longer knows ends in error", async () => {
    const store = makeStore()
    await store.create(10)
    server.charges.delete("qr-1")
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.getSnapshot()).toMatchObject({ phase: "error", error: { status: 404 } })
    expect(vi.getTimerCount()).toBe(0)
  })

  it("stop() leaves nothing running and start() resumes polling", async () => {
    const store = makeStore()
    await store.create(10)
    store.stop()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(5000)
    expect(server.polls("qr-1")).toHaveLength(0)
    store.start()
    expect(store.getSnapshot().secondsLeft).toBe(295)
    server.setState("qr-1", "paid")
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(store.getSnapshot().phase).toBe("paid")
  })
})
