/**
 * The string that maib signs for an MIA callback (spec §6.2 steps 1-6), built from the raw
 * parsed `result` object so that unknown fields and the bank's own formatting are kept.
 */

/** Fields that the bank formats as fixed-point with exactly two decimals before signing. */
const MONEY_FIELDS = new Set(["amount", "commission"])

/** Why a `result` object cannot be turned into the signed string. */
export type CanonicalStringFailure = { readonly field: string; readonly problem: string }

const formatMoney = (field: string, value: unknown): string | CanonicalStringFailure => {
  const number =
    typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN
  if (!Number.isFinite(number)) return { field, problem: "is not a number" }
  return number.toFixed(2)
}

const formatPlain = (field: string, value: unknown): string | CanonicalStringFailure => {
  switch (typeof value) {
    case "string":
      return value
    case "number":
    case "boolean":
    case "bigint":
      return String(value)
    default:
      // MIA callbacks are flat; the bank's samples never recurse, so a nested value can't be signed.
      return { field, problem: "is a nested object or array; MIA callback fields are flat" }
  }
}

/** Ordinal, case-insensitive key order, as .NET's `StringComparer.OrdinalIgnoreCase` sorts. */
const compareKeys = (a: string, b: string): number => {
  const upperA = a.toUpperCase()
  const upperB = b.toUpperCase()
  return upperA < upperB ? -1 : upperA > upperB ? 1 : 0
}

/**
 * Builds `value1:value2:...:signatureKey` for a callback `result` (spec §6.2 steps 1-6).
 *
 * @example
 * const text = canonicalCallbackString({ amount: 10, currency: "MDL", payId: "p" }, "key")
 * // text === "10.00:MDL:p:key"
 */
export const canonicalCallbackString = (
  result: Readonly<Record<string, unknown>>,
  signatureKey: string
): string | CanonicalStringFailure => {
  const keys = Object.keys(result)
    .filter((key) => key !== "signature")
    .sort(compareKeys)
  const parts: Array<string> = []
  for (const key of keys) {
    const value = result[key]
    if (value === null || value === undefined) continue
    if (typeof value === "string" && value.trim() === "") continue
    const formatted = MONEY_FIELDS.has(key) ? formatMoney(key, value) : formatPlain(key, value)
    if (typeof formatted !== "string") return formatted
    parts.push(formatted)
  }
  parts.push(signatureKey)
  return parts.join(":")
}
