/**
 * Money is kept exact: integer minor units (bani) in storage and in every decision, numbers with
 * two decimals only at the edges (HTTP bodies, the bank's API). Floats never accumulate.
 */

/**
 * The largest amount one MIA QR can carry, in lei (spec §5.1).
 *
 * @example
 * if (cartTotal > MAX_AMOUNT) throw new Error("Split the order: MIA takes at most 100000 MDL")
 */
export const MAX_AMOUNT = 100_000

/**
 * Converts an amount in lei with at most two decimals to integer bani. Returns `undefined` when
 * the number is not finite or has more than two decimals, so callers can say what to fix.
 *
 * @example
 * toMinorUnits(150.25) // 15025
 * toMinorUnits(0.1 + 0.2) // 30 (binary noise below a hundredth of a ban is tolerated)
 * toMinorUnits(1.005) // undefined: three decimals
 */
export const toMinorUnits = (amount: number): number | undefined => {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return undefined
  const scaled = amount * 100
  const rounded = Math.round(scaled)
  // Doubles can't hold 150.25 exactly; anything within a millionth of a ban is that amount.
  if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled))) return undefined
  return rounded
}

/**
 * Converts integer bani back to lei for the edges (JSON bodies, the bank's API).
 *
 * @example
 * fromMinorUnits(15025) // 150.25
 */
export const fromMinorUnits = (minor: number): number => Math.round(minor) / 100

/**
 * Formats integer bani as `150.25 MDL` for notes and messages.
 *
 * @example
 * formatMoney(15025, "MDL") // "150.25 MDL"
 */
export const formatMoney = (minor: number, currency: string): string =>
  `${(minor / 100).toFixed(2)} ${currency}`

/**
 * Why an amount is not acceptable as an order or refund amount, or `undefined` when it is:
 * greater than 0, at most {@link MAX_AMOUNT} lei, at most two decimals.
 *
 * @example
 * amountProblem(0) // "must be greater than 0"
 * amountProblem(10.5) // undefined
 */
export const amountProblem = (amount: unknown): string | undefined => {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return "must be a number"
  if (amount <= 0) return "must be greater than 0"
  if (amount > MAX_AMOUNT) return `must be at most ${MAX_AMOUNT}`
  if (toMinorUnits(amount) === undefined) return "must have at most 2 decimals"
  return undefined
}
