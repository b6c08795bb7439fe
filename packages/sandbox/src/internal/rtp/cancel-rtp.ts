import { FieldChecks, type JsonObject } from "../mia/field-checks.js"
import { fail, succeed } from "../outcome.js"
import { findRtp } from "./lookups.js"
import type { RtpContext } from "./rtp-context.js"
import { isPending, rtpStatusAt } from "./rtp-status.js"

/**
 * `POST /v2/rtp/{rtpId}/cancel`: a pending request becomes `Cancelled`; a second
 * cancel answers the same success (the docs call it idempotent); any other status is 409 24005.
 */
export const cancelRtp = (context: RtpContext, rawRtpId: string, body: JsonObject) => {
  const found = findRtp(context, rawRtpId)
  if (!found.ok) return found
  const record = found.value
  const checks = new FieldChecks(body)
  const reason = checks.text("reason", 500, true)
  if (reason === undefined) return fail(...checks.errors)
  const now = context.clock.now()
  const { status } = rtpStatusAt(record, now, context.settings)
  if (isPending(status)) {
    record.state = "Cancelled"
    record.updatedAt = now
  } else if (status !== "Cancelled") return fail({ code: "24005" })
  return succeed({ rtpId: record.rtpId, status: "Cancelled" as const })
}
