/**
 * The HTTP contract between the `miaCheckout` Express router (@mia-sdk/express) and the
 * storefront hooks (@mia-sdk/react). Types only: the browser bundle imports nothing at run time.
 *
 * Routes, relative to where the router is mounted (e.g. `/api/mia`):
 * - `POST /orders/:orderId/checkout`  -> 201 (new QR) or 200 (reused) {@link CheckoutSession}
 * - `GET  /orders/:orderId`           -> 200 {@link OrderView}
 * - `GET  /orders/:orderId/events`    -> `text/event-stream`; each change is `event: status`
 *                                        with `data:` an {@link OrderView} (the first event is
 *                                        the current state)
 * - `POST /orders/:orderId/refunds`   -> body {@link RefundRequestBody}, 201 {@link RefundView}
 * - `POST /orders/:orderId/rtp`       -> body {@link RtpRequestBody}, 201 (request sent) or 200
 *                                        (the open one, same number) {@link RtpSession}
 * Errors are RFC 9457 `application/problem+json` bodies: {@link ProblemDetails}.
 */

/**
 * WooCommerce order statuses, as the webhook lifecycle uses them.
 * @example
 * const status: OrderStatus = "processing"
 */
export type OrderStatus =
  | "pending"
  | "processing"
  | "on-hold"
  | "completed"
  | "cancelled"
  | "refunded"
  | "failed"

/**
 * The QR a shopper scans for one order.
 * @example
 * const session: CheckoutSession = {
 *   orderId: "1001", qrId: "b3c0...", url: "https://mia-qr.bnm.md/1/m/BNM/AGR...",
 *   expiresAt: "2026-11-21T12:00:00.000Z", amount: 150.25, currency: "MDL", status: "pending", reused: false
 * }
 */
export interface CheckoutSession {
  readonly orderId: string
  readonly qrId: string
  /** The MIA link to encode as the QR image (or open on a phone). */
  readonly url: string
  /** ISO 8601; the QR can't be paid after this instant. */
  readonly expiresAt: string
  readonly amount: number
  readonly currency: string
  readonly status: OrderStatus
  /** `true` when an active QR with enough time left was returned instead of a new one. */
  readonly reused: boolean
}

/**
 * One order as the storefront and the admin see it.
 * @example
 * const view: OrderView = {
 *   orderId: "1001", status: "processing", amount: 150.25, currency: "MDL", paidAmount: 150.25,
 *   refundedAmount: 0, duplicatePayment: false, updatedAt: "2026-11-21T12:00:00.000Z"
 * }
 */
export interface OrderView {
  readonly orderId: string
  readonly status: OrderStatus
  readonly amount: number
  readonly currency: string
  readonly paidAmount: number
  readonly refundedAmount: number
  /** A second, different payment arrived for this order and should be refunded. */
  readonly duplicatePayment: boolean
  readonly payId?: string | undefined
  readonly qrId?: string | undefined
  readonly qrUrl?: string | undefined
  readonly qrExpiresAt?: string | undefined
  /** The latest payment request sent to a phone number for this order, if any. */
  readonly rtp?: OrderRtpView | undefined
  readonly updatedAt: string
}

/**
 * A payment request (RTP) as the storefront sees it: the number is masked, the status is the
 * order service's own vocabulary (`pending` until the payer answers or it expires).
 * @example
 * const rtp: OrderRtpView = { rtpId: "5f0e...", alias: "373*****221", status: "pending", expiresAt: "2026-11-21T12:15:00.000Z" }
 */
export interface OrderRtpView {
  readonly rtpId: string
  /** The payer's number with the middle digits hidden (`373*****221`). */
  readonly alias: string
  readonly status: "pending" | "accepted" | "rejected" | "expired" | "cancelled"
  readonly expiresAt: string
}

/**
 * Body of a "pay by phone number" request: the payer's mobile number as `373` + 8 digits.
 * @example
 * const body: RtpRequestBody = { alias: "37369112221" }
 */
export interface RtpRequestBody {
  readonly alias: string
}

/**
 * The payment request sent to the payer's banking app for one order.
 * @example
 * const session: RtpSession = {
 *   orderId: "1001", rtpId: "5f0e...", alias: "373*****221", expiresAt: "2026-11-21T12:15:00.000Z",
 *   amount: 150.25, currency: "MDL", status: "pending", orderStatus: "pending", reused: false
 * }
 */
export interface RtpSession {
  readonly orderId: string
  readonly rtpId: string
  readonly alias: string
  readonly expiresAt: string
  readonly amount: number
  readonly currency: string
  readonly status: OrderRtpView["status"]
  /** The order's status: `processing`/`completed` once paid, whichever way. */
  readonly orderStatus: OrderStatus
  /** `true` when this is the request already open for the same number (a double-click, a retry). */
  readonly reused: boolean
}

/**
 * Body of a refund request. Without `amount` the whole remaining paid amount is refunded.
 * @example
 * const body: RefundRequestBody = { amount: 50, reason: "Item returned" }
 */
export interface RefundRequestBody {
  readonly amount?: number | undefined
  readonly reason: string
}

/**
 * The refund the bank accepted, and the order after it.
 * @example
 * const refund: RefundView = { refundId: "8ce0...", amount: 50, status: "Created", order: view }
 */
export interface RefundView {
  readonly refundId: string
  readonly amount: number
  /** The bank's refund status (`Created`, later `Accepted`); unknown values pass through. */
  readonly status: string
  readonly order: OrderView
}

/**
 * RFC 9457 problem details, as `miaErrorHandler()` writes them.
 * @example
 * const problem: ProblemDetails = {
 *   type: "https://mia-sdk.dev/problems/validation", title: "Invalid request", status: 400,
 *   detail: "amount must be greater than 0", code: "validation", retryable: false
 * }
 */
export interface ProblemDetails {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string | undefined
  readonly instance?: string | undefined
  /** Stable machine-readable code (e.g. `validation`, `mia_api`, `not_found`). */
  readonly code?: string | undefined
  readonly retryable?: boolean | undefined
  /** Field-level problems for validation errors. */
  readonly errors?:
    | ReadonlyArray<{ readonly field?: string | undefined; readonly message: string }>
    | undefined
}
