import { type AmountRule, MIA_MAX_AMOUNT, parseAmount } from "@mia-sdk/core/money"
import { formatMoney } from "./format.js"

/**
 * What an amount field holds: whole bani, or why it can't be sent (the rule broken and a sentence
 * for the person typing). Empty text breaks `required`; a form where empty means something
 * (a full refund) checks for it first.
 * @example
 * const read: AmountReading = readAmountInput("5,50") // { ok: true, minor: 550 }
 */
export type AmountReading =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly rule: AmountRule; readonly message: string }

/** The typed text, quoted and cut short so a pasted paragraph doesn't fill the screen. */
const quoted = (text: string) => JSON.stringify(text.length > 20 ? `${text.slice(0, 20).trimEnd()}…` : text)

const refuse = (rule: AmountRule, message: string): AmountReading => ({ ok: false, rule, message })

/**
 * Reads an amount field the way every amount field of the demo does: lei with `,` or `.` before
 * the bani, greater than 0, at most two decimals, at most what one MIA payment can carry. It never
 * corrects what was typed (no dropped minus sign, no cut decimals): it refuses, and says why, so
 * the field can show the message and the form can keep its button disabled.
 * @example
 * readAmountInput("-5")    // { ok: false, rule: "positive", message: "The amount must be greater than 0." }
 * readAmountInput("5.555") // { ok: false, rule: "max_2_decimals", ... }
 */
export const readAmountInput = (text: string): AmountReading => {
  const trimmed = text.trim()
  if (trimmed === "") return refuse("required", "Type an amount in lei, such as 5,50.")
  const parsed = parseAmount(trimmed, { decimalComma: true, from: ["string"] })
  if (parsed.ok) return parsed
  switch (parsed.rule) {
    case "positive":
    case "non_negative":
      return refuse(parsed.rule, "The amount must be greater than 0.")
    case "max_2_decimals":
      return refuse(parsed.rule, "At most 2 decimals: whole bani, such as 5,55.")
    case "max_amount":
      return refuse(parsed.rule, `At most ${formatMoney(MIA_MAX_AMOUNT)} in one payment.`)
    default:
      return refuse(parsed.rule, `${quoted(trimmed)} is not an amount: type lei such as 5,50 or 5.50.`)
  }
}
