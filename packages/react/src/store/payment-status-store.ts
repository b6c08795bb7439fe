import type { OrderStatus, OrderView } from "@mia-sdk/core/wire"
import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import { createState } from "../internal/state.js"
import { watch } from "../internal/watch.js"
import type { ReadableStore, Transport } from "./external-store.js"
import { type OrderPhase, orderPhase } from "./order-phase.js"

/**
 * The live status of one order, replaced as a whole on every change. `phase` is `loading` until
 * the first answer, then an {@link OrderPhase}, or `error` when the status can't be followed.
 * @example
 * const { phase, status, order } = store.getSnapshot()
 */
export interface PaymentStatusSnapshot {
  readonly orderId: string
  readonly phase: "loading" | "error" | OrderPhase
  readonly status: OrderStatus | undefined
  readonly order: OrderView | undefined
  readonly transport: Transport | undefined
  /** The last failure; in `error` phase it stopped the updates, otherwise they carry on retrying. */
  readonly error: MiaRequestError | undefined
}

/**
 * Follows an order's status (server-sent events, or polling with backoff) until it is final.
 * @example
 * const store = createPaymentStatusStore({ client, orderId: "1001" })
 * store.subscribe(() => console.log(store.getSnapshot().status))
 * store.start()
 */
export interface PaymentStatusStore extends ReadableStore<PaymentStatusSnapshot> {
  start(): void
  /** Releases every timer, request and connection. `start()` resumes. */
  stop(): void
  /** After `error`: starts following again. */
  retry(): void
}

/**
 * Creates a {@link PaymentStatusStore}; nothing happens until `start()`.
 * @example
 * import { createMiaClient, createPaymentStatusStore } from "@mia-sdk/react"
 * const store = createPaymentStatusStore({ client: createMiaClient({ apiBase: "/api/mia" }), orderId: "1001" })
 * store.start()
 */
export const createPaymentStatusStore = (options: {
  readonly client: MiaClient
  readonly orderId: string
}): PaymentStatusStore => {
  const path = `/orders/${encodeURIComponent(options.orderId)}`
  const state = createState<PaymentStatusSnapshot>({
    orderId: options.orderId,
    phase: "loading",
    status: undefined,
    order: undefined,
    transport: undefined,
    error: undefined
  })
  let unwatch: (() => void) | undefined

  const stop = () => {
    unwatch?.()
    unwatch = undefined
    if (state.get().transport) state.set({ transport: undefined })
  }
  const start = () => {
    const { phase } = state.get()
    if (unwatch || (phase !== "loading" && phase !== "awaiting_payment")) return
    unwatch = watch<OrderView>({
      client: options.client,
      pollPath: path,
      eventsPath: `${path}/events`,
      key: (view) => `${view.status}|${view.updatedAt}`,
      onData: (order) => {
        const phase = orderPhase(order.status)
        state.set({ phase, status: order.status, order, error: undefined })
        if (phase !== "awaiting_payment") stop()
      },
      onTransport: (transport) => state.set({ transport }),
      onError: (error, fatal) => {
        if (fatal) unwatch = undefined
        state.set(fatal ? { phase: "error", error, transport: undefined } : { error })
      }
    })
  }

  return {
    getSnapshot: state.get,
    subscribe: state.subscribe,
    start,
    stop,
    retry() {
      if (state.get().phase !== "error") return
      state.set({ phase: state.get().order ? orderPhase(state.get().order!.status) : "loading" })
      start()
    }
  }
}
