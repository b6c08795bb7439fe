import type { SandboxClock } from "../../clock.js"
import type { PendingNotification } from "../mia/bank-context.js"
import type { HttpUrlPolicy } from "../mia/field-checks.js"
import type { RtpBooks } from "./records.js"
import type { ResolvedRtpSettings } from "./rtp-settings.js"

/** What the RTP operations need: their books, the sandbox's time and settings, the callback outbox. */
export interface RtpContext {
  readonly books: RtpBooks
  readonly clock: SandboxClock
  readonly urlPolicy: HttpUrlPolicy
  readonly signatureKey: string
  readonly settings: ResolvedRtpSettings
  readonly notify: (notification: PendingNotification) => void
}
