/**
 * What the order services ask the bank about payment requests (RTP). The MIA RTP client
 * (`createMiaRtpClient(...)` from `@mia-sdk/core`) fits as is; the narrow shape keeps test
 * doubles small.
 *
 * @example
 * import { createMiaRtpClient } from "@mia-sdk/core"
 * const rtp: RtpBankPort = createMiaRtpClient({ clientId, clientSecret })
 */
export interface RtpBankPort {
  createRtp(input: {
    readonly alias: string
    readonly amount: number
    readonly currency: "MDL"
    readonly description: string
    readonly orderId: string
    readonly expiresAt: string
    readonly callbackUrl: string
    readonly redirectUrl?: string | undefined
  }): Promise<{ readonly rtpId: string; readonly expiresAt?: string | undefined }>
  getRtp(rtpId: string): Promise<{
    readonly rtpId: string
    /** `Created`/`Active` (pending), `Accepted`, `Rejected`, `Expired`, `Cancelled`; others pass through. */
    readonly status: string
    readonly orderId?: string | undefined
    readonly amount?: number | undefined
    readonly currency?: string | undefined
    /** Only some server revisions report the payment here; the callback always does. */
    readonly payId?: string | undefined
    readonly updatedAt?: string | undefined
  }>
  cancelRtp(rtpId: string, input: { readonly reason: string }): Promise<unknown>
  /** Full refunds only: the RTP API refuses an amount. */
  refundRtp(
    payId: string,
    input: { readonly reason: string }
  ): Promise<{
    readonly refundId?: string | undefined
    readonly payId?: string | undefined
    readonly status: string
  }>
}

/** The bank's RTP statuses that mean "still waiting for the payer". */
export const PENDING_RTP_STATUSES: ReadonlySet<string> = new Set(["created", "active", "pending"])

/** The unpaid ends of an RTP, in the order event's vocabulary. */
export const closedRtpStatus = (status: string): "Rejected" | "Expired" | "Cancelled" | undefined => {
  switch (status.toLowerCase()) {
    case "rejected":
      return "Rejected"
    case "expired":
      return "Expired"
    case "cancelled":
    case "canceled":
      return "Cancelled"
    default:
      return undefined
  }
}
