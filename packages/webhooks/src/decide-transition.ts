import { formatMoney } from "./money.js"
import {
  type Order,
  type OrderRtp,
  type OrderStatus,
  openRtp,
  PAID_STATUSES,
  placeholderPayId,
  type TransitionCode,
  toRtpView,
  type UnmatchedPayment
} from "./order.js"
import type {
  ManualEvent,
  OrderEvent,
  PaymentEvent,
  QrClosedEvent,
  RefundEvent,
  RtpClosedEvent,
  RtpRequestedEvent
} from "./order-event.js"

/**
 * Fields a transition changes besides the status.
 *
 * @example
 * const changes: OrderChanges = { payId: "p-1", paidAmountMinor: 15025 }
 */
export interface OrderChanges {
  readonly payId?: string | undefined
  readonly qrId?: string | undefined
  readonly paidAmountMinor?: number | undefined
  readonly refundedAmountMinor?: number | undefined
  readonly duplicatePayIds?: ReadonlyArray<string> | undefined
  readonly rtps?: ReadonlyArray<OrderRtp> | undefined
}

/**
 * Why an event changed nothing.
 *
 * @example
 * const code: IgnoreCode = "already_applied"
 */
export type IgnoreCode =
  | "already_applied"
  | "not_pending"
  | "stale_qr"
  | "unknown_payment"
  | "not_paid"
  | "already_refunded"
  | "refund_unconfirmed"
  | "not_allowed"
  | "unknown_rtp"

/**
 * What {@link decideTransition} concluded: move the order (possibly to the same status, with
 * recorded changes such as a duplicate-payment flag), leave it as it is, or keep a payment aside
 * (`keep`: money arrived that must not pay this order; it is stored as an unmatched payment).
 *
 * @example
 * const decision: TransitionDecision = { kind: "ignore", code: "already_applied", reason: "Payment p-1 was already applied" }
 */
export type TransitionDecision =
  | {
      readonly kind: "transition"
      readonly to: OrderStatus
      readonly code: TransitionCode
      readonly reason: string
      readonly changes: OrderChanges
    }
  | { readonly kind: "ignore"; readonly code: IgnoreCode; readonly reason: string }
  | {
      readonly kind: "keep"
      readonly code: Exclude<UnmatchedPayment["code"], "unknown_order" | undefined>
      readonly reason: string
    }

const transition = (
  to: OrderStatus,
  code: TransitionCode,
  reason: string,
  changes: OrderChanges = {}
): TransitionDecision => ({ kind: "transition", to, code, reason, changes })

const ignore = (code: IgnoreCode, reason: string): TransitionDecision => ({ kind: "ignore", code, reason })

/**
 * Order ids get reused (a database restore, staging and production on one maib project), so the
 * `orderId` a payment names proves nothing: only a QR this order created does. Before the order
 * has any QR, a payment is accepted only on exactly its terms.
 */
const foreignPayment = (
  order: Order,
  event: PaymentEvent,
  paid: string,
  viaRtp: OrderRtp | undefined
): TransitionDecision | undefined => {
  if (viaRtp !== undefined) return undefined
  if (event.rtpId === undefined && event.qrId !== undefined && order.qrIds.includes(event.qrId))
    return undefined
  if (order.qrIds.length > 0 || order.rtps.length > 0) {
    const through =
      event.rtpId === undefined ? `QR ${event.qrId ?? "(none)"}` : `payment request ${event.rtpId}`
    return {
      kind: "keep",
      code: "foreign_qr",
      reason: `Payment ${event.payId} of ${paid} names order ${order.orderId} but came through ${through}, which was not created for it: kept for review`
    }
  }
  const sameCurrency = event.currency.toUpperCase() === order.currency.toUpperCase()
  if (sameCurrency && event.amountMinor === order.amountMinor) return undefined
  return {
    kind: "keep",
    code: "terms_mismatch",
    reason: `Payment ${event.payId} of ${paid} names order ${order.orderId}, which has no QR and expects ${formatMoney(order.amountMinor, order.currency)}: kept for review`
  }
}

/** The order's RTPs with one of them changed. */
const withRtp = (order: Order, rtpId: string, change: Partial<OrderRtp>): ReadonlyArray<OrderRtp> =>
  order.rtps.map((rtp) => (rtp.rtpId === rtpId ? { ...rtp, ...change } : rtp))

/**
 * An RTP pays once. Reconciliation may have recorded its payment under a placeholder `payId`
 * (the bank's status answer need not carry one): the callback's real `payId` replaces it.
 */
const decideKnownRtpPayment = (
  order: Order,
  event: PaymentEvent,
  rtp: OrderRtp
): TransitionDecision | undefined => {
  if (rtp.payId === undefined) return undefined
  const placeholder = placeholderPayId(rtp.rtpId)
  if (event.payId === placeholder) {
    return ignore("already_applied", `Payment request ${rtp.rtpId} was already applied as ${rtp.payId}`)
  }
  if (rtp.payId !== placeholder) return undefined
  const replace = (payId: string) => (payId === placeholder ? event.payId : payId)
  return transition(
    order.status,
    "payment_identified",
    `Payment request ${rtp.rtpId} was paid by payment ${event.payId}`,
    {
      ...(order.payId === placeholder ? { payId: event.payId } : {}),
      duplicatePayIds: order.duplicatePayIds.map(replace),
      rtps: withRtp(order, rtp.rtpId, { payId: event.payId })
    }
  )
}

