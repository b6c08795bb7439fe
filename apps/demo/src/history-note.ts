import { formatDateTime, formatMinor } from "./format.js"

// The order history's notes are written by the SDK when a status changes, for logs as much as for
// people: "Order created for 619.50 MDL", "QR … shown, valid until 2026-12-03T18:38:28.288Z". The
// admin page shows them in the demo's one money format and one time format, like everything else.

const MONEY = /(?<![\d.,])(\d+)\.(\d{2}) ([A-Z]{3})\b/g
const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g

/**
 * A history note with its amounts as `619,50 MDL` and its instants in Chișinău time.
 * @example
 * readableNote("QR 7f shown, valid until 2026-12-03T12:05:00Z") // "QR 7f shown, valid until 3 Dec 2026, 14:05"
 * readableNote("Order created for 619.50 MDL")                // "Order created for 619,50 MDL"
 */
export const readableNote = (note: string): string =>
  note
    .replace(INSTANT, (instant) => formatDateTime(instant))
    .replace(MONEY, (_all, lei: string, bani: string, currency: string) =>
      formatMinor(Number(lei) * 100 + Number(bani), currency)
    )
