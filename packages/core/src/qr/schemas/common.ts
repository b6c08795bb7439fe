import * as Schema from "effect/Schema"
import type { OpenEnum } from "../../internal/open-enum.js"
import { openEnum, WireNumber } from "../../internal/wire-schema.js"

/** Types of QR: `Static`, `Dynamic`, `Hybrid`; unknown values pass through. */
export type MiaQrType = OpenEnum<"Static" | "Dynamic" | "Hybrid">
export const QR_TYPES = ["Static", "Dynamic", "Hybrid"] as const

/** How the payer's amount is set: `Fixed`, `Controlled` (a range) or `Free`. */
export type MiaAmountType = OpenEnum<"Fixed" | "Controlled" | "Free">
export const AMOUNT_TYPES = ["Fixed", "Controlled", "Free"] as const

/** QR status as the bank reports it. */
export type MiaQrStatus = OpenEnum<"Active" | "Inactive" | "Expired" | "Paid" | "Cancelled">
export const QR_STATUSES = ["Active", "Inactive", "Expired", "Paid", "Cancelled"] as const

/** Payment status: `Executed`, or `Refunded` after a full refund. */
export type MiaPaymentStatus = OpenEnum<"Executed" | "Refunded">
export const PAYMENT_STATUSES = ["Executed", "Refunded"] as const

/** Refund status; the documents disagree on the set, so it is open. */
export type MiaRefundStatus = OpenEnum<
  "Created" | "Accepted" | "Requested" | "Rejected" | "Manual" | "Refunded"
>
export const REFUND_STATUSES = ["Created", "Accepted", "Requested", "Rejected", "Manual", "Refunded"] as const

// Field kinds shared by the MIA schemas. Optional fields may arrive as null (decoded as absent).
export const text = Schema.String
export const optionalText = Schema.optionalKey(Schema.String)
export const amount = WireNumber
export const optionalAmount = Schema.optionalKey(WireNumber)
export const optionalDateTime = Schema.optionalKey(Schema.String)
export const optionalCurrency = Schema.optionalKey(openEnum(["MDL"]))
export const qrStatus = openEnum(QR_STATUSES)
export const qrType = openEnum(QR_TYPES)
export const amountType = openEnum(AMOUNT_TYPES)
export const paymentStatus = openEnum(PAYMENT_STATUSES)
export const refundStatus = openEnum(REFUND_STATUSES)
