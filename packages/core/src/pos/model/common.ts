/**
 * A string enum that stays open: the known values autocomplete, and a value the API adds later
 * still type-checks and passes through.
 *
 * @example
 * const type: OpenString<"paid"> = "refund" // accepted: unknown values pass through
 */
export type OpenString<Known extends string> = Known | (string & {})

/**
 * QR code types of the MiaPos API.
 *
 * @example
 * const type: PosQrType = "hybrid"
 */
export type PosQrType = "dynamic" | "static" | "hybrid"

/**
 * How the amount of a QR code is set: one amount, a range, or whatever the payer enters.
 *
 * @example
 * const amountType: PosQrAmountType = "controlled"
 */
export type PosQrAmountType = "fixed" | "free" | "controlled"

/**
 * `X-PLATFORM-TYPE` values. Use `external_system` for a server or cash register integration.
 *
 * @example
 * const platform: PosPlatformType = "external_system"
 */
export type PosPlatformType = "ios" | "android" | "web" | "external_system"
