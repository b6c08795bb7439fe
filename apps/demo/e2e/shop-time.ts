import { formatDateTime } from "../src/format.js"

/**
 * The times a page may show for "just now" in the café's time zone: this minute and the one
 * before (the step may straddle a minute). The browser runs in another zone on purpose, so a page
 * that shows browser-local time fails the comparison.
 * @example
 * if (!justNowInShopTime().includes(text)) throw new Error(`${text} is not Chișinău time`)
 */
export const justNowInShopTime = (): ReadonlyArray<string> => {
  const now = Date.now()
  return [now, now - 60_000].map((ms) => formatDateTime(new Date(ms).toISOString()))
}

/**
 * The one date-time format of the demo, e.g. `3 Dec 2026, 14:05`.
 * @example
 * SHOP_TIME_FORMAT.test("3 Dec 2026, 14:05") // true
 */
export const SHOP_TIME_FORMAT = /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/

/**
 * The one countdown format: `mm:ss`.
 * @example
 * COUNTDOWN_FORMAT.test("04:59") // true
 */
export const COUNTDOWN_FORMAT = /^\d{2}:\d{2}$/
