import { checkAmount, checkObject, type Issue, isIssue, issue } from "../../internal/validation.js"
import { MIA_BASE_URLS } from "../../qr/environment.js"
import { normalizeCurrency } from "../../qr/prepare/currency.js"
import type { MiaRtpTestAcceptInput } from "../inputs.js"

/**
 * Refuses the payer simulations when the client talks to production, where they do not exist:
 * better a clear error before sending than whatever the live host answers.
 *
 * @example
 * sandboxOnly("https://api.maibmerchants.md") // { field: "environment", rule: "sandbox_only", ... }
 */
export const sandboxOnly = (baseUrl: string): Issue | undefined =>
  baseUrl === MIA_BASE_URLS.production
    ? issue(
        "environment",
        "sandbox_only",
        "payer simulation (testAccept, testReject) exists only in the sandbox; this client talks to production."
      )
    : undefined

/**
 * `testAccept` body: the amount paid and the currency (always sent, `MDL` by default).
 *
 * @example
 * prepareTestAccept({ amount: 10 }) // { amount: 10, currency: "MDL" }
 */
export const prepareTestAccept = (input: MiaRtpTestAcceptInput): Record<string, unknown> | Issue => {
  const problem = checkObject("input", input) ?? checkAmount("amount", input.amount, { required: true })
  if (problem) return problem
  const currency = normalizeCurrency("currency", input.currency)
  if (isIssue(currency)) return currency
  return { amount: input.amount, currency }
}
