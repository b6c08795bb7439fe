import { isMiaApiError } from "@mia-sdk/core/guards"
import { fromMinorUnits } from "@mia-sdk/core/money"
import type { CheckoutSession } from "@mia-sdk/core/wire"
import { MiaOrderError } from "../errors.js"
import { type Order, PAID_STATUSES } from "../order.js"
import type { MiaReconciler } from "../reconciliation/reconciler.js"
import type { OrderStore } from "../store/order-store.js"
import type { CheckoutBankPort } from "./checkout-bank-port.js"
import { bankExpiry, paymentTerms } from "./payment-terms.js"

/**
 * What a checkout produced, and whether its QR is new.
 *
 * @example
 * const { created, session } = await checkout.checkout("1001")
 */
export interface CheckoutOutcome {
  readonly created: boolean
  readonly session: CheckoutSession
}

/** What {@link openCheckout} needs, resolved once by the checkout service. */
export interface CheckoutContext {
  readonly store: OrderStore
  readonly bank: CheckoutBankPort
  readonly reconciler: MiaReconciler
  readonly callbackUrl: string
  readonly redirectUrl: string | undefined
  readonly validityMs: number
  readonly reuseMinRemainingFraction: number
  readonly now: () => number
  readonly warn: (message: string, error: unknown) => void
}

const sessionOf = (order: Order, reused: boolean): CheckoutSession | undefined =>
  order.qrId === undefined || order.qrUrl === undefined || order.qrExpiresAt === undefined
    ? undefined
    : {
        orderId: order.orderId,
        qrId: order.qrId,
        url: order.qrUrl,
        expiresAt: order.qrExpiresAt,
        amount: fromMinorUnits(order.amountMinor),
        currency: order.currency,
        status: order.status,
        reused
      }

const notPayable = (order: Order) =>
  new MiaOrderError("order_not_payable", `Order ${order.orderId} is ${order.status}`)

type Reuse =
  | { readonly kind: "reuse"; readonly order: Order }
  | { readonly kind: "replace"; readonly cancelOld: boolean }

/** Whether the order's current QR can be shown again, asking the bank for its status. */
const checkCurrentQr = async (context: CheckoutContext, order: Order): Promise<Reuse> => {
  if (order.qrId === undefined || order.qrExpiresAt === undefined)
    return { kind: "replace", cancelOld: false }
  const remaining = Date.parse(order.qrExpiresAt) - context.now()
  if (!(remaining > 0)) return { kind: "replace", cancelOld: false }
  if (remaining < context.validityMs * context.reuseMinRemainingFraction)
    return { kind: "replace", cancelOld: true }
  let status: string
  try {
    status = (await context.bank.getQr(order.qrId)).status.toLowerCase()
  } catch (error) {
    if (isMiaApiError(error) && error.status === 404) return { kind: "replace", cancelOld: false }
    throw error
  }
  if (status === "active") return { kind: "reuse", order }
  if (status === "paid") {
    // The payment's callback is on its way or lost: fetch it now rather than sell the order twice.
    await context.reconciler.reconcileOrder(order.orderId)
    return { kind: "reuse", order: (await context.store.getOrder(order.orderId)) ?? order }
  }
  return { kind: "replace", cancelOld: false }
}

/**
 * Creates a Dynamic, Fixed-amount QR for an order from the stored amount, or returns the current
 * one while it is Active with enough validity left. A paid order answers with its session (its
 * status tells the storefront to stop); a cancelled one is refused (`order_not_payable`).
 */
export const openCheckout = async (context: CheckoutContext, orderId: string): Promise<CheckoutOutcome> => {
  const order = await context.store.getOrder(orderId)
  if (order === undefined)
    throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
  if (PAID_STATUSES.has(order.status) || order.status === "refunded") {
    const session = sessionOf(order, true)
    if (session === undefined) throw notPayable(order)
    return { created: false, session }
  }
  if (order.status === "cancelled") throw notPayable(order)

  const current = await checkCurrentQr(context, order)
  if (current.kind === "reuse") {
    const session = sessionOf(current.order, true)
    if (session !== undefined) return { created: false, session }
  } else if (current.cancelOld && order.qrId !== undefined) {
    const oldQr = order.qrId
    // Best effort: a paid or already closed QR refuses to cancel, and that is fine.
    await context.bank
      .cancelQr(oldQr, { reason: "Replaced by a new QR for the same order" })
      .catch((error: unknown) => context.warn(`Could not cancel replaced QR ${oldQr}`, error))
  }

  const terms = paymentTerms(order, context)
  const qr = await context.bank.createQr({ type: "Dynamic", amountType: "Fixed", ...terms })
  const updated = await context.store.attachQr(
    order.orderId,
    { qrId: qr.qrId, qrUrl: qr.url, qrExpiresAt: bankExpiry(qr.expiresAt, terms.expiresAt) },
    { actor: "checkout" }
  )
  const session = sessionOf(updated, false)
  if (session === undefined) throw new Error(`Order ${orderId} has no QR after attaching one`)
  return { created: true, session }
}
