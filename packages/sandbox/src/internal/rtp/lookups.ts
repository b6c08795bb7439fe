import { invalidParameter } from "../error-catalog.js"
import { parseGuid } from "../ids.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import type { RtpRecord } from "./records.js"
import type { RtpContext } from "./rtp-context.js"
import { rtpStatusAt } from "./rtp-status.js"
import { rtpWireView } from "./views.js"

const notFound = (): Outcome<never> => fail({ code: "23000" })

/**
 * Looks a request up by the id in a path: 12000 for a malformed id, 404 23000 for an unknown one,
 * and for an expired one too when the `expiredRequests: "not-found"` switch is on.
 */
export const findRtp = (context: RtpContext, rawRtpId: string): Outcome<RtpRecord> => {
  const rtpId = parseGuid(rawRtpId)
  if (rtpId === undefined) return fail(invalidParameter("rtpId"))
  const record = context.books.requests.get(rtpId)
  if (!record) return notFound()
  if (context.settings.expiredRequests === "not-found") {
    const { status } = rtpStatusAt(record, context.clock.now(), context.settings)
    if (status === "Expired") return notFound()
  }
  return succeed(record)
}

/** The request an accepted payment belongs to; 12000 for a malformed id, 404 23000 for an unknown one. */
export const findByPayId = (context: RtpContext, rawPayId: string): Outcome<RtpRecord> => {
  const payId = parseGuid(rawPayId)
  if (payId === undefined) return fail(invalidParameter("payId"))
  const record = context.books.requests.get(context.books.byPayId.get(payId) ?? "")
  return record ? succeed(record) : notFound()
}

/** `GET /v2/rtp/{rtpId}`. */
export const getRtp = (context: RtpContext, rawRtpId: string) => {
  const found = findRtp(context, rawRtpId)
  return found.ok ? succeed(rtpWireView(found.value, context.clock.now(), context.settings)) : found
}
