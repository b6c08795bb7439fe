import type { CheckoutSession, OrderStatus, OrderView } from "@mia-sdk/core/wire"
import type { MiaClient } from "../client/create-client.js"
import { MiaRequestError } from "../client/mia-request-error.js"
import { countdown } from "../internal/countdown.js"
import { createState } from "../internal/state.js"
import { toError } from "../internal/to-error.js"
import { watch } from "../internal/watch.js"
import type { ReadableStore, Transport } from "./external-store.js"
import { type OrderPhase, orderPhase } from "./order-phase.js"

/**
 * Where a checkout stands: `idle` before `start()`, `creating` while the QR is requested,
 * `awaiting_payment` while the QR can be paid, `expired` when it ran out unpaid (call `retry()`),
 * a final {@link OrderPhase} (`paid`, `cancelled`, `refunded`), or `error` (see `error`, call `retry()`).
 * @example
 * const label: Record<CheckoutPhase, string> = { idle: "", creating: "Preparing…", awaiting_payment: "Scan to pay",
 *   expired: "QR expired", paid: "Paid", cancelled: "Cancelled", refunded: "Refunded", error: "Something went wrong" }
 */
export type CheckoutPhase = "idle" | "creating" | "expired" | "error" | OrderPhase

/**
 * Everything a checkout screen shows, replaced as a whole on every change.
 * @example
 * const { phase, qrUrl, secondsLeft } = store.getSnapshot()
 */
export interface CheckoutSnapshot {
  readonly orderId: string
  readonly phase: CheckoutPhase
  /** The order's status as the server last reported it. */
  readonly status: OrderStatus | undefined
  /** The QR the shopper scans (the last one created or reused). */
  readonly session: CheckoutSession | undefined
  /** The order as the server last reported it. */
  readonly order: OrderView | undefined
  /** The MIA link to render with `<MiaQrCode value={qrUrl} />`; unset when not payable. */
  readonly qrUrl: string | undefined
  readonly expiresAt: Date | undefined
  /** Whole seconds until the QR expires (server clock), ticking once a second; 0 when expired. */
  readonly secondsLeft: number | undefined
  /** How live updates arrive now (`sse` or `polling`); unset when not listening. */
  readonly transport: Transport | undefined
  /** The last failure. In `error` phase it stopped the checkout; otherwise updates carry on retrying. */
  readonly error: MiaRequestError | undefined
}

/**
 * A framework-free checkout state machine: creates or reuses the order's QR through the
 * `miaCheckout` router, counts down to expiry, follows the status live and stops at a final status.
 * @example
 * const store = createCheckoutStore({ client: createMiaClient({ apiBase: "/api/mia" }), orderId: "1001" })
 * store.subscribe(() => console.log(store.getSnapshot().phase))
 * store.start()
 */
export interface CheckoutStore extends ReadableStore<CheckoutSnapshot> {
  /** Requests the QR (reused by the server while it has time left) and starts listening. */
  start(): void
  /** Releases every timer, request and connection. `start()` resumes. */
  stop(): void
  /** After `expired` or `error`: requests a fresh QR. */
  retry(): void
}

/**
 * Options of {@link createCheckoutStore}.
 * @example
 * const options: CheckoutStoreOptions = { client, orderId: "1001" }
 */
export interface CheckoutStoreOptions {
  readonly client: MiaClient
  readonly orderId: string
  /** The current time in epoch ms (defaults to `Date.now`). */
  readonly now?: (() => number) | undefined
}

/** Clock differences below this are noise from the `Date` header's one-second resolution. */
const SKEW_THRESHOLD_MS = 1500

/**
 * Creates a {@link CheckoutStore}. Nothing happens until `start()`.
 * @example
 * import { createCheckoutStore, createMiaClient } from "@mia-sdk/react"
 * const store = createCheckoutStore({ client: createMiaClient({ apiBase: "/api/mia" }), orderId: "1001" })
 * store.start()
 */
