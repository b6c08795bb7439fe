import { newGuid } from "../ids.js"
import { FieldChecks, isAbsent, type JsonObject } from "../mia/field-checks.js"
import type { SentInstant } from "../mia/records.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { DAY, MINUTE, parseDateTime } from "../time.js"
import { checkAlias, checkCurrency } from "./field-rules.js"
import type { RtpRecord } from "./records.js"
import type { RtpContext } from "./rtp-context.js"
import { isPending, rtpStatusAt } from "./rtp-status.js"

/** `expiresAt` limits: at least a minute and at most 60 days ahead. */
const MIN_VALIDITY = MINUTE
const MAX_VALIDITY = 60 * DAY

const checkExpiry = (checks: FieldChecks, now: number): SentInstant | undefined => {
  const value = checks.value("expiresAt")
  if (isAbsent(value)) return checks.invalid("expiresAt")
  const ms = parseDateTime(value)
  if (ms === undefined || typeof value !== "string") return checks.invalid("expiresAt")
  if (ms <= now) return checks.fail({ code: "12006", args: { actualValue: value } })
  if (ms < now + MIN_VALIDITY || ms > now + MAX_VALIDITY) return checks.invalid("expiresAt")
  return { ms, text: value }
}

const hasPendingRequest = (context: RtpContext, alias: string, now: number): boolean =>
  [...context.books.requests.values()].some(
    (record) => record.alias === alias && isPending(rtpStatusAt(record, now, context.settings).status)
  )

/** `POST /v2/rtp`: validates like the bank, then books a `Created` request. */
export const createRtp = (
  context: RtpContext,
  body: JsonObject
): Outcome<{ rtpId: string; orderId?: string | undefined; expiresAt: string }> => {
  const now = context.clock.now()
  const checks = new FieldChecks(body)
  const alias = checkAlias(checks)
  const amount = checks.money("amount")
  checkCurrency(checks)
  const description = checks.text("description", 500, true)
  const orderId = checks.text("orderId", 100, false)
  const terminalId = checks.text("terminalId", 100, false)
  const callbackUrl = checks.url("callbackUrl", context.urlPolicy)
  const redirectUrl = checks.url("redirectUrl", context.urlPolicy)
  const expiresAt = checkExpiry(checks, now)
  if (
    checks.errors.length > 0 ||
    alias === undefined ||
    amount === undefined ||
    description === undefined ||
    expiresAt === undefined
  ) {
    return fail(...checks.errors)
  }
  if (context.settings.aliasesWithoutMia.has(alias)) return fail({ code: "24006" })
  if (!context.settings.severalPendingPerAlias && hasPendingRequest(context, alias, now)) {
    return fail({ code: "24005" })
  }
  context.books.sequence += 1
  const record: RtpRecord = {
    rtpId: newGuid(),
    sequence: context.books.sequence,
    alias,
    amount,
    currency: "MDL",
    description,
    orderId,
    terminalId,
    callbackUrl,
    redirectUrl,
    expiresAt,
    createdAt: now,
    state: "Pending",
    updatedAt: now
  }
  context.books.requests.set(record.rtpId, record)
  return succeed({ rtpId: record.rtpId, orderId, expiresAt: expiresAt.text })
}
