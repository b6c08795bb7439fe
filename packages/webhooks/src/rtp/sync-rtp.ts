import { isMiaApiError } from "@mia-sdk/core/guards"
import { toMinorUnits } from "@mia-sdk/core/money"
import { type Order, placeholderPayId } from "../order.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"
import { closedRtpStatus, type RtpBankPort } from "./rtp-bank-port.js"

/** What {@link syncRtp} needs. `call` wraps each bank request (the reconciler counts them). */
export interface RtpSyncContext {
  readonly store: OrderStore
  readonly rtp: Pick<RtpBankPort, "getRtp">
  readonly actor: string
  readonly call?: (<T>(request: () => Promise<T>) => Promise<T>) | undefined
}

/** "does not exist or has expired" (spec'd code 23000, or a bare 404): the request is over, unpaid. */
const goneAtTheBank = (error: unknown): boolean =>
  isMiaApiError(error) && (error.status === 404 || error.hasCode("23000"))

/**
 * Asks the bank about one payment request of the order and applies what it shows, through the
 * same store and lifecycle as the callback: `Accepted` is the payment (under the callback's
 * `payId` when the bank's answer carries it, else a placeholder the callback later replaces),
 * `Rejected`/`Expired`/`Cancelled` close the request. Still pending: nothing to apply.
 */
export const syncRtp = async (
  context: RtpSyncContext,
  order: Order,
  rtpId: string
): Promise<ApplyResult | undefined> => {
  const call = context.call ?? ((request) => request())
  let answer: Awaited<ReturnType<RtpBankPort["getRtp"]>>
  try {
    answer = await call(() => context.rtp.getRtp(rtpId))
  } catch (error) {
    if (!goneAtTheBank(error)) throw error
    return context.store.applyEvent(
      {
        type: "rtp_closed",
        rtpId,
        orderId: order.orderId,
        rtpStatus: "Expired",
        payload: { reconciliation: "not found" }
      },
      { actor: context.actor }
    )
  }
  const status = answer.status.toLowerCase()
  if (status === "accepted" || status === "refunded") {
    const amountMinor = answer.amount === undefined ? undefined : toMinorUnits(answer.amount)
    // Without the bank's amount there is nothing safe to record; the callback will bring it.
    if (amountMinor === undefined || amountMinor <= 0) return undefined
    return context.store.applyEvent(
      {
        type: "payment",
        payId: answer.payId ?? placeholderPayId(rtpId),
        rtpId,
        orderId: order.orderId,
        amountMinor,
        currency: (answer.currency ?? "MDL").toUpperCase(),
        executedAt: answer.updatedAt,
        payload: { reconciliation: answer }
      },
      { actor: context.actor }
    )
  }
  const closed = closedRtpStatus(status)
  if (closed === undefined) return undefined
  return context.store.applyEvent(
    {
      type: "rtp_closed",
      rtpId,
      orderId: order.orderId,
      rtpStatus: closed,
      payload: { reconciliation: answer }
    },
    { actor: context.actor }
  )
}
