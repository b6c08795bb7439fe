import { type Issue, issue } from "../../internal/validation.js"

/**
 * `currency` defaults to MDL and must be MDL (case-insensitive): the only currency of MIA.
 *
 * @example
 * normalizeCurrency("currency", undefined) // "MDL"
 */
export const normalizeCurrency = (field: string, value: unknown): "MDL" | Issue => {
  if (value === undefined || value === null) return "MDL"
  if (typeof value === "string" && value.toUpperCase() === "MDL") return "MDL"
  return issue(
    field,
    "one_of",
    `${field} must be MDL, the only currency of MIA payments, got ${JSON.stringify(value)}.`
  )
}
