import type { MiaQrClientOptions } from "../qr/options.js"

/**
 * Settings of a MIA RTP client: the same as a MIA QR client's (one credential set, one host, one
 * token), without the QR refund endpoint choice. Secrets may be plain strings or `Redacted`.
 *
 * @example
 * const options: MiaRtpClientOptions = {
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: Redacted.make(process.env.MIA_CLIENT_SECRET!),
 *   signatureKey: process.env.MIA_SIGNATURE_KEY,
 *   environment: "sandbox"
 * }
 */
export type MiaRtpClientOptions = Omit<MiaQrClientOptions, "refundPath">
