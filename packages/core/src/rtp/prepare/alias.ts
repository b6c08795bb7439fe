import { checkString, type Issue, issue } from "../../internal/validation.js"
import { isMiaRtpAlias } from "../alias-rule.js"

/**
 * The payer's `alias`: `373` followed by 8 digits. Not normalised: `+373…` or `0 69…` are refused
 * with a hint, so the request goes to exactly the number the merchant meant.
 *
 * @example
 * checkAlias("+37369112221") // { field: "alias", rule: "format", ... }
 */
export const checkAlias = (value: unknown): Issue | undefined => {
  const problem = checkString("alias", value, { required: true, max: 100 })
  if (problem) return problem
  if (isMiaRtpAlias(value)) return undefined
  return issue(
    "alias",
    "format",
    `alias must be the payer's mobile number as 373 followed by 8 digits, without + or spaces (e.g. 37369112221), got ${JSON.stringify(value)}.`
  )
}
