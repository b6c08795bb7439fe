import type { Issue } from "../../internal/validation.js"
import { buildQuery, type Field, type Query } from "../../qr/prepare/list-query.js"
import { LIMITS } from "../../qr/prepare/limits.js"
import type { MiaListRtpsQuery } from "../inputs.js"

/** The statuses the list filter accepts: the six the bank documents for it. */
const FILTER_STATUSES = ["Created", "Active", "Cancelled", "Accepted", "Rejected", "Expired"] as const

const RTP_FIELDS: Readonly<Record<string, Field>> = {
  rtpId: { kind: "string", max: 100 },
  orderId: { kind: "string", max: LIMITS.orderId },
  amount: { kind: "amount" },
  description: { kind: "string", max: LIMITS.description },
  status: { kind: "enum", values: FILTER_STATUSES },
  createdAtFrom: { kind: "date" },
  createdAtTo: { kind: "date" },
  expiresAtFrom: { kind: "date" },
  expiresAtTo: { kind: "date" },
  terminalId: { kind: "string", max: LIMITS.terminalId }
}

/**
 * Query string of `listRtps`. maib also lists `type` as a sort key, but a request to pay has no
 * type, so it is not offered.
 *
 * @example
 * prepareListRtps({ status: "accepted" }) // { count: "20", offset: "0", status: "Accepted" }
 */
export const prepareListRtps = (query: MiaListRtpsQuery | undefined): Query | Issue =>
  buildQuery(
    query as Record<string, unknown> | undefined,
    RTP_FIELDS,
    ["orderId", "amount", "status", "createdAt", "expiresAt"],
    [
      ["createdAtFrom", "createdAtTo", "date"],
      ["expiresAtFrom", "expiresAtTo", "date"]
    ]
  )
