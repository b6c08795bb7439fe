import type { OpenString, PosQrAmountType, PosQrType } from "./common.js"
import type { PosTransactionDetails } from "./transaction.js"

/**
 * QR and extension states. Only `not_found` is documented; the rest are by analogy with maib
 * MIA, so the type stays open.
 *
 * @example
 * const state: PosQrState = "paid"
 */
export type PosQrState = OpenString<"not_found" | "active" | "paid" | "expired" | "cancelled">

/**
 * A payment request attached to a QR code. `expiresIn` is the API's `qrExpireIn`, in seconds.
 *
 * @example
 * const extension: PosQrExtension = { extensionId: "e6532990-9411-4b54-9b41-41ee86c8daab", expiresIn: 300, amount: 25 }
 */
export interface PosQrExtension {
  readonly extensionId: string
  readonly expiresIn?: number | undefined
  readonly amount?: number | undefined
  readonly minAmount?: number | undefined
  readonly maxAmount?: number | undefined
}

/**
 * A QR code. `qrText` is the payload to encode; `qrImage` is present when an image was asked for.
 *
 * @example
 * const qr: PosQr = { qrId: "46027dd2-ff11-4c24-8cf5-d54b1f7fd64c", qrType: "dynamic", amountType: "fixed", qrText: "https://..." }
 */
export interface PosQr {
  readonly qrId: string
  readonly qrType?: OpenString<PosQrType> | undefined
  readonly amountType?: OpenString<PosQrAmountType> | undefined
  readonly qrText?: string | undefined
  readonly qrImage?: string | undefined
  /** Present only while the QR has an active payment request. */
  readonly extension?: PosQrExtension | undefined
}

/**
 * A QR code looked up by id: its state and, when it exists, its details.
 *
 * @example
 * const found: PosQrLookup = { state: "active", qr: { qrId: "46027dd2-ff11-4c24-8cf5-d54b1f7fd64c" } }
 */
export interface PosQrLookup {
  readonly state?: PosQrState | undefined
  readonly qr?: PosQr | undefined
}

/**
 * The state of a payment request: `lastTransaction` is the latest payment, `totalPayments` how
 * many were made.
 *
 * @example
 * const status: PosExtensionStatus = { state: "paid", totalPayments: 1 }
 */
export interface PosExtensionStatus {
  readonly state?: PosQrState | undefined
  readonly errorDescription?: string | undefined
  readonly lastTransaction?: PosTransactionDetails | undefined
  readonly totalPayments?: number | undefined
}

/**
 * A dynamic QR of the deprecated v1 API. `expiresIn` is the API's `qrExpireIn`, in seconds.
 *
 * @example
 * const qr: PosQrV1 = { qrId: "46027dd2-ff11-4c24-8cf5-d54b1f7fd64c", expiresIn: 300 }
 */
export interface PosQrV1 {
  readonly qrId: string
  readonly expiresIn?: number | undefined
  readonly qrImage?: string | undefined
}

/**
 * The state of a deprecated v1 dynamic QR, with the payment once it is paid.
 *
 * @example
 * const status: PosQrV1Status = { state: "paid", transaction: { id: "1", amount: 10 } }
 */
export interface PosQrV1Status {
  readonly state?: PosQrState | undefined
  readonly errorDescription?: string | undefined
  readonly transaction?: PosTransactionDetails | undefined
}
