import {
  checkAmount,
  checkId,
  checkObject,
  checkString,
  type Issue,
  isIssue
} from "../../internal/validation.js"
import type { MiaTestPayInput } from "../inputs.js"
import { normalizeCurrency } from "./currency.js"
import { LIMITS } from "./limits.js"

/**
 * `testPay` body.
 *
 * @example
 * prepareTestPay({ qrId: "q", amount: 10, iban: "MD88AG000000011621810140", payerName: "John D." })
 */
export const prepareTestPay = (input: MiaTestPayInput): Record<string, unknown> | Issue => {
  const problem =
    checkObject("input", input) ??
    checkId("qrId", input.qrId) ??
    checkAmount("amount", input.amount, { required: true }) ??
    checkString("iban", input.iban, { required: true, max: LIMITS.iban }) ??
    checkString("payerName", input.payerName, { required: true, max: LIMITS.payerName })
  if (problem) return problem
  const currency = normalizeCurrency("currency", input.currency)
  if (isIssue(currency)) return currency
  return { qrId: input.qrId, amount: input.amount, iban: input.iban, currency, payerName: input.payerName }
}
