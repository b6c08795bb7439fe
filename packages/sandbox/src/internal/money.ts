/**
 * Amounts live in integer bani (minor units) inside the sandbox, so sums and refund limits are
 * exact; they turn back into lei only on the wire.
 */

import { formatMinorUnits, fromMinorUnits, MIA_MAX_AMOUNT, toMinorUnits } from "@mia-sdk/core"

/** Lei as a JSON number -> bani, or `undefined` if it is not a positive amount with at most 2 decimals. */
export const toMinor = (value: unknown): number | undefined => {
  if (typeof value !== "number" || value <= 0 || value > MIA_MAX_AMOUNT) return undefined
  return toMinorUnits(value)
}

/** Bani -> lei as a JSON number (`5061` -> `50.61`). */
export const toLei = fromMinorUnits

/** Bani -> `"50.61"`, for messages and error args. */
export const formatLei = formatMinorUnits

/** Parses a decimal query parameter (`amountFrom=10.50`) to bani; `undefined` when it is not one. */
export const parseDecimalParameter = (text: string): number | undefined => {
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(text.trim())) return undefined
  const [whole = "0", fraction = ""] = text.trim().split(".")
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"))
}
