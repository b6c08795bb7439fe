import type { OrderStatus } from "@mia-sdk/core/wire"

// Every page shows money, times and countdowns through these three helpers, so a shopper, the admin
// and the cashier read the same "619,50 MDL", "3 Dec 2026, 14:05" and "04:59" for the same thing.
// They are written out by hand rather than left to Intl: browsers ship different locale data, and
// the browser's own time zone is the customer's, not the café's.

/** The café's clock: MIA is a Moldovan scheme, and the bank reports terminal times in it. */
export const SHOP_TIME_ZONE = "Europe/Chisinau"

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/**
 * Formats whole bani the Moldovan way: `.` between thousands, `,` before the bani.
 * @example
 * formatMinor(123450) // "1.234,50 MDL"
 */
export const formatMinor = (minor: number, currency = "MDL") => {
  const bani = Math.round(Math.abs(minor))
  const lei = String(Math.floor(bani / 100)).replace(/\B(?=(\d{3})+$)/g, ".")
  const sign = minor < 0 && bani !== 0 ? "-" : ""
  return `${sign}${lei},${String(bani % 100).padStart(2, "0")} ${currency}`
}

/**
 * Formats an amount in lei (the API's JSON number) with its currency. Amounts have at most two
 * decimals, so rounding the scaled double lands on the exact ban.
 * @example
 * formatMoney(619.5) // "619,50 MDL"
 */
export const formatMoney = (amount: number, currency = "MDL") =>
  formatMinor(Math.round(amount * 100), currency)

/** Wall-clock parts in the café's time zone, whatever the browser's zone is. */
const shopClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: SHOP_TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23"
})

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i

interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
}

const inShopZone = (instant: Date): WallClock => {
  const parts = Object.fromEntries(shopClock.formatToParts(instant).map((part) => [part.type, part.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines say 24 for midnight even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute)
  }
}

/**
 * Formats a date-time in Chișinău time, e.g. `3 Dec 2026, 14:05`. Takes an ISO instant (`…Z` or
 * with an offset: converted to Chișinău), or a local date-time without offset as the MiaPos terminal
 * reports it (already Chișinău time: shown as it is). Anything else is shown unchanged.
 * @example
 * formatDateTime("2026-12-03T12:05:00.000Z") // "3 Dec 2026, 14:05"
 * formatDateTime("2026-12-03T14:05:09")      // "3 Dec 2026, 14:05"
 */
export const formatDateTime = (value: string) => {
  const match = DATE_TIME.exec(value.trim())
  if (match === null) return value
  const [, year, month, day, hour, minute, zone] = match
  const clock: WallClock =
    zone === undefined
      ? {
          year: Number(year),
          month: Number(month),
          day: Number(day),
          hour: Number(hour),
          minute: Number(minute)
        }
      : inShopZone(new Date(value.trim()))
  if (Number.isNaN(clock.year) || MONTHS[clock.month - 1] === undefined) return value
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${clock.day} ${MONTHS[clock.month - 1]} ${clock.year}, ${pad(clock.hour)}:${pad(clock.minute)}`
}

/**
 * Formats the seconds left before a QR expires as `mm:ss` (negative counts as 0).
 * @example
 * formatCountdown(898) // "14:58"
 * formatCountdown(300) // "05:00"
 */
export const formatCountdown = (seconds: number) => {
  const whole = Math.max(0, Math.floor(seconds))
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`
}

/**
 * The label and colour of an order status for badges.
 * @example
 * const { label, tone } = statusLook("processing") // { label: "Paid", tone: "ok" }
 */
export const statusLook = (
  status: OrderStatus | string
): { label: string; tone: "ok" | "warn" | "bad" | "info" } => {
  switch (status) {
    case "pending":
      return { label: "Awaiting payment", tone: "info" }
    case "processing":
      return { label: "Paid", tone: "ok" }
    case "completed":
      return { label: "Completed", tone: "ok" }
    case "on-hold":
      return { label: "On hold", tone: "warn" }
    case "refunded":
      return { label: "Refunded", tone: "warn" }
    case "cancelled":
      return { label: "Cancelled", tone: "bad" }
    case "failed":
      return { label: "Failed", tone: "bad" }
    default:
      return { label: status, tone: "info" }
  }
}
