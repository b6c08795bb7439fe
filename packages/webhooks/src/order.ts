import type { OrderRtpView, OrderStatus, OrderView } from "@mia-sdk/core/wire"
import { fromMinorUnits } from "@mia-sdk/core/money"

export type { OrderStatus } from "@mia-sdk/core/wire"

/**
 * Every order status, in WooCommerce's vocabulary.
 *
 * @example
 * ORDER_STATUSES.includes("on-hold") // true
 */
export const ORDER_STATUSES: ReadonlyArray<OrderStatus> = [
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed"
]

/**
 * Statuses in which the order's money has arrived (and so it can be refunded).
 *
 * @example
 * if (PAID_STATUSES.has(order.status)) showRefundButton()
 */
export const PAID_STATUSES: ReadonlySet<OrderStatus> = new Set(["processing", "completed", "on-hold"])

/**
 * Statuses the order can't leave on its own: nothing more to watch at the bank for a payment.
 *
 * @example
 * if (FINAL_STATUSES.has(order.status)) stopPolling()
 */
export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(["cancelled", "refunded", "failed"])

/**
 * Stable codes for why an order changed, safe to switch on (the `reason` text is for people).
 *
 * @example
 * const code: TransitionCode = "payment_received"
 */
export type TransitionCode =
  | "order_created"
  | "qr_created"
  | "payment_received"
  | "amount_mismatch"
  | "currency_mismatch"
  | "paid_after_cancellation"
  | "duplicate_payment"
  | "duplicate_payment_refunded"
  | "qr_expired"
  | "qr_cancelled"
  | "refund_full"
  | "refund_partial"
  | "rtp_requested"
  | "rtp_rejected"
  | "rtp_expired"
  | "rtp_cancelled"
  | "payment_identified"
  | "manual"

/**
 * One recorded change of an order: when, from which status to which, why, who did it, and the
 * evidence (the callback or API payload). `from` is `null` for the creation entry.
 *
 * @example
 * const entry: OrderTransition = {
 *   at: "2026-11-21T12:00:00.000Z", from: "pending", to: "processing", code: "payment_received",
 *   reason: "Payment p-1 of 150.25 MDL received", actor: "mia-callback", payload: { payId: "p-1" }
 * }
 */
export interface OrderTransition {
  readonly at: string
  readonly from: OrderStatus | null
  readonly to: OrderStatus
  readonly code: TransitionCode
  readonly reason: string
  readonly actor: string
  readonly payload?: unknown
}

/**
 * A merchant order as the store keeps it. Money is in integer minor units (bani); use
 * {@link toOrderView} for the two-decimal view the HTTP edges show.
 *
 * @example
 * const paid = order.status === "processing" && order.paidAmountMinor === order.amountMinor
 */
export interface Order {
  readonly orderId: string
  readonly amountMinor: number
  readonly currency: string
  /** Shown to the payer in the banking app (the QR's `description`). */
  readonly description: string
  /** Virtual or downloadable goods: a matching payment completes the order instead of `processing`. */
  readonly virtual: boolean
  readonly status: OrderStatus
  readonly paidAmountMinor: number
  readonly refundedAmountMinor: number
  /** The payment that paid this order. */
  readonly payId?: string | undefined
  readonly qrId?: string | undefined
  readonly qrUrl?: string | undefined
  readonly qrExpiresAt?: string | undefined
  /**
   * Every QR created for this order, oldest first. A payment applies to the order only through
   * one of them (or, before any QR exists, when amount and currency match exactly).
   */
  readonly qrIds: ReadonlyArray<string>
  /**
   * Every payment request (RTP) sent for this order, oldest first. At most one is `pending`; a
   * payment through any of them pays the order (a second one is flagged as a duplicate).
   */
  readonly rtps: ReadonlyArray<OrderRtp>
  /** When reconciliation should next ask the bank about this order; `undefined`: never. */
  readonly nextCheckAt?: string | undefined
  /** A second, different payment arrived and still has to be refunded. */
  readonly duplicatePayment: boolean
  /** The `payId`s of those extra payments, to refund them. */
  readonly duplicatePayIds: ReadonlyArray<string>
  readonly history: ReadonlyArray<OrderTransition>
  /** Incremented on every change; the compare-and-set key. */
  readonly version: number
  readonly createdAt: string
  readonly updatedAt: string
}

/**
 * What the merchant gives to create an order. `amount` is in lei with at most two decimals.
 *
 * @example
 * const input: NewOrder = { orderId: "1001", amount: 150.25, currency: "MDL", description: "Order #1001" }
 */
