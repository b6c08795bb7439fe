import type { OpenEnum } from "../../internal/open-enum.js"
import type { WireField } from "../../internal/wire-record.js"

export const str = { kind: "string" } as const satisfies WireField
export const requiredStr = { kind: "string", required: true } as const satisfies WireField
/** An amount in lei: a JSON number; a numeric string is tolerated. */
export const money = { kind: "number" } as const satisfies WireField
export const requiredMoney = { kind: "number", required: true } as const satisfies WireField
/** A date-time exactly as the bank wrote it (ISO 8601, possibly 7 fractional digits): never re-formatted. */
export const dateTime = str

/**
 * QR code type (spec §3). Unknown values pass through.
 *
 * @example
 * const type: MiaQrType = "Dynamic"
 */
export type MiaQrType = OpenEnum<"Static" | "Dynamic" | "Hybrid">
export const QR_TYPES = ["Static", "Dynamic", "Hybrid"] as const

/**
 * Amount type (spec §3): `Fixed` one amount, `Controlled` a range, `Free` any amount (Static only).
 *
 * @example
 * const amountType: MiaAmountType = "Controlled"
 */
export type MiaAmountType = OpenEnum<"Fixed" | "Controlled" | "Free">
export const AMOUNT_TYPES = ["Fixed", "Controlled", "Free"] as const

/**
 * QR status (spec §3). Unknown values pass through.
 *
 * @example
 * const done = (status: MiaQrStatus) => status === "Paid" || status === "Cancelled" || status === "Expired"
 */
export type MiaQrStatus = OpenEnum<"Active" | "Inactive" | "Expired" | "Paid" | "Cancelled">
export const QR_STATUSES = ["Active", "Inactive", "Expired", "Paid", "Cancelled"] as const

/**
 * Payment status (spec §3). Unknown values pass through.
 *
 * @example
 * const refunded = (status: MiaPaymentStatus) => status === "Refunded"
 */
export type MiaPaymentStatus = OpenEnum<"Executed" | "Refunded">
export const PAYMENT_STATUSES = ["Executed", "Refunded"] as const

/**
 * Refund status: `Created` when accepted for processing, later `Accepted`; the legacy endpoint
 * answers `Refunded`. Unknown values pass through.
 *
 * @example
 * const pending = (status: MiaRefundStatus) => status === "Created"
 */
export type MiaRefundStatus = OpenEnum<
  "Created" | "Accepted" | "Requested" | "Rejected" | "Manual" | "Refunded"
>
export const REFUND_STATUSES = ["Created", "Accepted", "Requested", "Rejected", "Manual", "Refunded"] as const

/** Currency code; only `MDL` exists today, kept open. */
export const currency = { kind: { enum: ["MDL"] } } as const satisfies WireField
