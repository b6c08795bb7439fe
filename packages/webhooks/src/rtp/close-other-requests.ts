import { isMiaApiError } from "@mia-sdk/core/guards"
import { type Order, openRtp } from "../order.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"
import type { RtpBankPort } from "./rtp-bank-port.js"
import { syncRtp } from "./sync-rtp.js"

/** What {@link closeOtherRequests} needs; a missing port just skips that side. */
export interface CloseRequestsContext {
  readonly store: OrderStore
  readonly rtp?: Pick<RtpBankPort, "getRtp" | "cancelRtp"> | undefined
  readonly qr?: { cancelQr(qrId: string, input: { readonly reason: string }): Promise<unknown> } | undefined
  readonly actor: string
  readonly now: () => number
  readonly warn: (message: string, error: unknown) => void
  readonly call?: (<T>(request: () => Promise<T>) => Promise<T>) | undefined
}

const REASON = "The order was paid another way"

/**
 * Once an order is paid, withdraws what could still take a second payment: the open payment
 * request when the QR paid, the QR when the payment request paid. Best effort: a request the
 * payer already accepted can't be withdrawn; the bank's answer is then applied (its payment is
 * flagged as a duplicate to refund, never lost), and a network failure is left to the reconciler,
 * which checks a paid order with an open request again in 30 seconds.
 */
export const closeOtherRequests = async (
  context: CloseRequestsContext,
  order: Order,
  paidThrough: { readonly rtpId?: string | undefined }
): Promise<ReadonlyArray<ApplyResult>> => {
  if (order.status === "pending" || order.status === "failed") return []
  const call = context.call ?? ((request) => request())
  const results: Array<ApplyResult> = []
  const rtp = openRtp(order)
  if (rtp !== undefined && context.rtp !== undefined) {
    const port = context.rtp
    try {
      await call(() => port.cancelRtp(rtp.rtpId, { reason: REASON }))
      results.push(
        await context.store.applyEvent(
          { type: "rtp_closed", rtpId: rtp.rtpId, orderId: order.orderId, rtpStatus: "Cancelled" },
          { actor: context.actor }
        )
      )
    } catch (error) {
      if (!isMiaApiError(error)) {
        context.warn(`Could not withdraw payment request ${rtp.rtpId} of paid order ${order.orderId}`, error)
      } else {
        // Refused: the payer answered first. Record what the bank shows (maybe a second payment).
        const synced = await syncRtp(
          { store: context.store, rtp: port, actor: context.actor, call },
          order,
          rtp.rtpId
        )
        if (synced !== undefined) results.push(synced)
      }
    }
  }
  const qrLive = order.qrExpiresAt !== undefined && Date.parse(order.qrExpiresAt) > context.now()
  if (paidThrough.rtpId !== undefined && order.qrId !== undefined && qrLive && context.qr !== undefined) {
    const { qr } = context
    const qrId = order.qrId
    // Nothing to record: a QR closing on a paid order changes nothing, and a payment through it
    // meanwhile arrives by callback and is flagged like any second payment.
    await call(() => qr.cancelQr(qrId, { reason: REASON })).catch((error: unknown) =>
      context.warn(`Could not cancel QR ${qrId} of order ${order.orderId}, paid by phone`, error)
    )
  }
  return results
}
