import {
  checkObject,
  checkString,
  type Issue,
  isIssue,
  issue,
  normalizeDateTime,
  normalizeEnum
} from "../../internal/validation.js"
import type { MiaCreateHybridQrInput, MiaExtensionInput } from "../inputs.js"
import { checkAmountRules } from "./amount-rules.js"
import { compact } from "./compact.js"
import { checkTexts } from "./create-qr.js"
import { normalizeCurrency } from "./currency.js"
import { EXPIRY_WINDOW, LIMITS } from "./limits.js"

/**
 * Validates an extension (standalone or inside `createHybridQr`) and builds its wire body.
 *
 * @example
 * prepareExtension("", { expiresAt: new Date(Date.now() + 3_600_000), amount: 10, description: "x" }, undefined, Date.now())
 */
export const prepareExtension = (
  prefix: string,
  input: MiaExtensionInput,
  amountType: "Fixed" | "Controlled" | undefined,
  nowMs: number
): Record<string, unknown> | Issue => {
  const shape = checkObject(prefix === "" ? "input" : prefix.slice(0, -1), input)
  if (shape) return shape
  if (input.expiresAt === undefined || input.expiresAt === null) {
    return issue(
      `${prefix}expiresAt`,
      "required",
      `${prefix}expiresAt is required (1 minute to 60 days from now).`
    )
  }
  const expiresAt = normalizeDateTime(`${prefix}expiresAt`, input.expiresAt, { nowMs, ...EXPIRY_WINDOW })
  if (isIssue(expiresAt)) return expiresAt
  const problem = checkAmountRules(prefix, amountType, input) ?? checkTexts(prefix, input)
  if (problem) return problem
  return compact({
    expiresAt,
    amount: input.amount,
    amountMin: input.amountMin,
    amountMax: input.amountMax,
    description: input.description,
    orderId: input.orderId,
    callbackUrl: input.callbackUrl,
    redirectUrl: input.redirectUrl
  })
}

/**
 * Validates a `createHybridQr` input and builds the wire body. `Free` is refused: maib's documentation allows
 * it for Static QRs only.
 *
 * @example
 * prepareCreateHybridQr({ amountType: "Fixed" }, Date.now()) // { amountType: "Fixed", currency: "MDL" }
 */
export const prepareCreateHybridQr = (
  input: MiaCreateHybridQrInput,
  nowMs: number
): Record<string, unknown> | Issue => {
  const shape = checkObject("input", input)
  if (shape) return shape
  if (typeof input.amountType === "string" && input.amountType.toLowerCase() === "free") {
    return issue(
      "amountType",
      "free_static_only",
      "amountType Free is only allowed for a Static QR; use Fixed or Controlled for a Hybrid QR."
    )
  }
  const amountType = normalizeEnum("amountType", input.amountType, ["Fixed", "Controlled"])
  if (isIssue(amountType)) return amountType
  const currency = normalizeCurrency("currency", input.currency)
  if (isIssue(currency)) return currency
  const terminal = checkString("terminalId", input.terminalId, { max: LIMITS.terminalId })
  if (terminal) return terminal
  let extension: Record<string, unknown> | undefined
  if (input.extension !== undefined && input.extension !== null) {
    const prepared = prepareExtension("extension.", input.extension, amountType, nowMs)
    if (isIssue(prepared)) return prepared
    extension = prepared
  }
  return compact({ amountType, currency, terminalId: input.terminalId, extension })
}
