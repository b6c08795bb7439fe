import { newGuid } from "../ids.js"
import { SANDBOX_TEST_IBAN } from "../mia/payment-operations.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import type { RtpPaymentRecord, RtpRecord } from "./records.js"
import type { RtpContext } from "./rtp-context.js"
import { isPending, rtpStatusAt } from "./rtp-status.js"
import { callbackResult } from "./views.js"

/** Who pays; defaults are the payer of the docs' example and the official sandbox test IBAN. */
export interface Payer {
  readonly payerName?: string | undefined
  readonly payerIban?: string | undefined
}

const DEFAULT_PAYER_NAME = "John D."

/** 409 24005 unless the request is still `Created` or `Active`. */
export const requirePending = (context: RtpContext, record: RtpRecord): Outcome<RtpRecord> =>
  isPending(rtpStatusAt(record, context.clock.now(), context.settings).status)
    ? succeed(record)
    : fail({ code: "24005" })

/**
 * The payer accepts a pending request: the payment is booked, the request turns `Accepted` and
 * the signed callback is queued for the request's `callbackUrl`. The caller checked
 * that the request is pending; this step is synchronous, so two accepts can't both pass.
 */
export const acceptRtp = (context: RtpContext, record: RtpRecord, payer: Payer): RtpPaymentRecord => {
  const now = context.clock.now()
  const payment: RtpPaymentRecord = {
    payId: newGuid(),
    amount: record.amount,
    commission: Math.round(record.amount * context.settings.commissionRate),
    payerName: payer.payerName ?? DEFAULT_PAYER_NAME,
    payerIban: payer.payerIban ?? SANDBOX_TEST_IBAN,
    executedAt: now
  }
  record.state = "Accepted"
  record.updatedAt = now
  record.payment = payment
  context.books.byPayId.set(payment.payId, record.rtpId)
  if (record.callbackUrl) {
    context.notify({
      kind: "rtp",
      url: record.callbackUrl,
      rtpId: record.rtpId,
      payId: payment.payId,
      result: callbackResult(record, payment)
    })
  }
  return payment
}

/** The payer declines a pending request; no callback (the bank only calls back on payment). */
export const rejectRtp = (context: RtpContext, record: RtpRecord): void => {
  record.state = "Rejected"
  record.updatedAt = context.clock.now()
}
