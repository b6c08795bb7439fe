import type { RefundView } from "@mia-sdk/core/wire"
import { formatMoney, fromMinorUnits, type Order, type OrderStore, toOrderView } from "@mia-sdk/webhooks"
import { MiaHttpError, validationError } from "../errors/mia-http-error.js"
import type { CheckoutBankPort } from "../checkout/options.js"
import type { ValidRefundRequest } from "./validate-checkout.js"

const REFUNDABLE: ReadonlySet<Order["status"]> = new Set(["processing", "completed", "on-hold"])

export interface RefundContext {
  readonly store: OrderStore
  readonly client: CheckoutBankPort
  readonly refundCallbackUrl: string | undefined
  readonly now: () => number
}

/**
 * Refunds (part of) an order's payment at the bank and records it. The caller serialises refunds
 * of one order, so the refundable remainder checked here is still true when the bank is asked.
 */
export const refundOrder = async (
  context: RefundContext,
  orderId: string,
  request: ValidRefundRequest,
  actor: string
): Promise<RefundView> => {
  const order = await context.store.getOrder(orderId)
  if (order === undefined) throw new MiaHttpError(404, "not_found", "Order not found", `No order ${orderId}.`)
  if (!REFUNDABLE.has(order.status) || order.payId === undefined) {
    throw new MiaHttpError(
      409,
      "order_not_refundable",
      "Order not refundable",
      `Order ${orderId} is ${order.status}.`
    )
  }
  const remaining = order.paidAmountMinor - order.refundedAmountMinor
  if (remaining <= 0) {
    throw new MiaHttpError(
      409,
      "order_not_refundable",
      "Order not refundable",
      `Order ${orderId} is fully refunded.`
    )
  }
  const amountMinor = request.amountMinor ?? remaining
  if (amountMinor > remaining) {
    throw validationError(
      "amount",
      `amount must be at most ${fromMinorUnits(remaining)}, the refundable remainder (${formatMoney(remaining, order.currency)})`
    )
  }
  // Without an amount the bank refunds the whole payment: only say nothing when that is what we want.
  const wholePayment = amountMinor === order.paidAmountMinor && order.refundedAmountMinor === 0
  const refund = await context.client.refundPayment(order.payId, {
    ...(wholePayment ? {} : { amount: fromMinorUnits(amountMinor) }),
    reason: request.reason,
    ...(context.refundCallbackUrl === undefined ? {} : { callbackUrl: context.refundCallbackUrl })
  })
  // The legacy endpoint answers without a refundId; one refund per request is still one key.
  const refundId = refund.refundId ?? `${order.payId}:${context.now()}`
  const applied = await context.store.applyEvent(
    {
      type: "refund",
      refundId,
      payId: order.payId,
      orderId,
      amountMinor,
      payload: { reason: request.reason, amount: fromMinorUnits(amountMinor), bank: refund }
    },
    { actor }
  )
  const recorded = "order" in applied ? applied.order : undefined
  const after = recorded ?? (await context.store.getOrder(orderId)) ?? order
  return { refundId, amount: fromMinorUnits(amountMinor), status: refund.status, order: toOrderView(after) }
}
