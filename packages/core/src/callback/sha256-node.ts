import * as nodeCrypto from "node:crypto"
import type { Sha256Base64 } from "./sha256.js"

/**
 * Base64 of the SHA-256 digest of a UTF-8 string, through `node:crypto`: the build for Node,
 * Bun and Deno (the `node` export condition). Synchronous, so verification skips the
 * microtask round trip that Web Crypto's promise costs.
 *
 * @example
 * const digest = sha256Base64("abc")
 * // digest === "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
 */
export const sha256Base64: Sha256Base64 =
  // One-shot `crypto.hash` (Node >= 20.12) skips the Hash object, the larger cost on a short text.
  // Read off the namespace: a named import would fail to link on an older Node 20.
  typeof nodeCrypto.hash === "function"
    ? (text) => nodeCrypto.hash("sha256", text, "base64")
    : (text) => nodeCrypto.createHash("sha256").update(text, "utf8").digest("base64")
