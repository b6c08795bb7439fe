import { MiaOrderError } from "../errors.js"
import type { Order } from "../order.js"
import type { OrderStore } from "../store/order-store.js"

/**
 * Options of {@link watchOrder}.
 *
 * @example
 * const controller = new AbortController()
 * const options: WatchOrderOptions = { signal: controller.signal }
 */
export interface WatchOrderOptions {
  /** Ends the iteration (the browser went away). */
  readonly signal?: AbortSignal | undefined
}

/**
 * An order's changes as an async iterator: the current state first, then each committed change,
 * in version order, never the same version twice. It subscribes before reading the order, so no
 * change can fall between the two. Ends when `signal` aborts or the loop breaks; fails with
 * `order_not_found` for an unknown order.
 *
 * @example
 * import { watchOrder } from "@mia-sdk/webhooks"
 *
 * for await (const order of watchOrder(store, "1001", { signal })) {
 *   console.log(order.status)
 *   if (order.status !== "pending") break
 * }
 */
export async function* watchOrder(
  store: OrderStore,
  orderId: string,
  options: WatchOrderOptions = {}
): AsyncGenerator<Order, void, undefined> {
  const queue: Array<Order> = []
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const unsubscribe = store.events.subscribe(orderId, (change) => {
    queue.push(change.order)
    notify()
  })
  const signal = options.signal
  signal?.addEventListener("abort", notify, { once: true })
  try {
    const order = await store.getOrder(orderId)
    if (order === undefined)
      throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
    let lastVersion = order.version
    yield order
    while (signal?.aborted !== true) {
      const next = queue.shift()
      if (next === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        continue
      }
      if (next.version <= lastVersion) continue
      lastVersion = next.version
      yield next
    }
  } finally {
    unsubscribe()
    signal?.removeEventListener("abort", notify)
  }
}
