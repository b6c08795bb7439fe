import { fromMinorUnits } from "@mia-sdk/core/money"
import { readAmountInput } from "../amount-input.js"
import { formatMinor } from "../format.js"

/**
 * The refund amount field's text: whole bani, `undefined` for an empty field (a full refund), or
 * the sentence to show next to the field. The same rules as every amount field
 * ({@link readAmountInput}), and no more than is left to refund.
 * @example
 * readRefundAmount("5,50", 61950) // { ok: true, minor: 550 }
 * readRefundAmount("", 61950)     // { ok: true, minor: undefined }
 */
export const readRefundAmount = (
  text: string,
  leftMinor: number
): { ok: true; minor: number | undefined } | { ok: false; message: string } => {
  if (text.trim() === "") return { ok: true, minor: undefined }
  const read = readAmountInput(text)
  if (!read.ok) {
    // Where an empty field means "everything", say so to whoever typed 0 or a typo.
    const emptyHint = read.rule === "format" || read.rule === "positive"
    return {
      ok: false,
      message: emptyHint ? `${read.message} Leave it empty to refund everything.` : read.message
    }
  }
  if (read.minor > leftMinor)
    return { ok: false, message: `At most ${formatMinor(leftMinor)} is left to refund.` }
  return { ok: true, minor: read.minor }
}

/**
 * The refund request's body: no `amount` at all for a full refund (the server reads a missing
 * amount as "everything").
 * @example
 * refundBody(550, "Customer returned the goods") // { reason: "…", amount: 5.5 }
 */
export const refundBody = (minor: number | undefined, reason: string) =>
  minor === undefined ? { reason } : { reason, amount: fromMinorUnits(minor) }
