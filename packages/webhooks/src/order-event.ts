/**
 * What can happen to an order. Amounts are integer minor units (bani). `payload` is the evidence
 * (the verified callback, the API answer) and is recorded with the transition.
 */

/**
 * The bank executed a payment (a verified callback, or found by reconciliation).
 *
 * @example
 * const event: PaymentEvent = { type: "payment", payId: "p-1", qrId: "q-1", orderId: "1001", amountMinor: 15025, currency: "MDL" }
 */
export interface PaymentEvent {
  readonly type: "payment"
  readonly payId: string
  readonly qrId?: string | undefined
  /** Set when the payer accepted a payment request (RTP) instead of scanning a QR. */
  readonly rtpId?: string | undefined
  readonly orderId?: string | undefined
  readonly amountMinor: number
  readonly currency: string
  readonly executedAt?: string | undefined
  readonly payload?: unknown
}

/**
 * A payment request (RTP) was sent to the payer's phone for the order.
 *
 * @example
 * const event: RtpRequestedEvent = { type: "rtp_requested", rtpId: "r-1", orderId: "1001", alias: "37369112221", expiresAt: "2026-11-21T12:15:00.000Z", requestedAt: "2026-11-21T12:00:00.000Z" }
 */
export interface RtpRequestedEvent {
  readonly type: "rtp_requested"
  readonly rtpId: string
  readonly orderId: string
  readonly alias: string
  readonly expiresAt: string
  /** When it was sent (ISO 8601). */
  readonly requestedAt: string
  readonly payload?: unknown
}

/**
 * A payment request ended unpaid: the payer declined it, it expired, or the shop withdrew it.
 *
 * @example
 * const event: RtpClosedEvent = { type: "rtp_closed", rtpId: "r-1", orderId: "1001", rtpStatus: "Rejected" }
 */
export interface RtpClosedEvent {
  readonly type: "rtp_closed"
  readonly rtpId: string
  readonly orderId?: string | undefined
  readonly rtpStatus: "Rejected" | "Expired" | "Cancelled"
  readonly payload?: unknown
}

/**
 * A QR ended unpaid: it expired or was cancelled (seen by reconciliation).
 *
 * @example
 * const event: QrClosedEvent = { type: "qr_closed", qrId: "q-1", orderId: "1001", qrStatus: "Expired" }
 */
export interface QrClosedEvent {
  readonly type: "qr_closed"
  readonly qrId: string
  readonly orderId?: string | undefined
  readonly qrStatus: "Expired" | "Cancelled"
  readonly payload?: unknown
}

/**
 * The bank accepted a refund of `amountMinor` of payment `payId`.
 *
 * @example
 * const event: RefundEvent = { type: "refund", refundId: "r-1", payId: "p-1", orderId: "1001", amountMinor: 5000 }
 */
export interface RefundEvent {
  readonly type: "refund"
  readonly refundId: string
  readonly payId: string
  readonly orderId?: string | undefined
  readonly amountMinor: number
  /** The bank's id of the refund, when it differs from `refundId` (the ledger's own key): shown in the history. */
  readonly bankRefundId?: string | undefined
  /**
   * What the bank reports about the payment, for refunds confirmed with `getPayment`: `true`
   * when it is fully refunded (the order is refunded in full, whatever was recorded so far),
   * `false` when it is only partly refunded (so this refund must leave something paid).
   * `undefined` for refunds from the SDK's own ledger.
   */
  readonly full?: boolean | undefined
  readonly payload?: unknown
}

/**
 * A merchant decision: cancel or fail an unpaid order, complete a processing one (goods shipped).
 *
 * @example
 * const event: ManualEvent = { type: "manual", orderId: "1001", to: "completed", reason: "Shipped" }
 */
export interface ManualEvent {
  readonly type: "manual"
  readonly orderId: string
  readonly to: "cancelled" | "failed" | "completed"
  readonly reason: string
  readonly payload?: unknown
}

/**
 * Any event {@link decideTransition} understands.
 *
 * @example
 * const events: ReadonlyArray<OrderEvent> = [{ type: "manual", orderId: "1", to: "cancelled", reason: "Out of stock" }]
 */
export type OrderEvent =
  | PaymentEvent
  | QrClosedEvent
  | RefundEvent
  | ManualEvent
  | RtpRequestedEvent
  | RtpClosedEvent

/**
 * The idempotency key of an event: a payment is applied once per `payId`, a refund once per
 * `refundId`, a QR closes once. Manual events have none (each is a new decision).
 *
 * @example
 * eventKey({ type: "payment", payId: "p-1", amountMinor: 100, currency: "MDL" }) // "payment:p-1"
 */
export const eventKey = (event: OrderEvent): string | undefined => {
  switch (event.type) {
    case "payment":
      return `payment:${event.payId}`
    case "refund":
      return `refund:${event.refundId}`
    case "qr_closed":
      return `qr_closed:${event.qrId}`
    case "rtp_requested":
      return `rtp_requested:${event.rtpId}`
    case "rtp_closed":
      return `rtp_closed:${event.rtpId}`
    case "manual":
      return undefined
  }
}
