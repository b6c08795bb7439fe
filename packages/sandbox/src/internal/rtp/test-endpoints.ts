import { fromMinorUnits, signMiaCallback } from "@mia-sdk/core"
import { invalidParameter } from "../error-catalog.js"
import { FieldChecks, type JsonObject } from "../mia/field-checks.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { acceptRtp, rejectRtp, requirePending } from "./decide-rtp.js"
import { checkCurrency, validationFirst } from "./field-rules.js"
import { findRtp } from "./lookups.js"
import type { RtpPaymentRecord, RtpRecord } from "./records.js"
import type { RtpContext } from "./rtp-context.js"
import { callbackResult } from "./views.js"

/** The status under the field name(s) the `testStatusField` switch picks. */
const statusFields = (context: RtpContext, status: string): Record<string, string> => {
  switch (context.settings.testStatusField) {
    case "status":
      return { status }
    case "rtpStatus":
      return { rtpStatus: status }
    case "both":
      return { status, rtpStatus: status }
  }
}

/** The test-accept answer, shaped by the `testStatusField` and `testAcceptSignature` switches. */
export const acceptAnswer = async (
  context: RtpContext,
  record: RtpRecord,
  payment: RtpPaymentRecord
): Promise<Record<string, unknown>> => {
  const result = callbackResult(record, payment)
  const { rtpStatus: _rtpStatus, orderId, ...paymentFields } = result
  const answer: Record<string, unknown> = {
    rtpId: record.rtpId,
    ...statusFields(context, "Accepted"),
    ...(record.orderId === undefined ? {} : { orderId }),
    ...paymentFields
  }
  switch (context.settings.testAcceptSignature) {
    case "signature":
      return { ...answer, signature: await signMiaCallback(result, context.signatureKey) }
    case "signatureKey":
      return { ...answer, signatureKey: context.signatureKey }
    case "none":
      return answer
  }
}

/** The test-reject answer, shaped by the `testStatusField` and `testRejectAnswer` switches. */
export const rejectAnswer = (context: RtpContext, record: RtpRecord): Record<string, unknown> => {
  const short = {
    rtpId: record.rtpId,
    ...statusFields(context, "Rejected"),
    ...(record.orderId === undefined ? {} : { orderId: record.orderId })
  }
  if (context.settings.testRejectAnswer === "short") return short
  return {
    ...short,
    orderId: record.orderId ?? null,
    payId: null,
    amount: fromMinorUnits(record.amount),
    commission: null,
    currency: record.currency,
    payerName: null,
    payerIban: null,
    executedAt: null,
    signature: null
  }
}

/**
 * `POST /v2/rtp/{rtpId}/test-accept`: `{ amount, currency }` as the payer pays
 * it; the amount must be the request's unless the `acceptAmount: "any"` switch is on (the request
 * is paid at its own amount either way: an RTP amount is fixed).
 */
export const testAccept = async (
  context: RtpContext,
  rawRtpId: string,
  body: JsonObject
): Promise<Outcome<Record<string, unknown>>> => {
  const found = findRtp(context, rawRtpId)
  if (!found.ok) return found
  const record = found.value
  const checks = new FieldChecks(body)
  const amount = checks.money("amount")
  checkCurrency(checks)
  if (checks.errors.length > 0 || amount === undefined) return fail(...validationFirst(checks.errors))
  const pending = requirePending(context, record)
  if (!pending.ok) return pending
  if (context.settings.acceptAmount === "exact" && amount !== record.amount) {
    return fail(invalidParameter("amount"))
  }
  const payment = acceptRtp(context, record, {})
  return succeed(await acceptAnswer(context, record, payment))
}

/** `POST /v2/rtp/{rtpId}/test-reject`: no body, or `{}`. */
export const testReject = (context: RtpContext, rawRtpId: string): Outcome<Record<string, unknown>> => {
  const found = findRtp(context, rawRtpId)
  if (!found.ok) return found
  const pending = requirePending(context, found.value)
  if (!pending.ok) return pending
  rejectRtp(context, found.value)
  return succeed(rejectAnswer(context, found.value))
}
