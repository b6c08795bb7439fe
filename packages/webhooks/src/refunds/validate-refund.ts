import { parseAmount } from "@mia-sdk/core/money"
import { MiaOrderError } from "../errors.js"

/**
 * A refund request after validation: the amount in bani, or `undefined` for the whole
 * refundable remainder.
 *
 * @example
 * const request: ValidRefundInput = { amountMinor: 550, reason: "Broken cup" }
 */
export interface ValidRefundInput {
  readonly amountMinor: number | undefined
  readonly reason: string
}

const invalid = (field: string, message: string) => new MiaOrderError("invalid_refund", message, { field })

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Validates a refund request (`{ amount?, reason }`). Only a missing `amount` means "refund
 * everything": `null`, strings, 0, negatives and a third decimal are refused, so a form that
 * failed to parse "5,50" can never turn into a full refund.
 *
 * @example
 * validateRefundInput({ amount: 5.5, reason: "Broken cup" }) // { amountMinor: 550, reason: "Broken cup" }
 * validateRefundInput({ amount: null, reason: "x" })          // throws MiaOrderError invalid_refund (field amount)
 */
export const validateRefundInput = (input: unknown): ValidRefundInput => {
  if (!isObject(input))
    throw invalid("body", 'The body must be a JSON object such as {"amount": 5.5, "reason": "Returned"}')
  const { amount, reason } = input
  if (typeof reason !== "string" || reason.trim() === "") {
    throw invalid("reason", "reason is required: a non-empty string saying why the money is returned")
  }
  if (reason.length > 500) throw invalid("reason", "reason must be at most 500 characters")
  if (!("amount" in input) || amount === undefined) return { amountMinor: undefined, reason: reason.trim() }
  const parsed = parseAmount(amount, { from: ["number"] })
  if (!parsed.ok) {
    throw invalid("amount", `${parsed.message} Leave amount out to refund the whole remainder.`)
  }
  return { amountMinor: parsed.minor, reason: reason.trim() }
}

/**
 * Checks an idempotency key: 1 to 255 printable ASCII characters.
 *
 * @example
 * validateIdempotencyKey("5f1c9a0e-...") // "5f1c9a0e-..."
 */
export const validateIdempotencyKey = (key: unknown): string => {
  if (typeof key !== "string" || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw invalid(
      "Idempotency-Key",
      "Idempotency-Key must be 1 to 255 printable ASCII characters, such as a UUID"
    )
  }
  return key
}
