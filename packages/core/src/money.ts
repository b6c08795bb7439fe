/**
 * Exact money for MDL amounts: the one amount rule of the SDK. The API speaks lei as JSON numbers
 * with at most two decimals; everything that adds, compares or stores amounts works in integer
 * bani (minor units) instead. Amounts are read from their decimal text (a number's shortest
 * round-trip form, which is what JSON carried), never by scaling a double, so there is no
 * tolerance: `99999.995` has three decimals at any size and `0.1 + 0.2` is not `0.3`.
 *
 * This module imports nothing: `@mia-sdk/core/money` is safe in browsers and edge bundles.
 */

/**
 * The largest amount, in lei, that one MIA payment may carry.
 *
 * @example
 * import { MIA_MAX_AMOUNT } from "@mia-sdk/core/money"
 * if (total > MIA_MAX_AMOUNT) splitTheOrder()
 */
export const MIA_MAX_AMOUNT = 100_000

/** {@link MIA_MAX_AMOUNT} in bani. */
const MAX_MINOR = MIA_MAX_AMOUNT * 100

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/

/**
 * A decimal text to integer bani, exactly, or `undefined` when it is not a plain decimal with at
 * most two decimals (trailing zeros beyond the second decimal are fine: `1.500` is 150 bani).
 */
const minorFromDecimal = (text: string): number | undefined => {
  const match = DECIMAL.exec(text)
  if (match === null) return undefined
  const [, sign, whole = "", fraction = ""] = match
  const significant = fraction.replace(/0+$/, "")
  if (significant.length > 2) return undefined
  // Past 15 digits integers stop being exact; no amount of money here is that large anyway.
  if (whole.replace(/^0+/, "").length > 13) return undefined
  const minor = Number(whole) * 100 + Number(significant.padEnd(2, "0"))
  return sign === "-" && minor !== 0 ? -minor : minor
}

/** The decimal text of a number as JSON carried it (its shortest round-trip form), if it has one. */
const decimalText = (value: number): string | undefined => {
  if (!Number.isFinite(value)) return undefined
  const text = String(value)
  // Exponent forms are below a millionth (too many decimals) or above 1e21 (too large): neither is money.
  return /e/i.test(text) ? undefined : text
}

/**
 * Lei to integer bani, exactly, or `undefined` when the value is not a finite amount with at most
 * two decimals. Takes a number or a decimal string (`"150.29"`). No range rule: refunds and
 * totals may be 0 or negative; use {@link parseAmount} for an amount someone pays or refunds.
 *
 * @example
 * import { toMinorUnits } from "@mia-sdk/core/money"
 * toMinorUnits(150.29)    // 15029
 * toMinorUnits("150.29")  // 15029
 * toMinorUnits(99999.995) // undefined: three decimals
 * toMinorUnits(0.1 + 0.2) // undefined: 0.30000000000000004
 */
export const toMinorUnits = (amount: number | string): number | undefined => {
  if (typeof amount === "number") {
    const text = decimalText(amount)
    return text === undefined ? undefined : minorFromDecimal(text)
  }
  if (typeof amount === "string") return minorFromDecimal(amount.trim())
  return undefined
}

/**
 * Integer bani to lei, as the API's JSON number.
 *
 * @example
 * import { fromMinorUnits } from "@mia-sdk/core/money"
 * fromMinorUnits(15029) // 150.29
 */
export const fromMinorUnits = (minor: number): number => Math.round(minor) / 100

/**
 * Integer bani as a fixed two-decimal string, computed on integers so no rounding can creep in.
 *
 * @example
 * import { formatMinorUnits } from "@mia-sdk/core/money"
 * formatMinorUnits(15029) // "150.29"
 * formatMinorUnits(-5)    // "-0.05"
 */
