import type { SandboxClock } from "../clock.js"

/**
 * QR types a MiaPos terminal works with (seed 000 `QrType`).
 *
 * @example
 * const qrType: PosQrType = "hybrid" // one printed code, a new payment request per sale
 */
export type PosQrType = "dynamic" | "static" | "hybrid"

/**
 * How the amount of a QR is set (seed 000 `QrAmountType`).
 *
 * @example
 * const amountType: PosQrAmountType = "controlled" // the payer picks between minAmount and maxAmount
 */
export type PosQrAmountType = "fixed" | "free" | "controlled"

/**
 * The QR settings of a terminal, as `GET /pos/api/v1/settings` prints them.
 *
 * @example
 * const settings: PosQrSettings = { qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300, prohibitSettingsChange: false }
 */
export interface PosQrSettings {
  readonly qrType: PosQrType
  readonly qrAmountType: PosQrAmountType
  /** Lifetime of a dynamic QR or an extension, in seconds (>= 30). */
  readonly qrTtl: number
  /** When true, `POST /pos/api/v1/settings` answers `settings_change_prohibited`. */
  readonly prohibitSettingsChange: boolean
}

/**
 * A terminal the simulated bank knows about. Only `terminalId` and `merchantIdno` are needed;
 * everything else has a printable default.
 *
 * @example
 * const terminal: PosTerminalConfig = { terminalId: "20001", merchantIdno: "1003600099999", phoneNumber: "+37360000002" }
 */
export interface PosTerminalConfig {
  /** Digits only, so the terminal-info operation can print it as a number like the seed does. */
  readonly terminalId: string
  readonly merchantIdno: string
  readonly merchantId?: number
  readonly merchantName?: string
  readonly storeName?: string
  readonly storeAddress?: string
  /** Where the activation OTP is "sent"; it shows up masked in the init response. */
  readonly phoneNumber?: string
  readonly posId?: number
  /** Merchant category code printed in transaction details. */
  readonly mcc?: string
  readonly settings?: Partial<PosQrSettings>
}

/**
 * A seller (cashier) account. Without `terminalIds` the seller may log in on every terminal.
 *
 * @example
 * const seller: PosSellerConfig = { username: "anna", password: "secret", fullName: "Anna Rusu", terminalIds: ["10001"] }
 */
export interface PosSellerConfig {
  readonly id?: number
  readonly username: string
  readonly password: string
  readonly fullName?: string
  readonly terminalIds?: ReadonlyArray<string>
}

/**
 * OTP rules of terminal activation.
 *
 * @example
 * const otp: PosOtpOptions = { attempts: 5, resendWaitSeconds: 30 }
 */
export interface PosOtpOptions {
  /** Wrong codes accepted before the activation answers `otp_limit_exceeded`. */
  readonly attempts?: number
  /** Resends allowed per activation. */
  readonly resends?: number
  /** Seconds between two codes sent for the same activation. */
  readonly resendWaitSeconds?: number
  /** Lifetime of one code, in seconds. */
  readonly ttlSeconds?: number
  /** After the limits are used up, `init` on the same terminal answers `otp_limit_exceeded` this long. */
  readonly lockSeconds?: number
  /** Makes codes predictable, e.g. `() => "123456"` for a scripted demo. Must return 6 digits. Default: random. */
  readonly generateCode?: () => string
}

/**
 * The support block `GET /pos/api/v1/seller/info` prints under `bankInfo`.
 *
 * @example
 * const bank: PosBankInfo = { bankName: "maib (sandbox)", supportPhone: "+373 22 000 000" }
 */
export interface PosBankInfo {
  readonly bankName?: string
  readonly image?: string
  readonly userGuideUrl?: string
  readonly supportPhone?: string
  readonly supportEmail?: string
}

/**
 * Field-name quirks of the real API. Defaults follow seed 000; flip them to test that a client
 * reads both spellings.
 *
 * @example
 * createPosSandbox({ quirks: { extensionInfoKey: "extensionInfo", mccKey: "mcc" } })
 */
export interface PosQuirks {
  /** Key of the extension in the extension-create response: the seed's typo `extensionIfo` by default. */
  readonly extensionInfoKey?: "extensionIfo" | "extensionInfo"
  /** Key of the merchant category code: the seed's Cyrillic `mсс` (U+0441 twice) by default. */
  readonly mccKey?: "m\u0441\u0441" | "mcc"
}

