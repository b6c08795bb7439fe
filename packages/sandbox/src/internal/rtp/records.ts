/**
 * The bank's request-to-pay books. Amounts are bani. Records are mutated only by the operations
 * in this folder; readers get views.
 */

import type { SentInstant } from "../mia/records.js"

/** Stored state; the status users see also depends on the clock (see `rtp-status.ts`). */
export type RtpState = "Pending" | "Accepted" | "Rejected" | "Cancelled"

export interface RtpPaymentRecord {
  readonly payId: string
  readonly amount: number
  readonly commission: number
  readonly payerName: string
  readonly payerIban: string
  readonly executedAt: number
}

export interface RtpRefundRecord {
  readonly refundId: string
  readonly amount: number
  readonly reason: string
  readonly createdAt: number
}

export interface RtpRecord {
  readonly rtpId: string
  readonly sequence: number
  readonly alias: string
  readonly amount: number
  readonly currency: "MDL"
  readonly description: string
  readonly orderId?: string | undefined
  readonly terminalId?: string | undefined
  readonly callbackUrl?: string | undefined
  readonly redirectUrl?: string | undefined
  readonly expiresAt: SentInstant
  readonly createdAt: number
  state: RtpState
  updatedAt: number
  payment?: RtpPaymentRecord | undefined
  refund?: RtpRefundRecord | undefined
}

/** Everything the RTP side of the bank remembers; `reset()` empties it. */
export interface RtpBooks {
  readonly requests: Map<string, RtpRecord>
  /** payId -> rtpId: refunds are addressed by the payment's id. */
  readonly byPayId: Map<string, string>
  sequence: number
}

export const emptyRtpBooks = (): RtpBooks => ({ requests: new Map(), byPayId: new Map(), sequence: 0 })

export const clearRtpBooks = (books: RtpBooks): void => {
  books.requests.clear()
  books.byPayId.clear()
  books.sequence = 0
}
