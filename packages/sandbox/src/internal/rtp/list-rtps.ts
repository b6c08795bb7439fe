import type { SandboxRtpStatus } from "../../rtp-views.js"
import { fail, succeed } from "../outcome.js"
import { ListQuery, matches, pageOf, within } from "../mia/list-query.js"
import type { RtpRecord } from "./records.js"
import type { RtpContext } from "./rtp-context.js"
import { rtpStatusAt } from "./rtp-status.js"
import { rtpWireView } from "./views.js"

const STATUSES: ReadonlyArray<SandboxRtpStatus> = [
  "Created",
  "Active",
  "Cancelled",
  "Accepted",
  "Rejected",
  "Expired",
  "Refunded"
]

/** Page size when `count` is left out: the docs call it required, the real sandbox took its absence. */
const PAGE_SIZE = 10

/**
 * `GET /v2/rtp`: exact filters (`amount` and `description` included), inclusive
 * date ranges, `totalCount` before paging. `sortBy=type` is accepted as documented; every request
 * has the same type, so it keeps creation order.
 */
export const listRtps = (context: RtpContext, params: URLSearchParams) => {
  const query = new ListQuery(params)
  const rtpId = query.guid("rtpId")
  const orderId = query.text("orderId", 100)
  const amount = query.amount("amount")
  const description = query.text("description", 500)
  const status = query.oneOf("status", STATUSES, { code: "22001" })
  const createdAtFrom = query.instant("createdAtFrom")
  const createdAtTo = query.instant("createdAtTo")
  const expiresAtFrom = query.instant("expiresAtFrom")
  const expiresAtTo = query.instant("expiresAtTo")
  const terminalId = query.text("terminalId", 100)
  const paging = query.paging(PAGE_SIZE)
  const sorting = query.sorting(
    ["orderId", "type", "amount", "status", "createdAt", "expiresAt"],
    "createdAt",
    { code: context.settings.sortingErrorCode }
  )
  if (query.errors.length > 0) return fail(...query.errors)

  const now = context.clock.now()
  const statusOf = (record: RtpRecord) => rtpStatusAt(record, now, context.settings).status
  const keep = (record: RtpRecord): boolean =>
    matches(record.rtpId, rtpId) &&
    matches(record.orderId, orderId) &&
    (amount === undefined || record.amount === amount) &&
    matches(record.description, description) &&
    matches(statusOf(record), status) &&
    within(record.createdAt, createdAtFrom, createdAtTo) &&
    within(record.expiresAt.ms, expiresAtFrom, expiresAtTo) &&
    matches(record.terminalId, terminalId)
  const sortKey = (record: RtpRecord): string | number | undefined => {
    switch (sorting.field) {
      case "orderId":
        return record.orderId
      case "type":
        return undefined
      case "amount":
        return record.amount
      case "status":
        return statusOf(record)
      case "createdAt":
        return record.createdAt
      case "expiresAt":
        return record.expiresAt.ms
    }
  }
  const page = pageOf([...context.books.requests.values()].filter(keep), sortKey, sorting, paging)
  return succeed({
    totalCount: page.totalCount,
    items: page.items.map((record) => rtpWireView(record, now, context.settings))
  })
}
