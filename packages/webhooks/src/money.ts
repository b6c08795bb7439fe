/**
 * Money is kept exact: integer minor units (bani) in storage and in every decision, numbers with
 * two decimals only at the edges (HTTP bodies, the bank's API). The amount rule and the
 * conversions are core's (`@mia-sdk/core/money`), so the client, the bank simulator and the order
 * store can never disagree about what an amount is worth.
 */
import { formatMinorUnits } from "@mia-sdk/core/money"

/**
 * Formats integer bani as `150.25 MDL` for notes and messages.
 *
 * @example
 * formatMoney(15025, "MDL") // "150.25 MDL"
 */
export const formatMoney = (minor: number, currency: string): string =>
  `${formatMinorUnits(minor)} ${currency}`
