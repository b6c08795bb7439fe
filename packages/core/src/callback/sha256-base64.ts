const encoder = new TextEncoder()

/**
 * Base64 of the SHA-256 digest of a UTF-8 string, through Web Crypto so it runs on Node,
 * Bun, Deno and edge runtimes alike.
 *
 * @example
 * const digest = await sha256Base64("abc")
 * // digest === "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
 */
export const sha256Base64 = async (text: string): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)))
  let binary = ""
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Compares two strings in time that depends only on their lengths, so a forged signature
 * can't be guessed byte by byte from response timings. Never throws.
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
