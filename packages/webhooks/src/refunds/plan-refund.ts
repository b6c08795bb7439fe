import { MiaOrderError } from "../errors.js"
import { formatMoney } from "../money.js"
import { type Order, PAID_STATUSES } from "../order.js"
import type { NewRefund, RefundRecord } from "./refund-record.js"

/** A refund as `planRefund` allows it: the payment to refund and how much. */
export interface RefundPlan {
  readonly payId: string
  readonly amountMinor: number
}

/** The pending ledger entry of a planned refund, with a fresh ledger key. */
export const pendingRefund = (request: NewRefund, plan: RefundPlan, at: string): RefundRecord => ({
  refundKey: globalThis.crypto.randomUUID(),
  orderId: request.orderId,
  idempotencyKey: request.idempotencyKey,
  payId: plan.payId,
  amountMinor: plan.amountMinor,
  reason: request.reason,
  actor: request.actor,
  status: "pending",
  createdAt: at,
  updatedAt: at
})

const sameRequest = (refund: RefundRecord, request: NewRefund): boolean =>
  refund.reason === request.reason &&
  (request.amountMinor === undefined || request.amountMinor === refund.amountMinor)

/**
 * The ledger's rule for a new refund, shared by every store (which runs it with the order locked
 * or compare-and-set): the same idempotency key returns the refund written first (and refuses a
 * different request under it), and pending refunds count against the remainder, unless
 * `applied` says the order already records them (accepted, ledger row not settled yet).
 */
export const planRefund = (
  order: Order | undefined,
  ledger: ReadonlyArray<RefundRecord>,
  request: NewRefund,
  applied: (refund: RefundRecord) => boolean
): { readonly existing: RefundRecord } | RefundPlan => {
  if (order === undefined) {
    throw new MiaOrderError("order_not_found", `No order ${request.orderId}`, { field: "orderId" })
  }
  const existing = ledger.find((refund) => refund.idempotencyKey === request.idempotencyKey)
  if (existing !== undefined) {
    if (!sameRequest(existing, request)) {
      throw new MiaOrderError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different refund of this order: use a new key for a new refund"
      )
    }
    return { existing }
  }
  if (!PAID_STATUSES.has(order.status) || order.payId === undefined) {
    throw new MiaOrderError("order_not_refundable", `Order ${order.orderId} is ${order.status}`)
  }
  const pending = ledger
    .filter((refund) => refund.status === "pending" && !applied(refund))
    .reduce((sum, refund) => sum + refund.amountMinor, 0)
  const remaining = order.paidAmountMinor - order.refundedAmountMinor - pending
  if (remaining <= 0) {
    throw pending > 0
      ? new MiaOrderError("refund_in_progress", `A refund of order ${order.orderId} is still in progress`)
      : new MiaOrderError("order_not_refundable", `Order ${order.orderId} is fully refunded`)
  }
  const amountMinor = request.amountMinor ?? remaining
  if (amountMinor > remaining) {
    throw new MiaOrderError(
      "invalid_refund",
      `amount must be at most ${formatMoney(remaining, order.currency)}, the refundable remainder`,
      { field: "amount" }
    )
  }
  return { payId: order.payId, amountMinor }
}
