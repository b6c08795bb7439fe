/**
 * Compares two strings in time that depends only on their lengths, so a forged signature can't
 * be guessed byte by byte from response timings: every code unit of the longer string is
 * visited, and nothing branches on the data. Never throws.
 *
 * One implementation for every platform. `crypto.timingSafeEqual` of `node:crypto` compares
 * buffers, and encoding both strings into buffers first cost about a sixth of a whole
 * verification on Node (bench/verify-callback.ts) for no gain in safety.
 *
 * @example
 * timingSafeEqualStrings("abc", "abc") // true
 * timingSafeEqualStrings("abc", "abd") // false
 */
export const timingSafeEqualStrings = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  const length = Math.max(a.length, b.length)
  for (let index = 0; index < length; index++) {
    difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0)
  }
  return difference === 0
}
