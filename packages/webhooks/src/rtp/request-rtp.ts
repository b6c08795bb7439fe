import { isMiaApiError, isMiaRtpAlias } from "@mia-sdk/core/guards"
import { fromMinorUnits } from "@mia-sdk/core/money"
import type { RtpSession } from "@mia-sdk/core/wire"
import { bankExpiry, paymentTerms } from "../checkout/payment-terms.js"
import { MiaOrderError } from "../errors.js"
import { type Order, type OrderRtp, openRtp, toRtpView } from "../order.js"
import type { OrderStore } from "../store/order-store.js"
import type { RtpBankPort } from "./rtp-bank-port.js"
import { syncRtp } from "./sync-rtp.js"

/**
 * What a "pay by phone number" request produced, and whether the request is new.
 *
 * @example
 * const { created, session } = await checkout.requestRtp("1001", { alias: "37369112221" })
 */
export interface RtpOutcome {
  readonly created: boolean
  readonly session: RtpSession
}

/** What {@link requestRtp} needs, resolved once by the checkout service. */
export interface RtpRequestContext {
  readonly store: OrderStore
  readonly rtp: RtpBankPort
  readonly callbackUrl: string
  readonly redirectUrl: string | undefined
  readonly validityMs: number
  readonly maxRequestsPerOrder: number
  readonly now: () => number
  readonly warn: (message: string, error: unknown) => void
}

const ACTOR = "checkout"

const sessionOf = (order: Order, rtp: OrderRtp, reused: boolean): RtpSession => ({
  orderId: order.orderId,
  ...toRtpView(rtp),
  amount: fromMinorUnits(order.amountMinor),
  currency: order.currency,
  orderStatus: order.status,
  reused
})

const notPayable = (order: Order) =>
  new MiaOrderError("order_not_payable", `Order ${order.orderId} is ${order.status}`)

const aliasOf = (input: unknown): string => {
  const alias = typeof input === "object" && input !== null ? (input as { alias?: unknown }).alias : undefined
  if (isMiaRtpAlias(alias)) return alias
  throw new MiaOrderError(
    "invalid_rtp",
    "alias must be the payer's mobile number as 373 followed by 8 digits, without + or spaces (e.g. 37369112221)",
    { field: "alias" }
  )
}

const reload = async (store: OrderStore, order: Order): Promise<Order> =>
  (await store.getOrder(order.orderId)) ?? order

/**
 * Withdraws the order's open request so a new one can go out: one open request per order, or the
 * payer could pay twice. A request the bank refuses to cancel was answered meanwhile: what the
 * bank shows is applied (a payment pays the order) and the caller looks again.
 */
const withdraw = async (context: RtpRequestContext, order: Order, open: OrderRtp): Promise<Order> => {
  try {
    await context.rtp.cancelRtp(open.rtpId, { reason: "Replaced by a request to another phone number" })
    await context.store.applyEvent(
      { type: "rtp_closed", rtpId: open.rtpId, orderId: order.orderId, rtpStatus: "Cancelled" },
      { actor: ACTOR }
    )
  } catch (error) {
    if (!isMiaApiError(error)) throw error
    await syncRtp({ store: context.store, rtp: context.rtp, actor: ACTOR }, order, open.rtpId)
  }
  return reload(context.store, order)
}

/**
 * Sends the order's amount as a payment request to the payer's phone (`alias`), or returns the
 * request already open for the same number (a double-click, a retry). A request open for another
 * number is withdrawn first. A paid order answers with the request that paid it; otherwise it is
 * refused (`order_not_payable`), as is a cancelled order. Run under the order's lock.
 */
export const requestRtp = async (
  context: RtpRequestContext,
  orderId: string,
  input: unknown
): Promise<RtpOutcome> => {
  const alias = aliasOf(input)
  let order = await context.store.getOrder(orderId)
  if (order === undefined)
    throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
  let open = openRtp(order)
  if (open !== undefined && Date.parse(open.expiresAt) <= context.now()) {
    // Past its time: ask the bank how it ended (accepted at the last second, or expired).
    await syncRtp({ store: context.store, rtp: context.rtp, actor: ACTOR }, order, open.rtpId)
    order = await reload(context.store, order)
    open = openRtp(order)
  }
  if (open !== undefined && open.alias === alias && order.status === "pending") {
    return { created: false, session: sessionOf(order, open, true) }
  }
  if (open !== undefined) {
    order = await withdraw(context, order, open)
  }
  if (order.status !== "pending" && order.status !== "failed") {
    const paidBy = order.rtps.find((rtp) => rtp.status === "accepted" && rtp.payId === order?.payId)
    if (paidBy !== undefined) return { created: false, session: sessionOf(order, paidBy, true) }
    throw notPayable(order)
  }

  if (order.rtps.length >= context.maxRequestsPerOrder) {
    // Each request rings someone's phone: an order page must not become a way to pester a number.
    throw new MiaOrderError(
      "rtp_limit_reached",
      `Order ${order.orderId} already sent ${order.rtps.length} payment requests; pay by QR instead`
    )
  }
  const terms = paymentTerms(order, context)
  const created = await context.rtp.createRtp({ alias, ...terms })
  const applied = await context.store.applyEvent(
    {
      type: "rtp_requested",
      rtpId: created.rtpId,
      orderId: order.orderId,
      alias,
      expiresAt: bankExpiry(created.expiresAt, terms.expiresAt),
      requestedAt: new Date(context.now()).toISOString(),
      payload: { rtp: created }
    },
    { actor: ACTOR }
  )
  if (applied.outcome !== "applied") {
    // The order was paid meanwhile (a QR callback does not wait for this lock): take it back.
    await context.rtp
      .cancelRtp(created.rtpId, { reason: "The order was paid another way" })
      .catch((error: unknown) => context.warn(`Could not withdraw payment request ${created.rtpId}`, error))
    throw notPayable(applied.order ?? order)
  }
  const rtp = openRtp(applied.order)
  if (rtp === undefined) throw new Error(`Order ${orderId} has no open payment request after recording one`)
  return { created: true, session: sessionOf(applied.order, rtp, false) }
}
