import type { MiaErrorEntry } from "../error-catalog.js"
import { DAY, MINUTE, parseDateTime } from "../time.js"
import { FieldChecks, type HttpUrlPolicy, isAbsent, type JsonObject } from "./field-checks.js"
import type { AmountType, PaymentTerms, SentInstant } from "./records.js"

/** Expiry limits of Dynamic QR codes and Hybrid extensions. */
const MIN_VALIDITY = MINUTE
const MAX_VALIDITY = 60 * DAY

export interface TermsRules {
  readonly amountType: AmountType
  /** Dynamic QR codes and extensions need `expiresAt`; Static QR codes ignore it. */
  readonly expiry: "required" | "ignored"
  readonly now: number
  readonly urlPolicy: HttpUrlPolicy
}

const checkExpiry = (checks: FieldChecks, now: number): SentInstant | undefined => {
  const value = checks.value("expiresAt")
  if (isAbsent(value)) return checks.invalid("expiresAt")
  const ms = parseDateTime(value)
  if (ms === undefined || typeof value !== "string") return checks.invalid("expiresAt")
  if (ms <= now) return checks.fail({ code: "12006", args: { actualValue: value } })
  if (ms < now + MIN_VALIDITY || ms > now + MAX_VALIDITY) return checks.invalid("expiresAt")
  return { ms, text: value }
}

const checkAmounts = (checks: FieldChecks, amountType: AmountType) => {
  switch (amountType) {
    case "Fixed": {
      for (const field of checks.present(["amountMin", "amountMax"])) checks.invalid(field)
      if (isAbsent(checks.value("amount"))) return { amount: checks.fail({ code: "14007" }) }
      return { amount: checks.money("amount") }
    }
    case "Controlled": {
      if (isAbsent(checks.value("amountMin")) || isAbsent(checks.value("amountMax"))) {
        checks.fail({ code: "14008" })
        return {}
      }
      const amountMin = checks.money("amountMin")
      const amountMax = checks.money("amountMax")
      if (amountMin !== undefined && amountMax !== undefined && amountMin >= amountMax) {
        checks.invalid("amountMin")
      }
      // The docs leave `amount` optional in practice for Controlled; when given it must fit the range.
      const amount = isAbsent(checks.value("amount")) ? undefined : checks.money("amount")
      if (amount !== undefined && amountMin !== undefined && amountMax !== undefined) {
        if (amount < amountMin || amount > amountMax) checks.invalid("amount")
      }
      return { amount, amountMin, amountMax }
    }
    case "Free":
      for (const field of checks.present(["amount", "amountMin", "amountMax"])) checks.invalid(field)
      return {}
  }
}

/**
 * Validates the order data of a Static/Dynamic QR or of a Hybrid extension.
 * `prefix` names nested fields in errors (`extension.amount`).
 */
export const checkPaymentTerms = (
  body: JsonObject,
  rules: TermsRules,
  prefix = ""
): { readonly terms?: PaymentTerms; readonly errors: ReadonlyArray<MiaErrorEntry> } => {
  const checks = new FieldChecks(body, prefix)
  const amounts = checkAmounts(checks, rules.amountType)
  const description = checks.text("description", 500, true)
  const orderId = checks.text("orderId", 100, false)
  const callbackUrl = checks.url("callbackUrl", rules.urlPolicy)
  const redirectUrl = checks.url("redirectUrl", rules.urlPolicy)
  const expiresAt = rules.expiry === "required" ? checkExpiry(checks, rules.now) : undefined
  if (checks.errors.length > 0 || description === undefined) return { errors: checks.errors }
  return {
    errors: [],
    terms: { ...amounts, description, orderId, callbackUrl, redirectUrl, expiresAt }
  }
}
