import { isMiaApiError } from "@mia-sdk/core/guards"
import { type Order, openRtp } from "../order.js"
import type { RefundRecord } from "../refunds/refund-record.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"
import { closeOtherRequests } from "./close-other-requests.js"
import type { RtpBankPort } from "./rtp-bank-port.js"
import { syncRtp } from "./sync-rtp.js"

/** What the reconciler passes for its RTP checks. */
export interface RtpReconcileContext {
  readonly store: OrderStore
  readonly rtp: Pick<RtpBankPort, "getRtp" | "cancelRtp" | "refundRtp">
  readonly qr?: { cancelQr(qrId: string, input: { readonly reason: string }): Promise<unknown> } | undefined
  readonly actor: string
  readonly now: () => number
  readonly warn: (message: string, error: unknown) => void
  readonly call: <T>(request: () => Promise<T>) => Promise<T>
}

/** The RTP whose payment paid the order, if it was paid by phone. */
export const paidByRtp = (order: Order): string | undefined =>
  order.payId === undefined ? undefined : order.rtps.find((rtp) => rtp.payId === order.payId)?.rtpId

/**
 * Recovers what a lost RTP callback would have said: the open request's outcome at the bank (a
 * payment, or its unpaid end). Then, once the order is paid either way, withdraws what is still
 * open (the request if the QR paid, the QR if the request did).
 */
export const reconcileRtps = async (
  context: RtpReconcileContext,
  order: Order
): Promise<ReadonlyArray<ApplyResult>> => {
  const results: Array<ApplyResult> = []
  const open = openRtp(order)
  if (open !== undefined && order.status === "pending") {
    const synced = await syncRtp(context, order, open.rtpId)
    if (synced !== undefined) results.push(synced)
  }
  const current = (await context.store.getOrder(order.orderId)) ?? order
  const paidNow = results.some(
    (result) => result.outcome === "applied" && result.transition.code === "payment_received"
  )
  if (openRtp(current) !== undefined || paidNow) {
    results.push(...(await closeOtherRequests(context, current, { rtpId: paidByRtp(current) })))
  }
  return results
}

/** The bank's code for "this payment was already refunded" (an RTP is refunded once, in full). */
const ALREADY_REFUNDED = "24005"

/**
 * Settles a refund of an RTP payment whose answer was lost. The RTP API has no refund lookup,
 * but it refunds a payment once and in full, so asking again is safe and conclusive: accepted
 * now, or refused as already refunded (the first request went through). Any other refusal fails
 * it; no answer again leaves it pending.
 */
export const settleRtpRefund = async (context: RtpReconcileContext, refund: RefundRecord): Promise<void> => {
  try {
    const answer = await context.call(() => context.rtp.refundRtp(refund.payId, { reason: refund.reason }))
    await context.store.finishRefund(refund.refundKey, {
      status: "accepted",
      bankRefundId: answer.refundId,
      bankStatus: answer.status
    })
  } catch (error) {
    if (!isMiaApiError(error)) throw error
    if (error.hasCode(ALREADY_REFUNDED)) {
      await context.store.finishRefund(refund.refundKey, { status: "accepted", bankStatus: "Refunded" })
      return
    }
    await context.store.finishRefund(refund.refundKey, { status: "failed", failure: error.message })
  }
}
