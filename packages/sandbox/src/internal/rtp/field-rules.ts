import { MIA_ERRORS, type MiaErrorEntry } from "../error-catalog.js"
import { type FieldChecks, isAbsent } from "../mia/field-checks.js"

/** A payer's phone number as the RTP API addresses it: `373` and 8 digits, no `+`. */
export const ALIAS = /^373\d{8}$/

/** `alias`: required, 12000 unless it is `373` + 8 digits. */
export const checkAlias = (checks: FieldChecks): string | undefined => {
  const alias = checks.text("alias", 100, true)
  if (alias === undefined) return undefined
  return ALIAS.test(alias) ? alias : checks.invalid("alias")
}

/** `currency`: required (12000), and MDL only (22000, the RTP table's own code). */
export const checkCurrency = (checks: FieldChecks): void => {
  const currency = checks.value("currency")
  if (isAbsent(currency)) checks.invalid("currency")
  else if (typeof currency !== "string" || currency.toUpperCase() !== "MDL") checks.fail({ code: "22000" })
}

/** Validation errors (HTTP 400) before business-rule errors (409), as the bank reports them. */
export const validationFirst = (errors: ReadonlyArray<MiaErrorEntry>): Array<MiaErrorEntry> => {
  const rank = (entry: MiaErrorEntry) => ((entry.status ?? MIA_ERRORS[entry.code].status) === 400 ? 0 : 1)
  return [...errors].sort((a, b) => rank(a) - rank(b))
}
