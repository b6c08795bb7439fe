import { MiaOrderError } from "../errors.js"
import { watchOrder, type WatchOrderOptions } from "../events/watch-order.js"
import type { Order } from "../order.js"
import { createMiaReconciler } from "../reconciliation/reconciler.js"
import { type RefundRequestOptions, type RefundResult, refundOrder } from "../refunds/refund-order.js"
import { type RtpOutcome, requestRtp } from "../rtp/request-rtp.js"
import type { RtpBankPort } from "../rtp/rtp-bank-port.js"
import type { OrderStore } from "../store/order-store.js"
import type { CheckoutBankPort } from "./checkout-bank-port.js"
import { type CheckoutOutcome, openCheckout } from "./open-checkout.js"

/**
 * Options of {@link createMiaCheckout}.
 *
 * @example
 * const options: MiaCheckoutServiceOptions = { store, bank: client, callbackUrl: "https://shop.md/mia/callback" }
 */
export interface MiaCheckoutServiceOptions {
  /** Where orders live; amounts and descriptions come from it, never from the browser. */
  readonly store: OrderStore
  /** The MIA QR client. */
  readonly bank: CheckoutBankPort
  /** HTTPS URL where maib sends payment callbacks (of QR payments and of payment requests alike). */
  readonly callbackUrl: string
  /**
   * The MIA RTP client (`createMiaRtpClient` from `@mia-sdk/core`), to let shoppers pay by phone
   * number. Without it `requestRtp` is refused (`rtp_not_configured`).
   */
  readonly rtp?: RtpBankPort | undefined
  /** How long a payment request can be accepted. Default 15 minutes; 1 minute to 60 days. */
  readonly rtpValidityMinutes?: number | undefined
  /**
   * Most payment requests one order may send (each rings the payer's phone); further ones are
   * refused with `rtp_limit_reached` (429). Default 5.
   */
  readonly maxRtpPerOrder?: number | undefined
  /** HTTPS URL the payer's bank app opens after paying. */
  readonly redirectUrl?: string | undefined
  /** How long a new QR can be paid. Default 15 minutes; 1 minute to 60 days. */
  readonly qrValidityMinutes?: number | undefined
  /**
   * An existing Active QR is shown again while at least this fraction of its validity is left
   * (default 0.5, like the maib WooCommerce plugin); otherwise a new QR replaces it.
   */
  readonly reuseMinRemainingFraction?: number | undefined
  /** HTTPS URL the bank notifies when a refund is processed. */
  readonly refundCallbackUrl?: string | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Told about failures that fail no request (a replaced QR not cancelled, a lost refund answer). Default `console.warn`. */
  readonly onWarning?: ((message: string, error: unknown) => void) | undefined
}

/**
 * The order services a storefront and an admin screen need, free of any HTTP framework: the
 * Express routers and Web handlers are thin skins over it.
 *
 * @example
 * const checkout: MiaCheckout = createMiaCheckout({ store, bank: client, callbackUrl })
 * const { session } = await checkout.checkout("1001")
 */
export interface MiaCheckout {
  /**
   * Creates (`created: true`) or reuses the order's Dynamic QR. Concurrent calls for one order,
   * on this server or on others sharing the database, all get the same QR. Fails with
   * `order_not_found` or `order_not_payable`.
   */
  checkout(orderId: string): Promise<CheckoutOutcome>
  /**
   * Sends the order's amount as a payment request to the payer's phone number (`{ alias }`, `373`
   * + 8 digits), or returns the one already open for that number (`created: false`). One open
   * request per order: one for another number is withdrawn first. Fails with `invalid_rtp`
   * (with `field`), `order_not_found`, `order_not_payable`, `rtp_limit_reached` or
   * `rtp_not_configured`.
   */
  requestRtp(orderId: string, input: unknown): Promise<RtpOutcome>
  /** The order, or `order_not_found`. */
  getOrder(orderId: string): Promise<Order>
  /**
   * Refunds through the ledger: `{ amount?, reason }` (no `amount`: the whole remainder). Fails
   * with `invalid_refund` (400-worthy, with `field`), `order_not_refundable`,
   * `refund_in_progress`, `idempotency_key_reused`, `refund_failed`, or the bank's error.
   */
  refund(orderId: string, input: unknown, options: RefundRequestOptions): Promise<RefundResult>
  /** The order's current state, then each change; see `watchOrder`. */
  watch(orderId: string, options?: WatchOrderOptions): AsyncGenerator<Order, void, undefined>
}

