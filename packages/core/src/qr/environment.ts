/**
 * Which maib host to talk to.
 *
 * @example
 * const environment: MiaEnvironment = "sandbox"
 */
export type MiaEnvironment = "sandbox" | "production"

/**
 * The documented hosts of the MIA QR API. The client appends `/v2/...`.
 *
 * @example
 * import { MIA_BASE_URLS } from "@mia-sdk/core"
 * MIA_BASE_URLS.sandbox // "https://sandbox.maibmerchants.md"
 */
export const MIA_BASE_URLS: Readonly<Record<MiaEnvironment, string>> = {
  sandbox: "https://sandbox.maibmerchants.md",
  production: "https://api.maibmerchants.md"
}
