import { type Order, openRtp, PAID_STATUSES } from "../order.js"

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** After this long a paid order is no longer watched for refunds made outside the SDK. */
const REFUND_WATCH = 90 * DAY

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** When the latest entry with this code was recorded, in epoch ms. */
const lastAt = (order: Order, codes: ReadonlyArray<string>): number | undefined => {
  for (let index = order.history.length - 1; index >= 0; index--) {
    const entry = order.history[index]
    if (entry !== undefined && codes.includes(entry.code)) return Date.parse(entry.at)
  }
  return undefined
}

/**
 * When reconciliation should next ask the bank about an order, or `undefined` for never.
 * - pending with a QR or an open payment request (RTP): soon after checkout (the callback is
 *   usually seconds away), then rarer as it ages (half its age, 30 s to 15 min), and once more
 *   right after it expires;
 * - paid (or cancelled) with a payment request still open: in 30 s, to withdraw it;
 * - paid: hourly at first, then at most daily, for 90 days: refunds made in the maib portal
 *   never reach the SDK by callback;
 * - anything else (nothing shown yet, cancelled, refunded, failed): never.
 * The interval grows with the order's age, so abandoned carts cost less and less and can never
 * crowd out a fresh order (the reconciler takes the oldest due first, a bounded number per run).
 *
 * @example
 * const at = nextCheckAt(order, Date.now()) // "2026-11-21T12:00:30.000Z"
 */
export const nextCheckAt = (order: Order, now: number): string | undefined => {
  const rtp = openRtp(order)
  // Paid while a payment request is still on the payer's phone: withdraw it before it is paid too.
  if (rtp !== undefined && order.status !== "pending") return new Date(now + 30 * SECOND).toISOString()
  if (order.status === "pending" && (order.qrId !== undefined || rtp !== undefined)) {
    const shownAt = lastAt(order, ["qr_created", "rtp_requested"]) ?? Date.parse(order.createdAt)
    let delay = clamp((now - shownAt) / 2, 30 * SECOND, 15 * MINUTE)
    const expiry = rtp?.expiresAt ?? order.qrExpiresAt
    const expiresAt = expiry === undefined ? Number.NaN : Date.parse(expiry)
    // Right after expiry the bank can say the QR closed unpaid: the order is cancelled then.
    const afterExpiry = expiresAt + 30 * SECOND
    if (now < afterExpiry && now + delay > afterExpiry) delay = afterExpiry - now
    return new Date(now + delay).toISOString()
  }
  if (PAID_STATUSES.has(order.status) && order.payId !== undefined) {
    const paidAt = lastAt(order, [
      "payment_received",
      "amount_mismatch",
      "currency_mismatch",
      "paid_after_cancellation"
    ])
    const age = now - (paidAt ?? Date.parse(order.updatedAt))
    if (age > REFUND_WATCH) return undefined
    return new Date(now + clamp(age, HOUR, DAY)).toISOString()
  }
  return undefined
}
