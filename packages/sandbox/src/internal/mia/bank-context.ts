import type { SandboxClock } from "../../clock.js"
import type { HttpUrlPolicy } from "./field-checks.js"
import type { BankBooks } from "./records.js"

/** A callback the bank owes a merchant; the dispatcher signs, sends and re-sends it. */
export interface PendingNotification {
  /** `rtp`: the payment callback of an accepted request to pay (it has an `rtpId`, no `qrId`). */
  readonly kind: "payment" | "refund" | "rtp"
  readonly url: string
  readonly qrId?: string | undefined
  readonly rtpId?: string | undefined
  readonly payId: string
  readonly refundId?: string | undefined
  /** The `result` object to sign and send, exactly as it goes on the wire. */
  readonly result: Readonly<Record<string, unknown>>
}

/** What the bank operations need: the books, the time, the settings and the callback outbox. */
export interface BankContext {
  readonly books: BankBooks
  readonly clock: SandboxClock
  /** Fee charged on each payment, as a fraction (0.01 = 1 %). */
  readonly commissionRate: number
  readonly urlPolicy: HttpUrlPolicy
  readonly signatureKey: string
  readonly notify: (notification: PendingNotification) => void
}
