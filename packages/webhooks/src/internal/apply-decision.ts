import type { TransitionDecision } from "../decide-transition.js"
import { formatMoney } from "../money.js"
import { nextCheckAt } from "../reconciliation/check-schedule.js"
import type { Order, OrderQr, OrderTransition, UnmatchedPayment } from "../order.js"
import type { OrderEvent, PaymentEvent } from "../order-event.js"
import type { ValidNewOrder } from "./validate-new-order.js"

/** Who applies an event when the caller does not say. */
export const DEFAULT_ACTOR = "system"

/** The order a fresh `createOrder` produces, with its creation entry. */
export const newOrderRecord = (input: ValidNewOrder, at: string, actor: string): Order => ({
  orderId: input.orderId,
  amountMinor: input.amountMinor,
  currency: input.currency,
  description: input.description,
  virtual: input.virtual,
  status: "pending",
  paidAmountMinor: 0,
  refundedAmountMinor: 0,
  qrIds: [],
  rtps: [],
  duplicatePayment: false,
  duplicatePayIds: [],
  history: [
    {
      at,
      from: null,
      to: "pending",
      code: "order_created",
      reason: `Order created for ${formatMoney(input.amountMinor, input.currency)}`,
      actor
    }
  ],
  version: 1,
  createdAt: at,
  updatedAt: at
})

/** True when a repeated `createOrder` asks for the same order as the stored one. */
export const sameOrder = (order: Order, input: ValidNewOrder): boolean =>
  order.amountMinor === input.amountMinor &&
  order.currency === input.currency &&
  order.description === input.description &&
  order.virtual === input.virtual

/** The history entry and the changed order for a `transition` decision. */
export const applyDecision = (
  order: Order,
  decision: Extract<TransitionDecision, { kind: "transition" }>,
  context: { readonly at: string; readonly actor: string; readonly payload: unknown }
): { readonly order: Order; readonly transition: OrderTransition } => {
  const transition: OrderTransition = {
    at: context.at,
    from: order.status,
    to: decision.to,
    code: decision.code,
    reason: decision.reason,
    actor: context.actor,
    ...(context.payload === undefined ? {} : { payload: context.payload })
  }
  const { changes } = decision
  const duplicatePayIds = changes.duplicatePayIds ?? order.duplicatePayIds
  const qrIds =
    changes.qrId === undefined || order.qrIds.includes(changes.qrId)
      ? order.qrIds
      : [...order.qrIds, changes.qrId]
  const changed: Order = {
    ...order,
    status: decision.to,
    payId: changes.payId ?? order.payId,
    qrId: changes.qrId ?? order.qrId,
    qrIds,
    rtps: changes.rtps ?? order.rtps,
    paidAmountMinor: changes.paidAmountMinor ?? order.paidAmountMinor,
    refundedAmountMinor: changes.refundedAmountMinor ?? order.refundedAmountMinor,
    duplicatePayIds,
    duplicatePayment: duplicatePayIds.length > 0,
    history: [...order.history, transition],
    version: order.version + 1,
    updatedAt: context.at
  }
  const next = { ...changed, nextCheckAt: nextCheckAt(changed, Date.parse(context.at)) }
  return { order: next, transition }
}

/** The history entry and the changed order when the checkout attaches a QR. */
export const attachQrRecord = (
  order: Order,
  qr: OrderQr,
  context: { readonly at: string; readonly actor: string }
): { readonly order: Order; readonly transition: OrderTransition } => {
  const transition: OrderTransition = {
    at: context.at,
    from: order.status,
    to: order.status,
    code: "qr_created",
    reason: `QR ${qr.qrId} shown, valid until ${qr.qrExpiresAt}`,
    actor: context.actor,
    payload: { ...qr }
  }
  const changed: Order = {
    ...order,
    qrId: qr.qrId,
    qrUrl: qr.qrUrl,
    qrExpiresAt: qr.qrExpiresAt,
    qrIds: order.qrIds.includes(qr.qrId) ? order.qrIds : [...order.qrIds, qr.qrId],
    history: [...order.history, transition],
    version: order.version + 1,
    updatedAt: context.at
  }
  const next = { ...changed, nextCheckAt: nextCheckAt(changed, Date.parse(context.at)) }
  return { order: next, transition }
}

/**
 * The unmatched-payment record of a payment kept aside: its order is unknown, or the decision
 * was to keep it (`kept`: a QR foreign to the order it names, or terms that don't match).
 */
export const unmatchedRecord = (
  event: PaymentEvent,
  at: string,
  kept?: Extract<TransitionDecision, { kind: "keep" }>
): UnmatchedPayment => ({
  payId: event.payId,
  qrId: event.qrId,
  orderId: event.orderId,
  amountMinor: event.amountMinor,
  currency: event.currency,
  code: kept?.code ?? "unknown_order",
  reason:
    kept?.reason ??
    (event.rtpId !== undefined
      ? `No order sent payment request ${event.rtpId}`
      : event.orderId === undefined
        ? `No order uses QR ${event.qrId ?? "(none)"}`
        : `No order ${event.orderId}${event.qrId === undefined ? "" : ` nor one using QR ${event.qrId}`}`),
  receivedAt: at,
  ...(event.payload === undefined ? {} : { payload: event.payload })
})

/**
 * How to find the order an event is about. A store tries the QR or the payment request first
 * (each belongs to exactly one order, whatever `orderId` the bank echoes), then the order id,
 * then the payment.
 */
export const eventLookup = (
  event: OrderEvent
): {
  readonly orderId?: string | undefined
  readonly qrId?: string | undefined
  readonly rtpId?: string | undefined
  readonly payId?: string | undefined
} => {
  switch (event.type) {
    case "payment":
      return event.rtpId === undefined
        ? { orderId: event.orderId, qrId: event.qrId }
        : { orderId: event.orderId, rtpId: event.rtpId }
    case "qr_closed":
      return { orderId: event.orderId, qrId: event.qrId }
    case "refund":
      return { orderId: event.orderId, payId: event.payId }
    case "manual":
    case "rtp_requested":
      return { orderId: event.orderId }
    case "rtp_closed":
      return { orderId: event.orderId, rtpId: event.rtpId }
  }
}

/** Clamps a list limit to something sane. */
export const listLimit = (limit: number | undefined): number =>
  limit === undefined || !Number.isFinite(limit) ? 100 : Math.max(1, Math.min(1000, Math.floor(limit)))
