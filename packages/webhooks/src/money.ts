/**
 * Money is kept exact: integer minor units (bani) in storage and in every decision, numbers with
 * two decimals only at the edges (HTTP bodies, the bank's API). Floats never accumulate.
 */

import { fromMinorUnits, MIA_MAX_AMOUNT, toMinorUnits } from "@mia-sdk/core"

// The conversions themselves live in core, so the bank simulator, the client and the order store
// can never disagree about what an amount is worth.
export { fromMinorUnits, toMinorUnits }

/**
 * The largest amount one MIA QR can carry, in lei (spec §5.1).
 *
 * @example
 * if (cartTotal > MAX_AMOUNT) throw new Error("Split the order: MIA takes at most 100000 MDL")
 */
export const MAX_AMOUNT = MIA_MAX_AMOUNT

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