export const formatMinorUnits = (minor: number): string => {
  const whole = Math.round(minor)
  const sign = whole < 0 ? "-" : ""
  const absolute = Math.abs(whole)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`
}

/**
 * The stable name of the amount rule a value broke.
 *
 * @example
 * const rule: AmountRule = "max_2_decimals"
 */
export type AmountRule =
  | "required"
  | "type"
  | "format"
  | "positive"
  | "non_negative"
  | "max_amount"
  | "max_2_decimals"

/**
 * What {@link parseAmount} concluded: the amount in bani, or the broken rule with a message that
 * names the field and says how to fix it.
 *
 * @example
 * const parsed: ParsedAmount = parseAmount(10.5)
 * if (parsed.ok) console.log(parsed.minor) // 1050
 */
export type ParsedAmount =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly rule: AmountRule; readonly message: string }

/**
 * Options of {@link parseAmount}.
 *
 * @example
 * const options: ParseAmountOptions = { field: "refund.amount", from: ["number"] }
 */
export interface ParseAmountOptions {
  /** Named in messages. Default `amount`. */
  readonly field?: string | undefined
  /** Which inputs are accepted. Default both: numbers and decimal strings. JSON APIs pass `["number"]`. */
  readonly from?: ReadonlyArray<"number" | "string"> | undefined
  /** Accept 0 (a total, a balance). Default `false`: an amount someone pays or refunds is > 0. */
  readonly allowZero?: boolean | undefined
  /**
   * Accept a comma as the decimal separator in strings (`"5,50"`), as people in Moldova type
   * amounts. Default `false`.
   */
  readonly decimalComma?: boolean | undefined
}

const fail = (rule: AmountRule, message: string): ParsedAmount => ({ ok: false, rule, message })

/**
 * The amount rule of MIA, in one place: a number or decimal string of lei, greater than 0, at
 * most {@link MIA_MAX_AMOUNT}, with at most two decimals, read exactly (no float tolerance).
 * `null` and `undefined` break `required`. Every package of the SDK checks amounts with it.
 *
 * @example
 * import { parseAmount } from "@mia-sdk/core/money"
 *
 * parseAmount(150.25)                       // { ok: true, minor: 15025 }
 * parseAmount("5,50", { decimalComma: true }) // { ok: true, minor: 550 }
 * parseAmount(99999.995)                    // { ok: false, rule: "max_2_decimals", ... }
 * parseAmount("12", { from: ["number"] })   // { ok: false, rule: "type", ... }
 */
export const parseAmount = (value: unknown, options: ParseAmountOptions = {}): ParsedAmount => {
  const field = options.field ?? "amount"
  const from = options.from ?? ["number", "string"]
  const example = from.includes("number") ? "a number of lei such as 150.25" : 'a decimal such as "150.25"'
  const refuse = (rule: AmountRule, must: string, got: string = String(value)) =>
    fail(rule, `${field} ${must}, got ${got}.`)
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    return fail("required", `${field} is required: ${example}.`)
  }
  let text: string | undefined
  if (typeof value === "number" && from.includes("number")) {
    if (!Number.isFinite(value)) return refuse("type", "must be a finite number")
    text = decimalText(value)
  } else if (typeof value === "string" && from.includes("string")) {
    text = options.decimalComma ? value.trim().replace(",", ".") : value.trim()
    if (!DECIMAL.test(text)) return refuse("format", `must be ${example}`, JSON.stringify(value.slice(0, 40)))
  } else {
    return refuse("type", `must be ${example}`, typeof value)
  }
  const minor = text === undefined ? undefined : minorFromDecimal(text)
  // Unparsed here means a negative, too large, or a third decimal: tell which.
  const size = minor ?? (text === undefined ? Number(value) : Number(text) * 100)
  if (options.allowZero ? size < 0 : size <= 0) {
    return options.allowZero
      ? refuse("non_negative", "must be 0 or more")
      : refuse("positive", "must be greater than 0")
  }
  if (size > MAX_MINOR) return refuse("max_amount", `must be at most ${MIA_MAX_AMOUNT} MDL`)
  if (minor === undefined) return refuse("max_2_decimals", "must have at most 2 decimals (whole bani)")
  return { ok: true, minor }
}
