import {
  checkAmount,
  checkObject,
  checkString,
  type Issue,
  isIssue,
  issue,
  normalizeDateTime
} from "../../internal/validation.js"
import { compact } from "../../qr/prepare/compact.js"
import { checkTexts } from "../../qr/prepare/create-qr.js"
import { normalizeCurrency } from "../../qr/prepare/currency.js"
import { EXPIRY_WINDOW, LIMITS } from "../../qr/prepare/limits.js"
import type { MiaCreateRtpInput } from "../inputs.js"
import { checkAlias } from "./alias.js"

/**
 * Validates a `createRtp` input and builds the wire body, or names the first broken rule. The
 * texts, URLs, amount and expiry window follow the same rules as a MIA QR.
 *
 * @example
 * prepareCreateRtp({ alias: "37369112221", amount: 10, description: "x", expiresAt: new Date(Date.now() + 3_600_000) }, Date.now())
 */
export const prepareCreateRtp = (
  input: MiaCreateRtpInput,
  nowMs: number
): Record<string, unknown> | Issue => {
  const shape = checkObject("input", input)
  if (shape) return shape
  const problem =
    checkAlias(input.alias) ??
    checkAmount("amount", input.amount, { required: true }) ??
    checkTexts("", input) ??
    checkString("terminalId", input.terminalId, { max: LIMITS.terminalId })
  if (problem) return problem
  const currency = normalizeCurrency("currency", input.currency)
  if (isIssue(currency)) return currency
  if (input.expiresAt === undefined || input.expiresAt === null) {
    return issue("expiresAt", "required", "expiresAt is required (1 minute to 60 days from now).")
  }
  const expiresAt = normalizeDateTime("expiresAt", input.expiresAt, { nowMs, ...EXPIRY_WINDOW })
  if (isIssue(expiresAt)) return expiresAt
  return compact({
    alias: input.alias,
    amount: input.amount,
    expiresAt,
    currency,
    description: input.description,
    orderId: input.orderId,
    terminalId: input.terminalId,
    callbackUrl: input.callbackUrl,
    redirectUrl: input.redirectUrl
  })
}
