/**
 * Exact money for MDL amounts. The API speaks lei as JSON numbers with at most two decimals;
 * everything that adds, compares or stores amounts works in integer bani (minor units) instead,
 * so 0.1 + 0.2 never becomes 0.30000000000000004 lei of somebody's money.
 */

/**
 * The largest amount, in lei, that one MIA payment may carry (spec §5.1).
 *
 * @example
 * import { MIA_MAX_AMOUNT } from "@mia-sdk/core"
 * if (total > MIA_MAX_AMOUNT) splitTheOrder()
 */
export const MIA_MAX_AMOUNT = 100_000

/**
 * Lei to integer bani, or `undefined` when the number is not finite or has a real third decimal.
 * Doubles can't hold most two-decimal amounts exactly (`150.29 * 100` is `15028.999999999998`),
 * so a value within a millionth of a ban of a whole ban counts as that ban. Range rules (> 0,
 * <= {@link MIA_MAX_AMOUNT}) are the caller's: refunds and totals may be 0.
 *
 * @example
 * import { toMinorUnits } from "@mia-sdk/core"
 * toMinorUnits(150.29) // 15029
 * toMinorUnits(0.295)  // undefined: three decimals
 */
export const toMinorUnits = (amount: number): number | undefined => {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return undefined
  const scaled = amount * 100
  const rounded = Math.round(scaled)
  if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled))) return undefined
  return rounded
}

/**
 * Integer bani to lei, as the API's JSON number.
 *
 * @example
 * import { fromMinorUnits } from "@mia-sdk/core"
 * fromMinorUnits(15029) // 150.29
 */
export const fromMinorUnits = (minor: number): number => Math.round(minor) / 100

/**
 * Integer bani as a fixed two-decimal string, computed on integers so no rounding can creep in.
 *
 * @example
 * import { formatMinorUnits } from "@mia-sdk/core"
 * formatMinorUnits(15029) // "150.29"
 * formatMinorUnits(-5)    // "-0.05"
 */
export const formatMinorUnits = (minor: number): string => {
  const whole = Math.round(minor)
  const sign = whole < 0 ? "-" : ""
  const absolute = Math.abs(whole)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`
}