const validate = (options: MiaCheckoutServiceOptions, owner: string): void => {
  const fail = (message: string) => {
    throw new TypeError(`${owner}: ${message}`)
  }
  if (typeof options !== "object" || options === null) fail("options are required")
  if (typeof options.store?.getOrder !== "function")
    fail("store is required (an OrderStore from @mia-sdk/webhooks)")
  if (typeof options.bank?.createQr !== "function")
    fail("the MIA QR client is required (createMiaQrClient from @mia-sdk/core)")
  if (typeof options.callbackUrl !== "string" || !URL.canParse(options.callbackUrl)) {
    fail("callbackUrl must be an absolute URL such as https://shop.md/mia/callback")
  }
  for (const name of ["qrValidityMinutes", "rtpValidityMinutes"] as const) {
    const validity = options[name]
    if (validity !== undefined && !(Number.isFinite(validity) && validity >= 1 && validity <= 60 * 24 * 60)) {
      fail(`${name} must be between 1 and 86400 (60 days)`)
    }
  }
  const maxRtp = options.maxRtpPerOrder
  if (maxRtp !== undefined && !(Number.isInteger(maxRtp) && maxRtp >= 1))
    fail("maxRtpPerOrder must be a whole number of at least 1")
  if (options.rtp !== undefined && typeof options.rtp.createRtp !== "function")
    fail("rtp must be the MIA RTP client (createMiaRtpClient from @mia-sdk/core)")
  const fraction = options.reuseMinRemainingFraction
  if (fraction !== undefined && !(Number.isFinite(fraction) && fraction >= 0 && fraction <= 1)) {
    fail("reuseMinRemainingFraction must be between 0 and 1")
  }
}

/** Shares one in-flight promise per key: a double-click gets the same QR, not two. */
const singleFlight = () => {
  const inFlight = new Map<string, Promise<unknown>>()
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const existing = inFlight.get(key)
    if (existing !== undefined) return existing as Promise<T>
    const run = work().finally(() => inFlight.delete(key))
    inFlight.set(key, run)
    return run
  }
}

/**
 * Builds the checkout, refund and order-watch services over an order store and the bank.
 * `owner` names the caller in option errors (`miaCheckout: callbackUrl must be ...`).
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * import { createMemoryOrderStore, createMiaCheckout } from "@mia-sdk/webhooks"
 *
 * const store = createMemoryOrderStore()
 * const bank = createMiaQrClient({ clientId: process.env.MIA_CLIENT_ID!, clientSecret: process.env.MIA_CLIENT_SECRET! })
 * const checkout = createMiaCheckout({ store, bank, callbackUrl: "https://shop.md/mia/callback" })
 * await store.createOrder({ orderId: "1001", amount: 150.25, description: "2 books" })
 * const { session } = await checkout.checkout("1001") // show session.url as a QR code
 */
export const createMiaCheckout = (
  options: MiaCheckoutServiceOptions,
  owner = "createMiaCheckout"
): MiaCheckout => {
  validate(options, owner)
  const { store, bank } = options
  const now = options.now ?? Date.now
  const warn =
    options.onWarning ??
    ((message: string, error: unknown) => console.warn(`[@mia-sdk/webhooks] ${message}`, error))
  const checkoutContext = {
    store,
    bank,
    reconciler: createMiaReconciler({ store, api: bank, rtp: options.rtp, now, actor: "checkout" }),
    callbackUrl: options.callbackUrl,
    redirectUrl: options.redirectUrl,
    validityMs: (options.qrValidityMinutes ?? 15) * 60_000,
    reuseMinRemainingFraction: options.reuseMinRemainingFraction ?? 0.5,
    now,
    warn
  }
  const refundContext = { store, bank, rtp: options.rtp, refundCallbackUrl: options.refundCallbackUrl, warn }
  const rtpPort = options.rtp
  const rtpContext =
    rtpPort === undefined
      ? undefined
      : {
          store,
          rtp: rtpPort,
          callbackUrl: options.callbackUrl,
          redirectUrl: options.redirectUrl,
          validityMs: (options.rtpValidityMinutes ?? 15) * 60_000,
          maxRequestsPerOrder: options.maxRtpPerOrder ?? 5,
          now,
          warn
        }
  const checkoutOnce = singleFlight()
  return {
    // Single-flight in this process, the order's lock across servers: one payable QR per order.
    checkout: (orderId) =>
      checkoutOnce(orderId, () => store.withOrderLock(orderId, () => openCheckout(checkoutContext, orderId))),
    async requestRtp(orderId, input) {
      if (rtpContext === undefined) {
        throw new MiaOrderError(
          "rtp_not_configured",
          "Payment by phone number needs the MIA RTP client (the rtp option)"
        )
      }
      // Same guards as checkout: one request per click burst here, the order's lock across servers.
      const alias =
        typeof input === "object" && input !== null ? (input as { alias?: unknown }).alias : undefined
      return checkoutOnce(`rtp:${orderId}:${String(alias)}`, () =>
        store.withOrderLock(orderId, () => requestRtp(rtpContext, orderId, input))
      )
    },
    async getOrder(orderId) {
      const order = await store.getOrder(orderId)
      if (order === undefined)
        throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
      return order
    },
    refund: (orderId, input, refundOptions) => refundOrder(refundContext, orderId, input, refundOptions),
    watch: (orderId, watchOptions) => watchOrder(store, orderId, watchOptions)
  }
}
