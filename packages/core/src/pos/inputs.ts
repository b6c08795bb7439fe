import type * as Redacted from "effect/Redacted"
import type { PosQrAmountType, PosQrType } from "./model/common.js"
import type { PosReportFormat } from "./model/report.js"

/**
 * Starts binding this device to a terminal; the bank sends an OTP to the merchant's phone.
 *
 * @example
 * const input: PosActivationInitInput = { terminalId: "10001", merchantIdno: "1003600012345" }
 */
export interface PosActivationInitInput {
  readonly terminalId: string
  readonly merchantIdno: string
}

/**
 * Names the activation an OTP operation is about; by default the one in the session.
 *
 * @example
 * const input: PosActivationRef = { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39" }
 */
export interface PosActivationRef {
  readonly terminalActivationId?: string | undefined
}

/**
 * The OTP the merchant received by SMS.
 *
 * @example
 * const input: PosActivationConfirmInput = { otpCode: "123456" }
 */
export interface PosActivationConfirmInput extends PosActivationRef {
  /** Digits only, as received. */
  readonly otpCode: string
}

/**
 * Seller credentials. The password may be a plain string or an Effect `Redacted`.
 *
 * @example
 * const credentials: PosSellerCredentials = { username: "seller", password: process.env.MIAPOS_SELLER_PASSWORD! }
 */
export interface PosSellerCredentials {
  readonly username: string
  readonly password: string | Redacted.Redacted<string>
}

/**
 * Filters of the active QR list.
 *
 * @example
 * const filter: PosListActiveQrsFilter = { type: "static", includeImage: true }
 */
export interface PosListActiveQrsFilter {
  /** Only QRs of this type; all types when left out. */
  readonly type?: PosQrType | undefined
  /** Ask for `qrImage` too (the API's `isImageRequired`). */
  readonly includeImage?: boolean | undefined
}

/**
 * The amounts of a payment request. `fixed` QRs take `amount`; `controlled` ones take
 * `minAmount` and `maxAmount` (and optionally `amount` between them). Amounts are lei:
 * > 0, <= 100000, at most 2 decimals.
 *
 * @example
 * const fixed: PosAmounts = { amount: 125.5 }
 * const range: PosAmounts = { minAmount: 10, maxAmount: 500 }
 */
export interface PosAmounts {
  readonly amount?: number | undefined
  readonly minAmount?: number | undefined
  readonly maxAmount?: number | undefined
}

/**
 * A new QR. A `dynamic` QR, or a `static` one with a `fixed` or `controlled` amount, carries its
 * amounts (sent as the API's `extension`). A `hybrid` QR and a `static` QR with a `free` amount
 * take none: give a hybrid QR its amount later with `qr.createExtension`.
 *
 * @example
 * const dynamic: PosCreateQrInput = { qrType: "dynamic", amountType: "fixed", amount: 125.5 }
 * const hybrid: PosCreateQrInput = { qrType: "hybrid", amountType: "fixed" }
 */
export interface PosCreateQrInput extends PosAmounts {
  readonly qrType: PosQrType
  readonly amountType: PosQrAmountType
}

/**
 * Options of a QR lookup.
 *
 * @example
 * const options: PosGetQrOptions = { includeImage: true }
 */
export interface PosGetQrOptions {
  /** Ask for `qrImage` too (the API's `isImageRequired`). */
  readonly includeImage?: boolean | undefined
}

/**
 * A dynamic QR of the deprecated v1 API: a fixed amount only.
 *
 * @example
 * const input: PosQrV1CreateInput = { amount: 49.99 }
 */
export interface PosQrV1CreateInput {
  readonly amount: number
}

/**
 * Which report to build and how. `format` defaults to `pdf`; `full: true` lists every
 * transaction (the API's `isFullReport`).
 *
 * @example
 * const input: PosShiftReportInput = { shiftId: "42", format: "json", full: true }
 */
export interface PosShiftReportInput<F extends PosReportFormat = PosReportFormat> {
  /** Required for a Z-report (a closed shift); an X-report defaults to the session's open shift. */
  readonly shiftId?: string | undefined
  readonly format?: F | undefined
  readonly full?: boolean | undefined
}

/**
 * A Z-report: the summary of a closed shift, so `shiftId` is required (`shift.close()` returns it).
 *
 * @example
 * const input: PosZReportInput = { shiftId: "42", format: "pdf" }
 */
export interface PosZReportInput<F extends PosReportFormat = PosReportFormat> extends PosShiftReportInput<F> {
  readonly shiftId: string
}

/**
 * The legacy Z-report of a closed shift.
 *
 * @example
 * const input: PosLegacyZReportInput = { shiftId: "42" }
 */
export interface PosLegacyZReportInput {
  readonly shiftId: string
}

/**
 * The receipt of one transaction.
 *
 * @example
 * const input: PosReceiptInput = { txId: "1042", format: "png" }
 */
export interface PosReceiptInput<F extends PosReportFormat = PosReportFormat> {
  readonly txId: string
  readonly format?: F | undefined
}

/**
 * One page of a shift's transactions. `txId` is the cursor: the page holds transactions older
 * than it (use `nextCursor` of the previous page). Without `shiftId` the session's shift is used.
 *
 * @example
 * const first: PosListTransactionsInput = { shiftId: "42" }
 * const next: PosListTransactionsInput = { shiftId: "42", txId: "1030" }
 */
export interface PosListTransactionsInput {
  readonly shiftId?: string | undefined
  readonly txId?: string | undefined
}

/**
 * A return (refund) of a payment. Without `amount` it is a full return; with `amount` a partial
 * one. `reasonCode` is the bank's standardised reason.
 *
 * @example
 * const full: PosReturnInput = { txId: "1042", reasonCode: "customer_request" }
 * const partial: PosReturnInput = { txId: "1042", amount: 20, reasonCode: "damaged", reasonMessage: "Cup cracked" }
 */
export interface PosReturnInput {
  readonly txId: string
  readonly amount?: number | undefined
  /** Optional cross-check: `true` forbids `amount`, `false` requires it. */
  readonly fullRefund?: boolean | undefined
  readonly reasonCode: string
  readonly reasonMessage?: string | undefined
  /** The API's `ccy`, e.g. `MDL`; sent only when given. */
  readonly currency?: string | undefined
}

/**
 * New QR settings of the terminal. `qrTtl` is in seconds, at least 30 (default 300 on the bank's side).
 *
 * @example
 * const settings: PosSetQrSettingsInput = { qrType: "dynamic", qrAmountType: "fixed", qrTtl: 300 }
 */
export interface PosSetQrSettingsInput {
  readonly qrType: PosQrType
  readonly qrAmountType: PosQrAmountType
  readonly qrTtl?: number | undefined
  readonly prohibitSettingsChange?: boolean | undefined
  readonly whenUpdated?: Date | string | undefined
}
