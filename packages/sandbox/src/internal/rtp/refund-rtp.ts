import { newGuid } from "../ids.js"
import { FieldChecks, isAbsent, type JsonObject } from "../mia/field-checks.js"
import { fail, succeed } from "../outcome.js"
import { findByPayId } from "./lookups.js"
import type { RtpContext } from "./rtp-context.js"

/**
 * `POST /v2/rtp/{payId}/refund`: the whole payment of an accepted request, once.
 * An `amount` is not documented; when one is sent and it is not the paid amount the bank answers
 * 409 34001 (partial refunds are not available). A second refund is 409 24005. The answer's shape
 * and whether the request's status changes follow the `refundAnswer` and `refundSetsStatus` switches.
 */
export const refundRtp = (context: RtpContext, rawPayId: string, body: JsonObject) => {
  const found = findByPayId(context, rawPayId)
  if (!found.ok) return found
  const record = found.value
  const payment = record.payment
  if (!payment) return fail({ code: "23000" })
  const checks = new FieldChecks(body)
  const reason = checks.text("reason", 500, true)
  const amount = isAbsent(checks.value("amount")) ? undefined : checks.money("amount")
  if (checks.errors.length > 0 || reason === undefined) return fail(...checks.errors)
  if (amount !== undefined && amount !== payment.amount) {
    return fail({ code: "34001", args: { paymentId: payment.payId } })
  }
  if (record.refund) return fail({ code: "24005" })
  const refund = { refundId: newGuid(), amount: payment.amount, reason, createdAt: context.clock.now() }
  record.refund = refund
  return succeed(
    context.settings.refundAnswer === "refundId"
      ? { refundId: refund.refundId, status: "Created" as const }
      : { payId: payment.payId, status: "Refunded" as const }
  )
}
