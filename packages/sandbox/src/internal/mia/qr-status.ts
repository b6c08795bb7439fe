import { DAY } from "../time.js"
import type { ExtensionRecord, PaymentTerms, QrRecord, QrStatus } from "./records.js"

/** Static and Hybrid QR codes without a payment for this long are `Inactive`. */
export const INACTIVITY_PERIOD = 30 * DAY

/** The extension a Hybrid QR shows and is paid through: its newest one that was not replaced. */
export const currentExtension = (qr: QrRecord): ExtensionRecord | undefined => {
  const last = qr.extensions.at(-1)
  return last && last.state !== "Replaced" ? last : undefined
}

/** The terms a QR presents right now: its own, or its current extension's. */
export const currentTerms = (qr: QrRecord): PaymentTerms | undefined =>
  qr.type === "Hybrid" ? currentExtension(qr)?.terms : qr.terms

const isPast = (terms: PaymentTerms | undefined, now: number): boolean =>
  terms?.expiresAt !== undefined && now >= terms.expiresAt.ms

/** The status the API reports at `now`, with the instant it last changed. */
export interface QrStatusAt {
  readonly status: QrStatus
  readonly since: number
}

const inactiveSince = (qr: QrRecord): number => (qr.lastPaymentAt ?? qr.createdAt) + INACTIVITY_PERIOD

/**
 * Derives a QR's status from its stored state and the clock, so expiry and inactivity need no
 * background job: they are true the moment the clock passes the limit.
 */
export const qrStatusAt = (qr: QrRecord, now: number): QrStatusAt => {
  if (qr.state === "Cancelled") return { status: "Cancelled", since: qr.updatedAt }
  switch (qr.type) {
    case "Dynamic": {
      if (qr.state === "Paid") return { status: "Paid", since: qr.updatedAt }
      const expiresAt = qr.terms?.expiresAt
      if (expiresAt && now >= expiresAt.ms) return { status: "Expired", since: expiresAt.ms }
      return { status: "Active", since: qr.updatedAt }
    }
    case "Static":
      if (now >= inactiveSince(qr)) return { status: "Inactive", since: inactiveSince(qr) }
      return { status: "Active", since: qr.updatedAt }
    case "Hybrid": {
      const extension = currentExtension(qr)
      if (extension?.state === "Active") {
        const expiresAt = extension.terms.expiresAt
        if (expiresAt && now >= expiresAt.ms) return { status: "Expired", since: expiresAt.ms }
        return { status: "Active", since: qr.updatedAt }
      }
      if (now >= inactiveSince(qr)) return { status: "Inactive", since: inactiveSince(qr) }
      if (extension?.state === "Paid") return { status: "Paid", since: extension.updatedAt }
      return { status: "Active", since: qr.updatedAt }
    }
  }
}

/** The extension of a Hybrid QR that can take a payment at `now`, if any. */
export const payableExtension = (qr: QrRecord, now: number): ExtensionRecord | undefined => {
  const extension = currentExtension(qr)
  return extension?.state === "Active" && !isPast(extension.terms, now) ? extension : undefined
}