const decidePayment = (order: Order, event: PaymentEvent): TransitionDecision => {
  if (order.payId === event.payId || order.duplicatePayIds.includes(event.payId)) {
    return ignore("already_applied", `Payment ${event.payId} was already applied to order ${order.orderId}`)
  }
  const viaRtp = event.rtpId === undefined ? undefined : order.rtps.find((rtp) => rtp.rtpId === event.rtpId)
  const known = viaRtp === undefined ? undefined : decideKnownRtpPayment(order, event, viaRtp)
  if (known !== undefined) return known
  const paid = formatMoney(event.amountMinor, event.currency)
  const foreign = foreignPayment(order, event, paid, viaRtp)
  if (foreign !== undefined) return foreign
  const rtps =
    viaRtp === undefined
      ? {}
      : { rtps: withRtp(order, viaRtp.rtpId, { status: "accepted", payId: event.payId }) }
  const received = {
    payId: event.payId,
    qrId: viaRtp === undefined ? (event.qrId ?? order.qrId) : order.qrId,
    paidAmountMinor: event.amountMinor,
    ...rtps
  }
  if (order.status === "pending" || order.status === "failed") {
    if (event.currency.toUpperCase() !== order.currency.toUpperCase()) {
      const expected = formatMoney(order.amountMinor, order.currency)
      return transition(
        "on-hold",
        "currency_mismatch",
        `Payment ${event.payId} of ${paid}, expected ${expected}`,
        received
      )
    }
    if (event.amountMinor !== order.amountMinor) {
      const expected = formatMoney(order.amountMinor, order.currency)
      return transition(
        "on-hold",
        "amount_mismatch",
        `Payment ${event.payId} of ${paid}, expected ${expected}`,
        received
      )
    }
    const to = order.virtual ? "completed" : "processing"
    return transition(to, "payment_received", `Payment ${event.payId} of ${paid} received`, received)
  }
  if (order.status === "cancelled") {
    return transition(
      "on-hold",
      "paid_after_cancellation",
      `Payment ${event.payId} of ${paid} arrived after the order was cancelled: review, then fulfil or refund`,
      received
    )
  }
  return transition(
    order.status,
    "duplicate_payment",
    `Second payment ${event.payId} of ${paid} for an order already paid by ${order.payId ?? "another payment"}: refund it`,
    { duplicatePayIds: [...order.duplicatePayIds, event.payId], ...rtps }
  )
}

const decideRtpRequested = (order: Order, event: RtpRequestedEvent): TransitionDecision => {
  if (order.rtps.some((rtp) => rtp.rtpId === event.rtpId)) {
    return ignore("already_applied", `Payment request ${event.rtpId} is already recorded`)
  }
  if (order.status !== "pending" && order.status !== "failed") {
    return ignore("not_pending", `Order ${order.orderId} is ${order.status}: no payment request`)
  }
  const open = openRtp(order)
  if (open !== undefined) {
    return ignore("not_allowed", `Order ${order.orderId} already has the open payment request ${open.rtpId}`)
  }
  const rtp: OrderRtp = {
    rtpId: event.rtpId,
    alias: event.alias,
    status: "pending",
    expiresAt: event.expiresAt,
    createdAt: event.requestedAt
  }
  return transition(
    order.status,
    "rtp_requested",
    `Payment request ${event.rtpId} sent to ${toRtpView(rtp).alias}, valid until ${event.expiresAt}`,
    { rtps: [...order.rtps, rtp] }
  )
}

const RTP_CLOSED: Readonly<
  Record<RtpClosedEvent["rtpStatus"], { code: TransitionCode; status: OrderRtp["status"]; text: string }>
> = {
  Rejected: { code: "rtp_rejected", status: "rejected", text: "was declined by the payer" },
  Expired: { code: "rtp_expired", status: "expired", text: "expired unanswered" },
  Cancelled: { code: "rtp_cancelled", status: "cancelled", text: "was withdrawn" }
}

/** An RTP that ended unpaid changes no status: the payer can still scan the QR or get a new request. */
const decideRtpClosed = (order: Order, event: RtpClosedEvent): TransitionDecision => {
  const rtp = order.rtps.find((candidate) => candidate.rtpId === event.rtpId)
  if (rtp === undefined)
    return ignore("unknown_rtp", `Order ${order.orderId} sent no payment request ${event.rtpId}`)
  if (rtp.status !== "pending") {
    return ignore("already_applied", `Payment request ${event.rtpId} is already ${rtp.status}`)
  }
  const closed = RTP_CLOSED[event.rtpStatus]
  return transition(order.status, closed.code, `Payment request ${event.rtpId} ${closed.text}`, {
    rtps: withRtp(order, event.rtpId, { status: closed.status })
  })
}

