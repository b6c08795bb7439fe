import type { OpenString, PosQrAmountType, PosQrType } from "./common.js"

/**
 * QR settings of the terminal. `qrTtl` is in seconds; `whenUpdated` is ISO 8601 with an offset.
 *
 * @example
 * const settings: PosQrSettings = { qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300, prohibitSettingsChange: false }
 */
export interface PosQrSettings {
  readonly qrType?: OpenString<PosQrType> | undefined
  readonly qrAmountType?: OpenString<PosQrAmountType> | undefined
  readonly qrTtl?: number | undefined
  readonly prohibitSettingsChange?: boolean | undefined
  readonly whenUpdated?: string | undefined
}
