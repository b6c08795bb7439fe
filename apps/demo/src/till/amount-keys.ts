/**
 * The till's keypad, calculator order; `,` is the decimal key, as amounts are written in Moldova.
 * @example
 * KEYS.map((key) => <button key={key}>{key}</button>)
 */
export const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ",", "0", "⌫"] as const

/**
 * What a keypad key does to the amount text: `⌫` deletes the last character, a digit replaces a
 * lone `0` (as on a calculator), anything else is appended. Nothing is refused or cut here: the
 * amount field shows why an amount can't be charged, as it does for typed text.
 * @example
 * pressKey("149,9", "0") // "149,90"
 * pressKey("0", "5")     // "5"
 */
export const pressKey = (current: string, key: string): string => {
  if (key === "⌫") return current.slice(0, -1)
  if (current === "0" && /^\d$/.test(key)) return key
  return current + key
}
