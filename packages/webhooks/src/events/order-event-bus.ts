import type { Order, OrderTransition } from "../order.js"

/**
 * One change of one order, published after the store committed it.
 *
 * @example
 * const onChange = (change: OrderChange) => console.log(change.orderId, change.transition.to)
 */
export interface OrderChange {
  readonly orderId: string
  readonly order: Order
  readonly transition: OrderTransition
}

/**
 * A listener of {@link OrderEventBus}. Its errors are reported, never thrown into the store.
 *
 * @example
 * const listener: OrderChangeListener = (change) => sendToBrowser(change.order)
 */
export type OrderChangeListener = (change: OrderChange) => void

/**
 * In-process publish/subscribe of order changes: the Express SSE route subscribes to one order,
 * an audit log to all of them. Listeners run synchronously in publish order.
 *
 * @example
 * const unsubscribe = store.events.subscribe("1001", (change) => console.log(change.order.status))
 * // later, when the browser disconnects:
 * unsubscribe()
 */
export interface OrderEventBus {
  publish(change: OrderChange): void
  /** Listens to one order. Returns the function that stops listening; calling it twice is harmless. */
  subscribe(orderId: string, listener: OrderChangeListener): () => void
  /** Listens to every order. */
  subscribeAll(listener: OrderChangeListener): () => void
  /** How many listeners are attached (to `orderId`, or in total): for leak checks and metrics. */
  listenerCount(orderId?: string): number
  /** The orders somebody listens to: after a lost connection the store re-sends their state. */
  subscribedOrderIds?(): ReadonlyArray<string>
}

/**
 * Options of {@link createOrderEventBus}.
 *
 * @example
 * const options: OrderEventBusOptions = { onListenerError: (error) => console.error(error) }
 */
export interface OrderEventBusOptions {
  /** Called when a listener throws; the other listeners still run. Defaults to `console.error`. */
  readonly onListenerError?: ((error: unknown, change: OrderChange) => void) | undefined
}

/**
 * Creates an in-memory {@link OrderEventBus}. Every store has one (`store.events`); pass your own
 * to share one bus between stores.
 *
 * @example
 * import { createOrderEventBus, createMemoryOrderStore } from "@mia-sdk/webhooks"
 *
 * const events = createOrderEventBus()
 * const store = createMemoryOrderStore({ events })
 * events.subscribeAll((change) => console.log(change.orderId, change.transition.reason))
 */
export const createOrderEventBus = (options: OrderEventBusOptions = {}): OrderEventBus => {
  const byOrder = new Map<string, Set<OrderChangeListener>>()
  const everyOrder = new Set<OrderChangeListener>()
  const report =
    options.onListenerError ??
    ((error: unknown) => console.error("[@mia-sdk/webhooks] an order change listener threw", error))

  const run = (listeners: Iterable<OrderChangeListener>, change: OrderChange) => {
    // A copy, so a listener that unsubscribes itself does not skip its neighbour.
    for (const listener of [...listeners]) {
      try {
        listener(change)
      } catch (error) {
        report(error, change)
      }
    }
  }

  return {
    publish(change) {
      const listeners = byOrder.get(change.orderId)
      if (listeners !== undefined) run(listeners, change)
      run(everyOrder, change)
    },
    subscribe(orderId, listener) {
      // A wrapper per subscription, so one function subscribed twice is two subscriptions.
      const entry: OrderChangeListener = (change) => listener(change)
      let listeners = byOrder.get(orderId)
      if (listeners === undefined) {
        listeners = new Set()
        byOrder.set(orderId, listeners)
      }
      listeners.add(entry)
      return () => {
        const current = byOrder.get(orderId)
        if (current === undefined) return
        current.delete(entry)
        if (current.size === 0) byOrder.delete(orderId)
      }
    },
    subscribeAll(listener) {
      const entry: OrderChangeListener = (change) => listener(change)
      everyOrder.add(entry)
      return () => {
        everyOrder.delete(entry)
      }
    },
    subscribedOrderIds() {
      return [...byOrder.keys()]
    },
    listenerCount(orderId) {
      if (orderId !== undefined) return byOrder.get(orderId)?.size ?? 0
      let total = everyOrder.size
      for (const listeners of byOrder.values()) total += listeners.size
      return total
    }
  }
}