/**
 * Options of {@link createPosSandbox}. Every field is optional: with none the simulator has one
 * merchant, two terminals and one seller (see {@link POS_SANDBOX_DEFAULTS}).
 *
 * @example
 * import { createSandboxClock } from "@mia-sdk/sandbox"
 *
 * const options: PosSandboxOptions = {
 *   clock: createSandboxClock(Date.parse("2026-01-01T08:00:00Z")),
 *   accessTokenLifetimeSeconds: 60,
 *   otp: { attempts: 3, resendWaitSeconds: 60 },
 *   prohibitSettingsChange: true
 * }
 */
export interface PosSandboxOptions {
  /** Every expiry reads this clock; share it with the rest of the sandbox. */
  readonly clock?: SandboxClock
  readonly terminals?: ReadonlyArray<PosTerminalConfig>
  readonly sellers?: ReadonlyArray<PosSellerConfig>
  /** Default 300 s, like the miaPOS e-comm sibling API. */
  readonly accessTokenLifetimeSeconds?: number
  /** Default 432000 s (5 days). */
  readonly refreshTokenLifetimeSeconds?: number
  readonly otp?: PosOtpOptions
  /** Starting value of `prohibitSettingsChange` for terminals that do not set their own. */
  readonly prohibitSettingsChange?: boolean
  /** Rows per page of the shift transaction list. Default 20. */
  readonly transactionPageSize?: number
  /** Zone of the offset-less date-times the API prints. Default `Europe/Chisinau`. */
  readonly timeZone?: string
  /** Prefix of the `qrText` of every QR; the QR id is appended. */
  readonly qrTextPrefix?: string
  readonly bank?: PosBankInfo
  readonly quirks?: PosQuirks
}

/**
 * The configuration the simulator uses when none is given: print these on a CLI banner or in a
 * test to activate a terminal and log in.
 *
 * @example
 * const { terminals, sellers } = POS_SANDBOX_DEFAULTS
 * console.log(`terminal ${terminals[0].terminalId}, IDNO ${terminals[0].merchantIdno}, seller ${sellers[0].username}/${sellers[0].password}`)
 */
export const POS_SANDBOX_DEFAULTS = {
  terminals: [
    {
      terminalId: "10001",
      merchantIdno: "1003600012345",
      merchantId: 1824,
      merchantName: "Sandbox Merchant SRL",
      storeName: "Sandbox Store",
      storeAddress: "str. Mihai Viteazu 15, Chisinau",
      phoneNumber: "+37369000001",
      posId: 1,
      mcc: "5999"
    },
    {
      terminalId: "10002",
      merchantIdno: "1003600012345",
      merchantId: 1824,
      merchantName: "Sandbox Merchant SRL",
      storeName: "Sandbox Store",
      storeAddress: "str. Mihai Viteazu 15, Chisinau",
      phoneNumber: "+37369000002",
      posId: 2,
      mcc: "5999"
    }
  ],
  sellers: [{ id: 1, username: "seller", password: "sandbox", fullName: "Sandbox Seller" }],
  accessTokenLifetimeSeconds: 300,
  refreshTokenLifetimeSeconds: 432_000,
  otp: { attempts: 3, resends: 3, resendWaitSeconds: 60, ttlSeconds: 300, lockSeconds: 1800 },
  settings: { qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300, prohibitSettingsChange: false },
  transactionPageSize: 20,
  timeZone: "Europe/Chisinau",
  qrTextPrefix: "https://sandbox.mia-sdk.local/pos/qr/",
  bank: {
    bankName: "maib (sandbox)",
    image: "",
    userGuideUrl: "https://miapos.eu/en/docs/users/miapos-app/",
    supportPhone: "+373 22 000 000",
    supportEmail: "support@sandbox.mia-sdk.local"
  }
} as const satisfies {
  terminals: ReadonlyArray<PosTerminalConfig>
  sellers: ReadonlyArray<PosSellerConfig>
  accessTokenLifetimeSeconds: number
  refreshTokenLifetimeSeconds: number
  otp: Required<Omit<PosOtpOptions, "generateCode">>
  settings: PosQrSettings
  transactionPageSize: number
  timeZone: string
  qrTextPrefix: string
  bank: Required<PosBankInfo>
}