export const createCheckoutStore = ({
  client,
  orderId,
  now = Date.now
}: CheckoutStoreOptions): CheckoutStore => {
  const path = `/orders/${encodeURIComponent(orderId)}`
  const state = createState<CheckoutSnapshot>({
    orderId,
    phase: "idle",
    status: undefined,
    session: undefined,
    order: undefined,
    qrUrl: undefined,
    expiresAt: undefined,
    secondsLeft: undefined,
    transport: undefined,
    error: undefined
  })
  /** Server time minus browser time, so the countdown follows the server's clock. */
  let skew = 0
  let running = false
  let stopCountdown: (() => void) | undefined
  let controller: AbortController | undefined
  let unwatch: (() => void) | undefined

  const release = () => {
    stopCountdown?.()
    stopCountdown = undefined
    controller?.abort()
    controller = undefined
    unwatch?.()
    unwatch = undefined
  }

  const settle = (status: OrderStatus, view?: OrderView) => {
    const phase = orderPhase(status)
    const order = view ?? state.get().order
    if (phase !== "awaiting_payment") {
      release()
      state.set({ phase, status, order, qrUrl: undefined, secondsLeft: undefined, transport: undefined })
    } else state.set({ status, order })
  }

  /** A payment made in the last second may still be on its way: ask once more before giving up. */
  const expire = async () => {
    release()
    state.set({ transport: undefined })
    controller = new AbortController()
    try {
      const { body } = await client.request<OrderView>("GET", path, undefined, controller.signal)
      if (!running) return
      if (orderPhase(body.status) !== "awaiting_payment") return settle(body.status, body)
      state.set({ order: body, status: body.status })
    } catch {
      if (!running) return
    }
    state.set({ phase: "expired", qrUrl: undefined })
  }

  /** Counts down to the QR's expiry and follows the order's status until either ends. */
  const follow = () => {
    stopCountdown = countdown(
      state.get().expiresAt!.getTime(),
      () => now() + skew,
      (secondsLeft) => state.set({ secondsLeft }),
      () => void expire()
    )
    if (state.get().secondsLeft === 0) return
    unwatch = watch<OrderView>({
      client,
      pollPath: path,
      eventsPath: `${path}/events`,
      firstPollMs: client.options.polling?.initialMs ?? 1000,
      key: (view) => `${view.status}|${view.updatedAt}`,
      onData: (view) => {
        state.set({ error: undefined })
        settle(view.status, view)
      },
      onTransport: (transport) => state.set({ transport }),
      onError: (error, fatal) => {
        if (fatal) release()
        state.set(fatal ? { phase: "error", error, transport: undefined } : { error })
      }
    })
  }

  const create = async () => {
    release()
    state.set({ phase: "creating", error: undefined })
    controller = new AbortController()
    try {
      const sent = now()
      const { body, serverTime } = await client.request<CheckoutSession>(
        "POST",
        `${path}/checkout`,
        undefined,
        controller.signal
      )
      if (!running) return
      const expiresAt = new Date(body?.expiresAt)
      if (typeof body?.url !== "string" || Number.isNaN(expiresAt.getTime())) {
        throw new MiaRequestError(
          "The checkout answer has no QR url or expiresAt: is apiBase a miaCheckout router?",
          {
            status: 200,
            code: "bad_response",
            retryable: false
          }
        )
      }
      // The Date header has one-second resolution: its midpoint is the best guess of the server's time.
      if (serverTime !== undefined) {
        const offset = serverTime + 500 - (sent + now()) / 2
        skew = Math.abs(offset) > SKEW_THRESHOLD_MS ? offset : 0
      }
      state.set({ session: body, status: body.status, expiresAt })
      if (orderPhase(body.status) !== "awaiting_payment") return settle(body.status)
      state.set({ phase: "awaiting_payment", qrUrl: body.url })
      follow()
    } catch (error) {
      if (!running) return
      state.set({ phase: "error", error: toError(error) })
    }
  }

  return {
    getSnapshot: state.get,
    subscribe: state.subscribe,
    start() {
      if (running) return
      running = true
      const { phase } = state.get()
      if (phase === "idle" || phase === "creating") void create()
      else if (phase === "awaiting_payment") follow()
    },
    stop() {
      running = false
      release()
      if (state.get().transport) state.set({ transport: undefined })
    },
    retry() {
      running = true
      const { phase } = state.get()
      if (phase === "expired" || phase === "error") void create()
    }
  }
}
