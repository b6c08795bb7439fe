import type { OrderRtpView, OrderStatus, OrderView, RtpSession } from "@mia-sdk/core/wire"
import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import { countdown } from "../internal/countdown.js"
import { createState } from "../internal/state.js"
import { toError } from "../internal/to-error.js"
import { watch } from "../internal/watch.js"
import type { ReadableStore, Transport } from "./external-store.js"
import { orderPhase } from "./order-phase.js"

/**
 * Where "pay by phone number" stands: `idle` (no request open: ask for a number), `sending`,
 * `awaiting_payment` (the request is on the payer's phone), `declined` or `expired` (ask again),
 * the order's final phases `paid`, `cancelled`, `refunded` (whichever way it was paid), or `error`.
 * @example
 * const label: Record<RtpPhase, string> = { idle: "", sending: "Sending…", awaiting_payment: "Check your banking app",
 *   declined: "Declined", expired: "Expired", paid: "Paid", cancelled: "Cancelled", refunded: "Refunded", error: "Error" }
 */
export type RtpPhase =
  | "idle"
  | "sending"
  | "awaiting_payment"
  | "declined"
  | "expired"
  | "paid"
  | "cancelled"
  | "refunded"
  | "error"

/**
 * Everything a "pay by phone number" screen shows, replaced as a whole on every change.
 * @example
 * const { phase, rtp, secondsLeft } = store.getSnapshot()
 */
export interface RtpSnapshot {
  readonly orderId: string
  readonly phase: RtpPhase
  /** The latest request (number masked), as the server last reported it. */
  readonly rtp: OrderRtpView | undefined
  readonly status: OrderStatus | undefined
  readonly order: OrderView | undefined
  /** Whole seconds until the open request expires, ticking once a second. */
  readonly secondsLeft: number | undefined
  readonly transport: Transport | undefined
  /** The last failure (a refused number carries `field: "alias"` in `error.problem`). */
  readonly error: MiaRequestError | undefined
}

/**
 * A framework-free "pay by phone number" state machine over the checkout routes: sends the
 * request, follows the order live, and reports the payer's answer.
 * @example
 * const store = createRtpStore({ client: createMiaClient({ apiBase: "/api/mia" }), orderId: "1001" })
 * store.start()
 * await store.request("37369112221")
 */
export interface RtpStore extends ReadableStore<RtpSnapshot> {
  /** Follows the order (an open request shows at once, e.g. after a reload). */
  start(): void
  stop(): void
  /** Sends the payment request to `alias` (`373` + 8 digits); the same number again reuses it. */
  request(alias: string): Promise<void>
}

/**
 * Options of {@link createRtpStore}.
 * @example
 * const options: RtpStoreOptions = { client, orderId: "1001" }
 */
export interface RtpStoreOptions {
  readonly client: MiaClient
  readonly orderId: string
  /** The current time in epoch ms (defaults to `Date.now`). */
  readonly now?: (() => number) | undefined
}

const RTP_PHASE: Readonly<Record<OrderRtpView["status"], RtpPhase>> = {
  pending: "awaiting_payment",
  accepted: "awaiting_payment",
  rejected: "declined",
  expired: "expired",
  cancelled: "idle"
}

/**
 * Creates an {@link RtpStore}. Nothing happens until `start()`.
 * @example
 * import { createMiaClient } from "@mia-sdk/react"
 * import { createRtpStore } from "@mia-sdk/react/rtp"
 * const store = createRtpStore({ client: createMiaClient({ apiBase: "/api/mia" }), orderId: "1001" })
 * store.start()
 */
export const createRtpStore = ({ client, orderId, now = Date.now }: RtpStoreOptions): RtpStore => {
  const path = `/orders/${encodeURIComponent(orderId)}`
  const state = createState<RtpSnapshot>({
    orderId,
    phase: "idle",
    rtp: undefined,
    status: undefined,
    order: undefined,
    secondsLeft: undefined,
    transport: undefined,
    error: undefined
  })
  let running = false
  let unwatch: (() => void) | undefined
  let stopCountdown: (() => void) | undefined
  /** The request just sent, until the order's views show it. */
  let awaited: string | undefined

  const release = () => {
    unwatch?.()
    unwatch = undefined
    stopCountdown?.()
    stopCountdown = undefined
  }

  /** Counts down the open request; at zero it reads as expired until the server says otherwise. */
  const track = (rtp: OrderRtpView | undefined) => {
    stopCountdown?.()
    stopCountdown = undefined
    if (rtp?.status !== "pending") return state.set({ secondsLeft: undefined })
    stopCountdown = countdown(
      Date.parse(rtp.expiresAt),
      now,
      (secondsLeft) => state.set({ secondsLeft }),
      () => state.set({ phase: "expired" })
    )
  }

  const show = (order: OrderView) => {
    const final = orderPhase(order.status)
    if (final !== "awaiting_payment") {
      release()
      return state.set({
        phase: final,
        order,
        status: order.status,
        rtp: order.rtp,
        secondsLeft: undefined,
        transport: undefined
      })
    }
    // A view read before our request answered doesn't know it yet: keep what the request said.
    if (awaited !== undefined && order.rtp?.rtpId !== awaited)
      return state.set({ order, status: order.status })
    awaited = undefined
    const sending = state.get().phase === "sending"
    const known = order.rtp === undefined ? "idle" : RTP_PHASE[order.rtp.status]
    if (order.rtp?.rtpId !== state.get().rtp?.rtpId || order.rtp?.status !== state.get().rtp?.status)
      track(order.rtp)
    state.set({ order, status: order.status, rtp: order.rtp, ...(sending ? {} : { phase: known }) })
  }

  const follow = () => {
    unwatch = watch<OrderView>({
      client,
      pollPath: path,
      eventsPath: `${path}/events`,
      key: (view) => `${view.status}|${view.updatedAt}`,
      onData: (view) => {
        state.set({ error: undefined })
        show(view)
      },
      onTransport: (transport) => state.set({ transport }),
      onError: (error, fatal) => {
        if (fatal) release()
        state.set(fatal ? { phase: "error", error, transport: undefined } : { error })
      }
    })
  }

  return {
    getSnapshot: state.get,
    subscribe: state.subscribe,
    start() {
      if (running) return
      running = true
      follow()
    },
    stop() {
      running = false
      release()
      state.set({ transport: undefined })
    },
    async request(alias) {
      state.set({ phase: "sending", error: undefined })
      try {
        const { body } = await client.request<RtpSession>("POST", `${path}/rtp`, { alias })
        const rtp: OrderRtpView = {
          rtpId: body.rtpId,
          alias: body.alias,
          status: body.status,
          expiresAt: body.expiresAt
        }
        awaited = rtp.rtpId
        track(rtp)
        const final = orderPhase(body.orderStatus)
        state.set({
          rtp,
          status: body.orderStatus,
          phase: final === "awaiting_payment" ? RTP_PHASE[rtp.status] : final
        })
        if (running && unwatch === undefined && final === "awaiting_payment") follow()
      } catch (error) {
        state.set({ phase: "error", error: toError(error) })
      }
    }
  }
}
