import * as Schema from "effect/Schema"
import {
  amount,
  optionalAmount,
  optionalCurrency,
  optionalDateTime,
  optionalText,
  paymentStatus,
  qrStatus,
  refundStatus,
  text
} from "./common.js"

/** Wire schema of a payment (`GET /v2/mia/payments/{payId}` and the payment list). */
export const MiaPaymentSchema = Schema.Struct({
  payId: text,
  referenceId: optionalText,
  qrId: optionalText,
  extensionId: optionalText,
  orderId: optionalText,
  amount,
  commission: optionalAmount,
  currency: optionalCurrency,
  description: optionalText,
  payerName: optionalText,
  payerIban: optionalText,
  status: paymentStatus,
  executedAt: optionalDateTime,
  refundedAt: optionalDateTime,
  terminalId: optionalText
})

/** A payment as the bank records it. */
export type MiaPayment = typeof MiaPaymentSchema.Type

/** Wire schema of a refund answer. */
export const MiaRefundResultSchema = Schema.Struct({
  refundId: optionalText,
  payId: optionalText,
  status: refundStatus
})

/** The bank's answer to a refund request. */
export type MiaRefundResult = typeof MiaRefundResultSchema.Type

/** Wire schema of `POST /v2/mia/test-pay`'s result (sandbox). */
export const MiaTestPayResultSchema = Schema.Struct({
  qrId: text,
  qrStatus: Schema.optionalKey(qrStatus),
  orderId: optionalText,
  payId: text,
  amount,
  commission: optionalAmount,
  currency: optionalCurrency,
  payerName: optionalText,
  payerIban: optionalText,
  executedAt: optionalDateTime,
  signatureKey: optionalText
})

/** A simulated payment (sandbox only). */
export type MiaTestPayResult = typeof MiaTestPayResultSchema.Type
