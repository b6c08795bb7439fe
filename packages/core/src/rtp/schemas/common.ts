import type { OpenEnum } from "../../internal/open-enum.js"
import { openEnum } from "../../internal/wire-schema.js"

/**
 * Status of a request to pay. maib's pages use several vocabularies (`Created`/`Active` on the
 * status and list answers, `Pending` and `Refunded` on the sandbox pages), so every documented
 * value is known and any other passes through. `Created` and `Active` both mean "waiting for the
 * payer".
 *
 * @example
 * const waiting = (status: MiaRtpStatus) => status === "Created" || status === "Active" || status === "Pending"
 */
export type MiaRtpStatus = OpenEnum<
  "Created" | "Active" | "Pending" | "Accepted" | "Rejected" | "Expired" | "Cancelled" | "Refunded"
>
export const RTP_STATUSES = [
  "Created",
  "Active",
  "Pending",
  "Accepted",
  "Rejected",
  "Expired",
  "Cancelled",
  "Refunded"
] as const

export const rtpStatus = openEnum(RTP_STATUSES)
