/**
 * The digest of callback signatures, in two builds that the package's `#sha256` import
 * (package.json "imports") picks by export condition: `sha256-node.ts` (`node:crypto`) under
 * `node`, which Node, Bun and Deno set, and `sha256-web.ts` (Web Crypto) everywhere else, so
 * browsers and edge bundles never see a `node:` import. Both export a `sha256Base64` of this type.
 */

/**
 * Base64 of the SHA-256 digest of a UTF-8 string. Synchronous where the platform can digest
 * synchronously (`node:crypto`), a promise where it can't (Web Crypto).
 */
export type Sha256Base64 = (text: string) => string | Promise<string>
