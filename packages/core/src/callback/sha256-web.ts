import type { Sha256Base64 } from "./sha256.js"

const encoder = new TextEncoder()

/**
 * Base64 of the SHA-256 digest of a UTF-8 string, through Web Crypto: the build for browsers
 * and edge runtimes, which have no `node:crypto`.
 *
 * @example
 * const digest = await sha256Base64("abc")
 * // digest === "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
 */
export const sha256Base64: Sha256Base64 = async (text) => {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)))
  let binary = ""
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}
