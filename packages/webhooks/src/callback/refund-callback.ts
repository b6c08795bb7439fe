import type { MiaCallbackNotification } from "@mia-sdk/core/callback"
import { isMiaApiError } from "@mia-sdk/core/guards"
import { toMinorUnits } from "@mia-sdk/core/money"
import type { RefundEvent } from "../order-event.js"
import type { OrderStore } from "../store/order-store.js"
import { answer, type MiaCallbackResult } from "./callback-answer.js"
import type { ConfirmedPayment, PaymentConfirmationPort } from "./payment-confirmation.js"

/** What a refund callback handler needs from the callback handler around it. */
export interface RefundCallbackContext {
  readonly store: OrderStore
  readonly confirmWith: PaymentConfirmationPort | undefined
  readonly apply: (event: RefundEvent, payId: string) => Promise<MiaCallbackResult>
  readonly report: (error: unknown, stage: "confirm" | "store") => void
}

const REJECTED_REFUND = /^(rejected|declined|failed)$/i

/** What the bank shows about a payment's refunds, or `undefined` when it shows none. */
const bankRefundState = (payment: ConfirmedPayment): "full" | "partial" | undefined => {
  if (payment.status.toLowerCase() === "refunded") return "full"
  return payment.refundedAt === undefined || payment.refundedAt === "" ? undefined : "partial"
}

/**
 * A callback that says "refund". The MIA signature covers values, not key names, so a genuine
 * payment callback with `referenceId` renamed to `refundId` verifies too: nothing here is
 * believed from the callback alone.
 * - a refund the SDK made (the bank's `refundId` is in the ledger): already recorded;
 * - otherwise only what the bank's own record of the payment (`getPayment`) shows is applied: a
 *   full refund when it says `Refunded`, a partial one when it shows a refund and the callback's
 *   amount leaves the payment partly paid;
 * - anything else, and every refund callback without a bank client, is kept as an unconfirmed
 *   refund notice (answered 200 so the bank stops) and changes no order.
 */
export const handleRefundCallback = async (
  context: RefundCallbackContext,
  notification: MiaCallbackNotification,
  refundId: string
): Promise<MiaCallbackResult> => {
  const { store, confirmWith } = context
  const payId = notification.payId
  const amountMinor = toMinorUnits(notification.raw.amount as number | string)
  if (amountMinor === undefined || amountMinor <= 0) {
    return answer(
      400,
      "malformed",
      `Signed, but the refund amount ${String(notification.raw.amount)} is not a positive sum with 2 decimals`,
      { payId }
    )
  }
  if (REJECTED_REFUND.test(String(notification.raw.status ?? ""))) {
    return answer(200, "ignored", `Refund ${refundId} was rejected by the bank; nothing to record`, { payId })
  }
  const hold = async (why: string): Promise<MiaCallbackResult> => {
    await store.recordRefundNotice({
      refundId,
      payId,
      orderId: notification.orderId,
      amountMinor,
      reason: why,
      receivedAt: new Date().toISOString(),
      payload: { callback: notification.raw }
    })
    return answer(200, "held", `Refund ${refundId} kept for review, not applied: ${why}`, { payId })
  }
  try {
    const [ours] = await store.listRefunds({ bankRefundId: refundId, limit: 1 })
    if (ours !== undefined && ours.payId === payId) {
      return answer(200, "duplicate", `Refund ${refundId} was made by this shop and is already recorded`, {
        payId
      })
    }
    if (confirmWith === undefined) {
      return await hold(
        "no bank client (confirmWith) to confirm it; refund callbacks are never trusted alone"
      )
    }
  } catch (error) {
    context.report(error, "store")
    return answer(503, "unavailable", `Refund ${refundId} could not be recorded; send it again`, { payId })
  }
  let payment: ConfirmedPayment
  try {
    payment = await confirmWith.getPayment(payId)
  } catch (error) {
    if (isMiaApiError(error) && (error.status === 404 || error.hasCode("14003"))) {
      return hold(`the bank does not know payment ${payId}`)
    }
    context.report(error, "confirm")
    return answer(
      503,
      "unavailable",
      `Refund ${refundId} could not be confirmed with the bank; send it again`,
      { payId }
    )
  }
  const state = payment.payId === payId ? bankRefundState(payment) : undefined
  if (state === undefined) return hold(`the bank shows no refund of payment ${payId}`)
  try {
    // A refund the shop asked for whose answer was lost: the callback tells its outcome.
    const [pending] = (await store.listRefunds({ status: "pending" })).filter(
      (refund) => refund.payId === payId && refund.amountMinor === amountMinor
    )
    if (pending !== undefined) {
      const finished = await store.finishRefund(pending.refundKey, {
        status: "accepted",
        bankRefundId: refundId,
        bankStatus: "Accepted"
      })
      return answer(
        200,
        "applied",
        `Refund ${refundId} confirmed the shop's pending refund ${pending.refundKey}`,
        {
          payId,
          order:
            finished.applied !== undefined && "order" in finished.applied ? finished.applied.order : undefined
        }
      )
    }
  } catch (error) {
    context.report(error, "store")
    return answer(503, "unavailable", `Refund ${refundId} could not be recorded; send it again`, { payId })
  }
  const result = await context.apply(
    {
      type: "refund",
      refundId,
      payId,
      orderId: payment.orderId ?? notification.orderId,
      amountMinor,
      full: state === "full",
      payload: { callback: notification.raw, confirmation: payment }
    },
    payId
  )
  if (result.outcome === "ignored" && result.code === "refund_unconfirmed") return hold(result.message)
  return result
}
