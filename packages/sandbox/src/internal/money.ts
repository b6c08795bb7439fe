/**
 * Amounts live in integer bani (minor units) inside the sandbox, so sums and refund limits are
 * exact; they turn back into lei only on the wire.
 */

/** The largest amount the API accepts for one QR or payment, in lei (spec §5.1). */
export const MAX_AMOUNT_LEI = 100_000

/** Lei as a JSON number -> bani, or `undefined` if it is not a positive amount with at most 2 decimals. */
export const toMinor = (value: unknown): number | undefined => {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_AMOUNT_LEI) {
    return undefined
  }
  const minor = Math.round(value * 100)
  // Binary doubles can't hold 0.29 exactly (0.29 * 100 = 28.999999999999996): accept what is a
  // two-decimal number up to floating error, reject a real third decimal such as 0.295.
  if (Math.abs(value * 100 - minor) > 1e-6) return undefined
  return minor
}

/** Bani -> lei as a JSON number (`5061` -> `50.61`). */
export const toLei = (minor: number): number => minor / 100

/** Bani -> `"50.61"`, for messages and error args. */
export const formatLei = (minor: number): string => (minor / 100).toFixed(2)

/** Parses a decimal query parameter (`amountFrom=10.50`) to bani; `undefined` when it is not one. */
export const parseDecimalParameter = (text: string): number | undefined => {
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(text.trim())) return undefined
  const [whole = "0", fraction = ""] = text.trim().split(".")
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"))
}
