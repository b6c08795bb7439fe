import { describe, expect, it, vi } from "vitest"
import { createOrderEventBus, type OrderChange } from "../src/index.js"

const change = (orderId: string): OrderChange =>
  ({
    orderId,
    order: { orderId } as OrderChange["order"],
    transition: {
      at: "",
      from: "pending",
      to: "processing",
      code: "payment_received",
      reason: "",
      actor: "t"
    }
  }) satisfies OrderChange

describe("order event bus", () => {
  it("delivers to the order's listeners and to global ones, and stops after unsubscribe", () => {
    const bus = createOrderEventBus()
    const mine: Array<string> = []
    const all: Array<string> = []
    const stop = bus.subscribe("a", (c) => mine.push(c.orderId))
    bus.subscribeAll((c) => all.push(c.orderId))
    bus.publish(change("a"))
    bus.publish(change("b"))
    stop()
    stop()
    bus.publish(change("a"))
    expect(mine).toEqual(["a"])
    expect(all).toEqual(["a", "b", "a"])
    expect(bus.listenerCount("a")).toBe(0)
    expect(bus.listenerCount()).toBe(1)
  })

  it("keeps delivering when a listener throws, and reports the error", () => {
    const onListenerError = vi.fn()
    const bus = createOrderEventBus({ onListenerError })
    const seen: Array<string> = []
    bus.subscribe("a", () => {
      throw new Error("boom")
    })
    bus.subscribe("a", (c) => seen.push(c.orderId))
    bus.publish(change("a"))
    expect(seen).toEqual(["a"])
    expect(onListenerError).toHaveBeenCalledOnce()
  })

  it("counts the same function subscribed twice as two subscriptions", () => {
    const bus = createOrderEventBus()
    const listener = vi.fn()
    const first = bus.subscribe("a", listener)
    bus.subscribe("a", listener)
    first()
    bus.publish(change("a"))
    expect(listener).toHaveBeenCalledOnce()
    expect(bus.listenerCount("a")).toBe(1)
  })
})
