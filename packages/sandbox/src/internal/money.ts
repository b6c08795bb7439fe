/**
 * Amounts the sandbox receives are checked with core's money rule, the one the client applies
 * before sending, and kept in integer bani so sums and refund limits are exact. Only the rule comes
 * from core: a refused amount is still answered with the bank's own error code.
 */

import { parseAmount } from "@mia-sdk/core"

/** Lei as a JSON number -> bani, or `undefined` if it is not > 0, <= 100000 with at most 2 decimals. */
export const toMinor = (value: unknown): number | undefined => {
  const parsed = parseAmount(value, { from: ["number"] })
  return parsed.ok ? parsed.minor : undefined
}

/** A decimal query parameter (`amountFrom=10.50`, 0 included) -> bani; `undefined` when it is not one. */
export const parseDecimalParameter = (text: string): number | undefined => {
  const parsed = parseAmount(text, { from: ["string"], allowZero: true })
  return parsed.ok ? parsed.minor : undefined
}
