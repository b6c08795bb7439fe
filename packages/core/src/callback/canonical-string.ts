/**
 * The string that maib signs for an MIA callback, built from the raw
 * parsed `result` object so that unknown fields and the bank's own formatting are kept.
 */

/** Fields that the bank formats as fixed-point with exactly two decimals before signing. */
const isMoneyField = (key: string): boolean => key === "amount" || key === "commission"

/** Why a `result` object cannot be turned into the signed string. */
export type CanonicalStringFailure = { readonly field: string; readonly problem: string }

/** Up to a billion lei a double is far finer than a ban, so whole bani give `toFixed`'s exact text. */
const EXACT_CENTS_LIMIT = 1e11

/**
 * `number.toFixed(2)`, from integer bani when the number has at most two decimals (every MIA
 * amount): the same text without `toFixed`'s slower exact-decimal path. Other numbers use `toFixed`.
 */
const toFixed2 = (number: number): string => {
  const cents = Math.round(number * 100)
  if (cents >= 0 && cents <= EXACT_CENTS_LIMIT && cents / 100 === number) {
    const fraction = cents % 100
    return `${(cents - fraction) / 100}.${fraction < 10 ? "0" : ""}${fraction}`
  }
  return number.toFixed(2)
}

const formatMoney = (field: string, value: unknown): string | CanonicalStringFailure => {
  const number =
    typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN
  if (!Number.isFinite(number)) return { field, problem: "is not a number" }
  return toFixed2(number)
}

/** `text.trim() === ""`, without trimming the usual value that starts with a visible ASCII character. */
const isBlank = (text: string): boolean => {
  const first = text.charCodeAt(0)
  return first > 0x20 && first < 0x7f ? false : text.trim() === ""
}

const formatPlain = (field: string, value: unknown): string | CanonicalStringFailure => {
  switch (typeof value) {
    case "string":
      return value
    case "number":
    case "boolean":
    case "bigint":
      return String(value)
    default:
      // MIA callbacks are flat; the bank's samples never recurse, so a nested value can't be signed.
      return { field, problem: "is a nested object or array; MIA callback fields are flat" }
  }
}

type RankedKey = { readonly key: string; readonly upper: string }

/** Ordinal, case-insensitive key order, as .NET's `StringComparer.OrdinalIgnoreCase` sorts. */
const compareKeys = (a: RankedKey, b: RankedKey): number =>
  a.upper < b.upper ? -1 : a.upper > b.upper ? 1 : 0

const sortKeys = (keys: ReadonlyArray<string>): ReadonlyArray<string> =>
  keys
    .filter((key) => key !== "signature")
    .map((key) => ({ key, upper: key.toUpperCase() }))
    .sort(compareKeys)
    .map(({ key }) => key)

// The bank sends the same few field lists over and over, and sorting them is most of the work of
// building the string: the order of the last few lists is kept. An entry is found by comparing
// the lists themselves, so a hit is always exact; large lists are never kept.
const ORDER_CACHE_SIZE = 8
const ORDER_CACHE_MAX_KEYS = 64
const orderCache: Array<{ readonly keys: ReadonlyArray<string>; readonly order: ReadonlyArray<string> }> = []

const sameKeys = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

const signedKeyOrder = (keys: ReadonlyArray<string>): ReadonlyArray<string> => {
  for (const entry of orderCache) if (sameKeys(entry.keys, keys)) return entry.order
  const order = sortKeys(keys)
  if (keys.length <= ORDER_CACHE_MAX_KEYS) {
    if (orderCache.length === ORDER_CACHE_SIZE) orderCache.pop()
    orderCache.unshift({ keys, order })
  }
  return order
}

/**
 * Builds `value1:value2:...:signatureKey` for a callback `result`.
 *
 * @example
 * const text = canonicalCallbackString({ amount: 10, currency: "MDL", payId: "p" }, "key")
 * // text === "10.00:MDL:p:key"
 */
export const canonicalCallbackString = (
  result: Readonly<Record<string, unknown>>,
  signatureKey: string
): string | CanonicalStringFailure => {
  let text = ""
  for (const key of signedKeyOrder(Object.keys(result))) {
    const value = result[key]
    if (value === null || value === undefined) continue
    if (typeof value === "string" && isBlank(value)) continue
    const formatted = isMoneyField(key) ? formatMoney(key, value) : formatPlain(key, value)
    if (typeof formatted !== "string") return formatted
    text += `${formatted}:`
  }
  return text + signatureKey
}
