import { checkAmount, type Issue, issue } from "../../internal/validation.js"

/**
 * The amount fields of a QR or an extension.
 *
 * @example
 * const fields: AmountFields = { amountMin: 10, amountMax: 100 }
 */
export interface AmountFields {
  readonly amount?: unknown
  readonly amountMin?: unknown
  readonly amountMax?: unknown
}

const present = (value: unknown) => value !== undefined && value !== null

/**
 * Amount-type rules: each amount > 0, <= 100000, 2 decimals; `Fixed` needs
 * `amount` and no range; `Controlled` needs `amountMin` < `amountMax` and an `amount`, if any,
 * inside them; `Free` takes no amount. With `amountType` unknown (an extension, whose QR type
 * the client does not know) either `amount` or a full range is required.
 *
 * @example
 * checkAmountRules("", "Free", { amount: 5 }) // { field: "amount", rule: "not_allowed", ... }
 */
export const checkAmountRules = (
  prefix: string,
  amountType: "Fixed" | "Controlled" | "Free" | undefined,
  fields: AmountFields
): Issue | undefined => {
  const amount = `${prefix}amount`
  const amountMin = `${prefix}amountMin`
  const amountMax = `${prefix}amountMax`
  const basic =
    checkAmount(amount, fields.amount) ??
    checkAmount(amountMin, fields.amountMin) ??
    checkAmount(amountMax, fields.amountMax)
  if (basic) return basic
  const hasRange = present(fields.amountMin) || present(fields.amountMax)
  const kind = amountType ?? (hasRange ? "Controlled" : "Fixed")
  const context = amountType ? `with amountType ${amountType}` : "for an extension"
  if (kind === "Free") {
    for (const [field, value] of [
      [amount, fields.amount],
      [amountMin, fields.amountMin],
      [amountMax, fields.amountMax]
    ] as const) {
      if (present(value))
        return issue(
          field,
          "not_allowed",
          `${field} must be omitted with amountType Free (the payer chooses the amount).`
        )
    }
    return undefined
  }
  if (kind === "Fixed") {
    if (!present(fields.amount))
      return issue(
        amount,
        "required",
        `${amount} is required ${context === "for an extension" ? "for an extension (or give amountMin and amountMax)" : context}.`
      )
    if (present(fields.amountMin))
      return issue(
        amountMin,
        "not_allowed",
        `${amountMin} is only for amountType Controlled; remove it or switch to Controlled.`
      )
    if (present(fields.amountMax))
      return issue(
        amountMax,
        "not_allowed",
        `${amountMax} is only for amountType Controlled; remove it or switch to Controlled.`
      )
    return undefined
  }
  if (!present(fields.amountMin))
    return issue(
      amountMin,
      "required",
      `${amountMin} is required ${context} (the lowest amount the payer may send).`
    )
  if (!present(fields.amountMax))
    return issue(
      amountMax,
      "required",
      `${amountMax} is required ${context} (the highest amount the payer may send).`
    )
  const min = fields.amountMin as number
  const max = fields.amountMax as number
  if (!(min < max))
    return issue(
      amountMin,
      "min_below_max",
      `${amountMin} (${min}) must be lower than ${amountMax} (${max}).`
    )
  if (present(fields.amount)) {
    const value = fields.amount as number
    if (value < min || value > max) {
      return issue(
        amount,
        "within_range",
        `${amount} (${value}) must lie between ${amountMin} (${min}) and ${amountMax} (${max}).`
      )
    }
  }
  return undefined
}
