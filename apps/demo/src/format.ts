import type { OrderStatus } from "@mia-sdk/core/wire"

const lei = new Intl.NumberFormat("ro-MD", { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/**
 * Formats an amount in major units with its currency, e.g. `189,50 MDL`.
 * @example
 * formatMoney(189.5) // "189,50 MDL"
 */
export const formatMoney = (amount: number, currency = "MDL") => `${lei.format(amount)} ${currency}`

/**
 * Formats an ISO date-time for tables, in the browser's time zone.
 * @example
 * formatTime("2026-11-21T12:00:00.000Z")
 */
export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" })

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
