import type { SandboxRtp, SandboxRtpInboxItem, SandboxRtpPayment } from "../../rtp-views.js"
import { FieldChecks, type JsonObject } from "../mia/field-checks.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { acceptRtp, type Payer, rejectRtp, requirePending } from "./decide-rtp.js"
import { ALIAS } from "./field-rules.js"
import { findRtp } from "./lookups.js"
import type { RtpContext } from "./rtp-context.js"
import { inboxView, paymentView, rtpView } from "./views.js"

/**
 * The payer's phone: what the simulator shows and does in place of the payer's banking app. The
 * HTTP routes under `/v2/sandbox/rtp/inbox` and `sandbox.rtp` both go through here.
 */

/** Pending requests to a phone number, newest first; 12000 when it is not `373` + 8 digits. */
export const readInbox = (
  context: RtpContext,
  alias: string
): Outcome<{ alias: string; items: ReadonlyArray<SandboxRtpInboxItem> }> => {
  if (!ALIAS.test(alias)) return fail({ code: "12000", args: { parameter: "alias" } })
  const now = context.clock.now()
  const items = [...context.books.requests.values()]
    .filter((record) => record.alias === alias)
    .sort((a, b) => b.sequence - a.sequence)
    .flatMap((record) => inboxView(record, now, context.settings) ?? [])
  return succeed({ alias, items })
}

/** Reads the optional `{ payerName, payerIban }` the phone may send with an acceptance. */
export const payerFrom = (body: JsonObject): Outcome<Payer> => {
  const checks = new FieldChecks(body)
  const payerName = checks.text("payerName", 200, false)
  const payerIban = checks.text("payerIban", 100, false)
  return checks.errors.length > 0 ? fail(...checks.errors) : succeed({ payerName, payerIban })
}

/** The phone accepts: same effects as test-accept, at the request's own amount. */
export const acceptOnPhone = (
  context: RtpContext,
  rawRtpId: string,
  payer: Payer
): Outcome<SandboxRtpPayment> => {
  const found = findRtp(context, rawRtpId)
  if (!found.ok) return found
  const pending = requirePending(context, found.value)
  if (!pending.ok) return pending
  return succeed(paymentView(found.value, acceptRtp(context, found.value, payer)))
}

/** The phone declines: same effects as test-reject. */
export const rejectOnPhone = (context: RtpContext, rawRtpId: string): Outcome<SandboxRtp> => {
  const found = findRtp(context, rawRtpId)
  if (!found.ok) return found
  const pending = requirePending(context, found.value)
  if (!pending.ok) return pending
  rejectRtp(context, found.value)
  return succeed(rtpView(found.value, context.clock.now(), context.settings))
}