const decideQrClosed = (order: Order, event: QrClosedEvent): TransitionDecision => {
  if (order.status !== "pending") {
    return ignore("not_pending", `QR ${event.qrId} closed, but order ${order.orderId} is ${order.status}`)
  }
  if (order.qrId !== undefined && order.qrId !== event.qrId) {
    return ignore("stale_qr", `QR ${event.qrId} closed, but order ${order.orderId} now uses QR ${order.qrId}`)
  }
  const expired = event.qrStatus === "Expired"
  return transition(
    "cancelled",
    expired ? "qr_expired" : "qr_cancelled",
    `QR ${event.qrId} ${expired ? "expired" : "was cancelled"} unpaid`
  )
}

const decideRefund = (order: Order, event: RefundEvent): TransitionDecision => {
  const amount = formatMoney(event.amountMinor, order.currency)
  // People (and maib's support) know a refund by the bank's id.
  const refundId = event.bankRefundId ?? event.refundId
  if (order.duplicatePayIds.includes(event.payId)) {
    return transition(
      order.status,
      "duplicate_payment_refunded",
      `Refund ${refundId} of ${amount} returned duplicate payment ${event.payId}`,
      { duplicatePayIds: order.duplicatePayIds.filter((payId) => payId !== event.payId) }
    )
  }
  if (order.status === "refunded") {
    return ignore("already_refunded", `Order ${order.orderId} is already fully refunded`)
  }
  if (!PAID_STATUSES.has(order.status)) {
    return ignore("not_paid", `Refund ${refundId} for order ${order.orderId}, which is ${order.status}`)
  }
  if (order.payId !== event.payId) {
    return ignore("unknown_payment", `Refund ${refundId} is for payment ${event.payId}, not for this order`)
  }
  if (event.full === false && order.refundedAmountMinor + event.amountMinor >= order.paidAmountMinor) {
    // The bank says the payment is not fully refunded, yet this refund would complete it.
    return ignore(
      "refund_unconfirmed",
      `Refund ${refundId} of ${amount} would refund order ${order.orderId} in full, but the bank shows its payment only partly refunded`
    )
  }
  // The bank never refunds more than was paid; a full refund takes whatever was left.
  const refundedAmountMinor = event.full
    ? order.paidAmountMinor
    : Math.min(order.paidAmountMinor, order.refundedAmountMinor + event.amountMinor)
  if (refundedAmountMinor >= order.paidAmountMinor) {
    const returned = formatMoney(order.paidAmountMinor - order.refundedAmountMinor, order.currency)
    return transition("refunded", "refund_full", `Refund ${refundId} of ${returned}: fully refunded`, {
      refundedAmountMinor
    })
  }
  const total = formatMoney(refundedAmountMinor, order.currency)
  return transition(
    order.status,
    "refund_partial",
    `Refund ${refundId} of ${amount}: ${total} refunded in total`,
    { refundedAmountMinor }
  )
}

const MANUAL_FROM: Readonly<Record<ManualEvent["to"], ReadonlyArray<OrderStatus>>> = {
  cancelled: ["pending", "failed"],
  failed: ["pending"],
  completed: ["processing"]
}

const decideManual = (order: Order, event: ManualEvent): TransitionDecision => {
  if (!MANUAL_FROM[event.to].includes(order.status)) {
    return ignore("not_allowed", `Order ${order.orderId} is ${order.status} and can't become ${event.to}`)
  }
  return transition(event.to, "manual", event.reason)
}

/**
 * The order lifecycle as a pure function: given an order and an event, what should happen.
 * No I/O, no clock; the store applies the result atomically. A final status is never
 * downgraded, a payment is never lost (after cancellation it goes `on-hold`), and the same
 * `payId` is never applied twice.
 *
 * @example
 * import { decideTransition } from "@mia-sdk/webhooks"
 *
 * const decision = decideTransition(order, { type: "payment", payId: "p-1", amountMinor: order.amountMinor, currency: "MDL" })
 * if (decision.kind === "transition") console.log(decision.to) // "processing"
 */
export const decideTransition = (order: Order, event: OrderEvent): TransitionDecision => {
  switch (event.type) {
    case "payment":
      return decidePayment(order, event)
    case "qr_closed":
      return decideQrClosed(order, event)
    case "refund":
      return decideRefund(order, event)
    case "manual":
      return decideManual(order, event)
    case "rtp_requested":
      return decideRtpRequested(order, event)
    case "rtp_closed":
      return decideRtpClosed(order, event)
  }
}

/**
 * True when an event was ignored only because it came too early (a refund callback that overtook
 * its payment's callback): it is not recorded as processed, so a later delivery still applies.
 *
 * @example
 * isPremature({ type: "refund", refundId: "r", payId: "p", amountMinor: 1 }, "not_paid") // true
 */
export const isPremature = (event: OrderEvent, code: IgnoreCode): boolean =>
  event.type === "refund" && code === "not_paid"
