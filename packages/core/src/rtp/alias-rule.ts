/** Moldovan mobile number in international form without `+`: the only alias maib documents. */
const ALIAS = /^373\d{8}$/

/**
 * True for a payer `alias` the RTP API accepts: `373` followed by 8 digits, no `+` or spaces.
 * Effect-free, so order services and forms can check a number before anything is sent.
 *
 * @example
 * import { isMiaRtpAlias } from "@mia-sdk/core/guards"
 *
 * isMiaRtpAlias("37369112221") // true
 * isMiaRtpAlias("+373 69 112 221") // false: send 37369112221
 */
export const isMiaRtpAlias = (value: unknown): value is string =>
  typeof value === "string" && ALIAS.test(value)
