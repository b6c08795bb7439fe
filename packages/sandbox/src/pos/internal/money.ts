/** The API's upper bound for one amount, in minor units (100000.00 MDL). */
export const MAX_AMOUNT_MINOR = 10_000_000

/**
 * Converts an amount in lei to integer bani, or `undefined` when it is not a positive amount of
 * at most 100000 with at most 2 decimals. Floating-point noise (0.29 * 100) is tolerated; a third
 * decimal is not.
 */
export const toMinorUnits = (value: number): number | undefined => {
  if (!Number.isFinite(value) || value <= 0) return undefined
  const scaled = value * 100
  const minor = Math.round(scaled)
  if (Math.abs(scaled - minor) > 1e-6 || minor > MAX_AMOUNT_MINOR || minor < 1) return undefined
  return minor
}

/** Bani back to lei as the JSON number the API prints (exact for every amount under 2^53 bani). */
export const fromMinorUnits = (minor: number): number => minor / 100

/** `12345` -> `"123.45"`, for printed reports. */
export const formatMinorUnits = (minor: number): string => {
  const sign = minor < 0 ? "-" : ""
  const absolute = Math.abs(minor)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`
}
