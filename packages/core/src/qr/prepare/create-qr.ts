import {
  checkHttpsUrl,
  checkObject,
  checkString,
  type Issue,
  isIssue,
  issue,
  normalizeDateTime,
  normalizeEnum
} from "../../internal/validation.js"
import type { MiaCreateQrInput } from "../inputs.js"
import { checkAmountRules } from "./amount-rules.js"
import { compact } from "./compact.js"
import { normalizeCurrency } from "./currency.js"
import { EXPIRY_WINDOW, LIMITS } from "./limits.js"

/**
 * Checks shared by QRs and extensions: texts and URLs, as the bank documents them.
 *
 * @example
 * checkTexts("", { description: "Order #1", callbackUrl: "http://x" }) // { field: "callbackUrl", rule: "https" }
 */
export const checkTexts = (
  prefix: string,
  input: {
    readonly description?: unknown
    readonly orderId?: unknown
    readonly callbackUrl?: unknown
    readonly redirectUrl?: unknown
  }
): Issue | undefined =>
  checkString(`${prefix}description`, input.description, { required: true, max: LIMITS.description }) ??
  checkString(`${prefix}orderId`, input.orderId, { max: LIMITS.orderId }) ??
  checkHttpsUrl(`${prefix}callbackUrl`, input.callbackUrl, { max: LIMITS.url }) ??
  checkHttpsUrl(`${prefix}redirectUrl`, input.redirectUrl, { max: LIMITS.url })

/**
 * Validates a `createQr` input and builds the wire body, or names the first broken rule.
 *
 * @example
 * prepareCreateQr({ type: "Static", amountType: "Free", description: "Tips" }, Date.now())
 * // { type: "Static", amountType: "Free", currency: "MDL", description: "Tips" }
 */
export const prepareCreateQr = (input: MiaCreateQrInput, nowMs: number): Record<string, unknown> | Issue => {
  const shape = checkObject("input", input)
  if (shape) return shape
  const type = normalizeEnum("type", input.type, ["Static", "Dynamic"])
  if (isIssue(type)) return type
  const amountType = normalizeEnum("amountType", input.amountType, ["Fixed", "Controlled", "Free"])
  if (isIssue(amountType)) return amountType
  if (amountType === "Free" && type !== "Static") {
    return issue(
      "amountType",
      "free_static_only",
      "amountType Free is only allowed for a Static QR; use Fixed or Controlled for a Dynamic QR."
    )
  }
  const currency = normalizeCurrency("currency", input.currency)
  if (isIssue(currency)) return currency
  const problem =
    checkAmountRules("", amountType, input) ??
    checkTexts("", input) ??
    checkString("terminalId", input.terminalId, { max: LIMITS.terminalId })
  if (problem) return problem
  let expiresAt: string | undefined
  if (type === "Dynamic") {
    if (input.expiresAt === undefined || input.expiresAt === null) {
      return issue(
        "expiresAt",
        "required",
        "expiresAt is required for a Dynamic QR (1 minute to 60 days from now)."
      )
    }
    const normalized = normalizeDateTime("expiresAt", input.expiresAt, { nowMs, ...EXPIRY_WINDOW })
    if (isIssue(normalized)) return normalized
    expiresAt = normalized
  } else if (input.expiresAt !== undefined && input.expiresAt !== null) {
    return issue(
      "expiresAt",
      "not_allowed",
      "expiresAt is only used for a Dynamic QR; a Static QR does not expire. Remove it."
    )
  }
  return compact({
    type,
    expiresAt,
    amountType,
    amount: input.amount,
    amountMin: input.amountMin,
    amountMax: input.amountMax,
    currency,
    description: input.description,
    orderId: input.orderId,
    callbackUrl: input.callbackUrl,
    redirectUrl: input.redirectUrl,
    terminalId: input.terminalId
  })
}
