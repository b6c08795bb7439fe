import { MiaOrderError } from "../errors.js"
import { watchOrder, type WatchOrderOptions } from "../events/watch-order.js"
import type { Order } from "../order.js"
import { createMiaReconciler } from "../reconciliation/reconciler.js"
import { type RefundRequestOptions, type RefundResult, refundOrder } from "../refunds/refund-order.js"
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
  /** HTTPS URL where maib sends payment callbacks. */
  readonly callbackUrl: string
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
  const validity = options.qrValidityMinutes
  if (validity !== undefined && !(Number.isFinite(validity) && validity >= 1 && validity <= 60 * 24 * 60)) {
    fail("qrValidityMinutes must be between 1 and 86400 (60 days)")
  }
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
    reconciler: createMiaReconciler({ store, api: bank, now, actor: "checkout" }),
    callbackUrl: options.callbackUrl,
    redirectUrl: options.redirectUrl,
    validityMs: (options.qrValidityMinutes ?? 15) * 60_000,
    reuseMinRemainingFraction: options.reuseMinRemainingFraction ?? 0.5,
    now,
    warn
  }
  const refundContext = { store, bank, refundCallbackUrl: options.refundCallbackUrl, warn }
  const checkoutOnce = singleFlight()
  return {
    // Single-flight in this process, the order's lock across servers: one payable QR per order.
    checkout: (orderId) =>
      checkoutOnce(orderId, () => store.withOrderLock(orderId, () => openCheckout(checkoutContext, orderId))),
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
