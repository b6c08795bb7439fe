import type { MiaRtpCallbackNotification } from "@mia-sdk/core/callback"
import { isMiaApiError } from "@mia-sdk/core/guards"
import { toMinorUnits } from "@mia-sdk/core/money"
import type { PaymentEvent } from "../order-event.js"
import type { RtpBankPort } from "../rtp/rtp-bank-port.js"
import { answer, type MiaCallbackResult } from "./callback-answer.js"

/** What an RTP callback needs from the callback handler around it. */
export interface RtpCallbackContext {
  readonly rtp: Pick<RtpBankPort, "getRtp"> | undefined
  readonly report: (error: unknown, stage: "confirm" | "store") => void
}

const paid = (status: string) => /^(accepted|refunded)$/i.test(status)

/**
 * The payment an RTP callback reports, confirmed with the bank's record of the request when the
 * RTP client is given: the request must exist and be accepted, and the bank's amount, currency
 * and order win over the callback's. The signature covers values, not key names, so a genuine QR
 * callback with `qrId` renamed to `rtpId` verifies as an RTP callback: the bank does not know that
 * id as a request, and it is refused. Without the client the signature is trusted, as for QR.
 */
export const rtpPaymentEvent = async (
  context: RtpCallbackContext,
  notification: MiaRtpCallbackNotification
): Promise<PaymentEvent | MiaCallbackResult> => {
  const { payId, rtpId } = notification
  let confirmed: Awaited<ReturnType<RtpBankPort["getRtp"]>> | undefined
  if (context.rtp !== undefined) {
    try {
      confirmed = await context.rtp.getRtp(rtpId)
    } catch (error) {
      if (isMiaApiError(error) && (error.status === 404 || error.hasCode("23000"))) {
        return answer(400, "unconfirmed", `The bank does not know payment request ${rtpId}; not applied`, {
          payId
        })
      }
      context.report(error, "confirm")
      return answer(
        503,
        "unavailable",
        `Payment request ${rtpId} could not be confirmed with the bank; send it again`,
        {
          payId
        }
      )
    }
    if (confirmed.rtpId !== rtpId || (confirmed.payId !== undefined && confirmed.payId !== payId)) {
      return answer(400, "unconfirmed", `The bank answered for another payment than ${payId}; not applied`, {
        payId
      })
    }
    if (!paid(confirmed.status)) {
      // Accepted at the payer's bank, not yet in the status we read: the bank retries until 200.
      return answer(
        503,
        "deferred",
        `Payment request ${rtpId} is ${confirmed.status} at the bank; send it again`,
        {
          payId
        }
      )
    }
  }
  const amount = confirmed?.amount ?? notification.amount
  const amountMinor = toMinorUnits(amount)
  if (amountMinor === undefined || amountMinor <= 0) {
    return answer(
      400,
      "malformed",
      `Signed, but the amount ${String(amount)} is not a positive sum with at most 2 decimals`,
      {
        payId
      }
    )
  }
  return {
    type: "payment",
    payId,
    rtpId,
    orderId: confirmed?.orderId ?? notification.orderId,
    amountMinor,
    currency: (confirmed?.currency ?? notification.currency).toUpperCase(),
    executedAt: notification.executedAt,
    payload:
      confirmed === undefined
        ? { callback: notification.raw }
        : { callback: notification.raw, confirmation: confirmed }
  }
}
