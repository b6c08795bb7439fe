import { isMiaApiError, isMiaAuthError, isMiaValidationError } from "@mia-sdk/core/guards"
import { fromMinorUnits } from "@mia-sdk/core/money"
import type { CheckoutBankPort } from "../checkout/checkout-bank-port.js"
import { paidByRtp } from "../rtp/reconcile-rtps.js"
import type { RtpBankPort } from "../rtp/rtp-bank-port.js"
import { MiaOrderError } from "../errors.js"
import type { Order } from "../order.js"
import type { OrderStore } from "../store/order-store.js"
import type { RefundRecord } from "./refund-record.js"
import { validateIdempotencyKey, validateRefundInput } from "./validate-refund.js"

/** What {@link refundOrder} needs, resolved once by the checkout service. */
export interface RefundContext {
  readonly store: OrderStore
  readonly bank: CheckoutBankPort
  readonly rtp?: Pick<RtpBankPort, "refundRtp"> | undefined
  readonly refundCallbackUrl: string | undefined
  readonly warn: (message: string, error: unknown) => void
}

/**
 * Options of one refund request.
 *
 * @example
 * const options: RefundRequestOptions = { idempotencyKey: request.headers.get("idempotency-key") ?? undefined, actor: "admin@shop.md" }
 */
export interface RefundRequestOptions {
  /**
   * The client's key for this refund: the same key again returns the first answer and never
   * refunds twice. Without one, every request is a new refund.
   */
  readonly idempotencyKey?: string | undefined
  /** Who refunds, recorded in the ledger and the order history. */
  readonly actor: string
}

/**
 * The refund as the ledger holds it, the order after it, and whether this answer replays an
 * earlier request with the same idempotency key. `refund.status` is `accepted`, or `pending`
 * when the bank's answer was lost (reconciliation settles it; do not refund again).
 *
 * @example
 * const { refund, order, replayed } = await checkout.refund("1001", { amount: 5.5, reason: "Broken cup" }, { actor })
 */
export interface RefundResult {
  readonly refund: RefundRecord
  readonly order: Order
  readonly replayed: boolean
}

// The client refused before sending, or the bank answered with a refusal: nothing was refunded.
const refusedForSure = (error: unknown): boolean =>
  isMiaApiError(error) || isMiaValidationError(error) || isMiaAuthError(error)

const currentOrder = async (store: OrderStore, orderId: string, fallback?: Order): Promise<Order> => {
  const order = (await store.getOrder(orderId)) ?? fallback
  if (order === undefined)
    throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
  return order
}

const replay = async (store: OrderStore, refund: RefundRecord): Promise<RefundResult> => {
  if (refund.status === "failed") {
    throw new MiaOrderError("refund_failed", refund.failure ?? `Refund ${refund.refundKey} failed`)
  }
  return { refund, order: await currentOrder(store, refund.orderId), replayed: true }
}

/**
 * A payment by phone number is refunded through the RTP API, once and in full: a partial amount
 * is refused here (400 with the field) rather than by the bank after the ledger recorded it.
 */
const rtpRefundCheck = async (
  context: RefundContext,
  orderId: string,
  amountMinor: number | undefined
): Promise<Pick<RtpBankPort, "refundRtp"> | undefined> => {
  const order = await context.store.getOrder(orderId)
  if (order === undefined || paidByRtp(order) === undefined) return undefined
  if (order.payId?.startsWith("rtp:")) {
    throw new MiaOrderError(
      "order_not_refundable",
      `Order ${orderId} was paid by phone and the bank has not yet sent the payment's id; try again in a few minutes`
    )
  }
  if (context.rtp === undefined) {
    throw new MiaOrderError(
      "rtp_not_configured",
      "Refunding a payment by phone number needs the MIA RTP client (the rtp option)"
    )
  }
  const whole = order.paidAmountMinor - order.refundedAmountMinor
  if (order.refundedAmountMinor > 0 || (amountMinor !== undefined && amountMinor !== whole)) {
    throw new MiaOrderError(
      "invalid_refund",
      `amount: a payment by phone number is refunded in full only (${fromMinorUnits(whole)}); leave amount out`,
      { field: "amount" }
    )
  }
  return context.rtp
}

/**
 * Refunds (part of) an order's payment through the ledger: the refund is written as pending
 * (with the order locked, pending refunds counted) before the bank is asked, then finalised with
 * the bank's answer. A refusal marks it failed and rethrows the bank's error; a lost answer
 * leaves it pending for reconciliation, so it can never be sent twice.
 */
export const refundOrder = async (
  context: RefundContext,
  orderId: string,
  input: unknown,
  options: RefundRequestOptions
): Promise<RefundResult> => {
  const valid = validateRefundInput(input)
  const byPhone = await rtpRefundCheck(context, orderId, valid.amountMinor)
  const idempotencyKey =
    options.idempotencyKey === undefined
      ? globalThis.crypto.randomUUID()
      : validateIdempotencyKey(options.idempotencyKey)
  const begun = await context.store.beginRefund({
    orderId,
    idempotencyKey,
    amountMinor: valid.amountMinor,
    reason: valid.reason,
    actor: options.actor
  })
  if (begun.outcome === "existing") return replay(context.store, begun.refund)
  const { refund, order } = begun
  // Without an amount the bank refunds the whole payment: only say nothing when that is what we want.
  const wholePayment = refund.amountMinor === order.paidAmountMinor && order.refundedAmountMinor === 0
  let answer: { readonly refundId?: string | undefined; readonly status: string }
  try {
    answer =
      byPhone !== undefined
        ? await byPhone.refundRtp(refund.payId, { reason: refund.reason })
        : await context.bank.refundPayment(refund.payId, {
            ...(wholePayment ? {} : { amount: fromMinorUnits(refund.amountMinor) }),
            reason: refund.reason,
            ...(context.refundCallbackUrl === undefined ? {} : { callbackUrl: context.refundCallbackUrl })
          })
  } catch (error) {
    if (!refusedForSure(error)) {
      context.warn(
        `The bank's answer to refund ${refund.refundKey} was lost; it stays pending until reconciliation settles it`,
        error
      )
      return { refund, order: await currentOrder(context.store, orderId, order), replayed: false }
    }
    await context.store.finishRefund(refund.refundKey, {
      status: "failed",
      failure: error instanceof Error ? error.message : String(error)
    })
    throw error
  }
  const finished = await context.store.finishRefund(refund.refundKey, {
    status: "accepted",
    bankRefundId: answer.refundId,
    bankStatus: answer.status
  })
  const applied =
    finished.applied !== undefined && "order" in finished.applied ? finished.applied.order : undefined
  return {
    refund: finished.refund,
    order: applied ?? (await currentOrder(context.store, orderId, order)),
    replayed: false
  }
}