export interface NewOrder {
  readonly orderId: string
  readonly amount: number
  /** `MDL` (the default) is the only currency MIA supports. */
  readonly currency?: string | undefined
  /** Defaults to `Order <orderId>`. At most 500 characters (the QR description limit). */
  readonly description?: string | undefined
  readonly virtual?: boolean | undefined
}

/**
 * The QR shown for an order, recorded by the checkout when it creates one.
 *
 * @example
 * const qr: OrderQr = { qrId: "q-1", qrUrl: "https://mia-qr.bnm.md/1/m/BNM/AGR...", qrExpiresAt: "2026-11-21T12:15:00.000Z" }
 */
export interface OrderQr {
  readonly qrId: string
  readonly qrUrl: string
  readonly qrExpiresAt: string
}

/**
 * A payment request (RTP) sent to the payer's phone for an order.
 *
 * @example
 * const rtp: OrderRtp = { rtpId: "r-1", alias: "37369112221", status: "pending", expiresAt: "2026-11-21T12:15:00.000Z", createdAt: "2026-11-21T12:00:00.000Z" }
 */
export interface OrderRtp {
  readonly rtpId: string
  /** The payer's number as sent (`373` + 8 digits). Views show it masked. */
  readonly alias: string
  readonly status: OrderRtpView["status"]
  readonly expiresAt: string
  readonly createdAt: string
  /**
   * The payment it produced. `rtp:<rtpId>` while only reconciliation has seen it accepted (the
   * bank's status answer may not carry the `payId`); the callback fills in the real one.
   */
  readonly payId?: string | undefined
}

/**
 * The `payId` recorded for an RTP the bank shows accepted before its callback told the real one.
 *
 * @example
 * placeholderPayId("r-1") // "rtp:r-1"
 */
export const placeholderPayId = (rtpId: string): string => `rtp:${rtpId}`

/**
 * The RTP still waiting for the payer's answer, if any (the order has at most one).
 *
 * @example
 * if (openRtp(order) !== undefined) console.log("a request is on the payer's phone")
 */
export const openRtp = (order: Order): OrderRtp | undefined =>
  order.rtps.find((rtp) => rtp.status === "pending")

/** `373*****221`: enough for the payer to recognise their number, not enough to harvest it. */
const maskAlias = (alias: string): string =>
  alias.length <= 6 ? alias : `${alias.slice(0, 3)}${"*".repeat(alias.length - 6)}${alias.slice(-3)}`

/**
 * The storefront's view of a payment request (number masked).
 *
 * @example
 * toRtpView(rtp) // { rtpId: "r-1", alias: "373*****221", status: "pending", expiresAt: "..." }
 */
export const toRtpView = (rtp: OrderRtp): OrderRtpView => ({
  rtpId: rtp.rtpId,
  alias: maskAlias(rtp.alias),
  status: rtp.status,
  expiresAt: rtp.expiresAt
})

/**
 * A payment whose order could not be found. Kept, never dropped: the money arrived and a person
 * has to match or refund it.
 *
 * @example
 * const unmatched: UnmatchedPayment = {
 *   payId: "p-9", qrId: "q-9", orderId: "404", amountMinor: 1000, currency: "MDL",
 *   reason: "No order 404", receivedAt: "2026-11-21T12:00:00.000Z", payload: {}
 * }
 */
export interface UnmatchedPayment {
  readonly payId: string
  /**
   * Why it was kept: no order found, or an order was named but the payment's QR is not one of
   * that order's (`foreign_qr`), or the order had no QR and the amount or currency differ.
   */
  readonly code?: "unknown_order" | "foreign_qr" | "terms_mismatch" | undefined
  readonly qrId?: string | undefined
  readonly orderId?: string | undefined
  readonly amountMinor: number
  readonly currency: string
  readonly reason: string
  readonly receivedAt: string
  readonly payload?: unknown
}

/**
 * The wire view of an order (two-decimal numbers), as the checkout router and the React hooks
 * exchange it.
 *
 * @example
 * res.json(toOrderView(order)) // { orderId: "1001", status: "pending", amount: 150.25, ... }
 */
export const toOrderView = (order: Order): OrderView => ({
  orderId: order.orderId,
  status: order.status,
  amount: fromMinorUnits(order.amountMinor),
  currency: order.currency,
  paidAmount: fromMinorUnits(order.paidAmountMinor),
  refundedAmount: fromMinorUnits(order.refundedAmountMinor),
  duplicatePayment: order.duplicatePayment,
  payId: order.payId,
  qrId: order.qrId,
  qrUrl: order.qrUrl,
  qrExpiresAt: order.qrExpiresAt,
  rtp: order.rtps.length === 0 ? undefined : toRtpView(order.rtps[order.rtps.length - 1] as OrderRtp),
  updatedAt: order.updatedAt
})
