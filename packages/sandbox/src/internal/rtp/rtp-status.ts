import type { SandboxRtpStatus } from "../../rtp-views.js"
import type { RtpRecord } from "./records.js"
import type { ResolvedRtpSettings } from "./rtp-settings.js"

/**
 * The status a request shows at `now`, and since when. Expiry and the `Created` -> `Active` step
 * are read from the clock on every look instead of timers, so moving the sandbox clock is enough.
 */
export const rtpStatusAt = (
  record: RtpRecord,
  now: number,
  settings: ResolvedRtpSettings
): { readonly status: SandboxRtpStatus; readonly since: number } => {
  switch (record.state) {
    case "Pending": {
      if (now >= record.expiresAt.ms) return { status: "Expired", since: record.expiresAt.ms }
      const activeAt =
        settings.activeAfterMs === undefined ? undefined : record.createdAt + settings.activeAfterMs
      return activeAt !== undefined && now >= activeAt
        ? { status: "Active", since: activeAt }
        : { status: "Created", since: record.createdAt }
    }
    case "Accepted":
      return record.refund && settings.refundSetsStatus
        ? { status: "Refunded", since: record.refund.createdAt }
        : { status: "Accepted", since: record.updatedAt }
    default:
      return { status: record.state, since: record.updatedAt }
  }
}

/** `Created` or `Active`: the payer can still decide, the merchant can still cancel. */
export const isPending = (status: SandboxRtpStatus): status is "Created" | "Active" =>
  status === "Created" || status === "Active"
