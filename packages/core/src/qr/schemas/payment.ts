import { type WireRecord, wireRecord } from "../../internal/wire-record.js"
import {
  currency,
  dateTime,
  money,
  PAYMENT_STATUSES,
  QR_STATUSES,
  REFUND_STATUSES,
  requiredMoney,
  requiredStr,
  str
} from "./common.js"

const PAYMENT = {
  payId: requiredStr,
  referenceId: str,
  qrId: str,
  extensionId: str,
  orderId: str,
  amount: requiredMoney,
  commission: money,
  currency,
  description: str,
  payerName: str,
  payerIban: str,
  status: { kind: { enum: PAYMENT_STATUSES }, required: true },
  executedAt: dateTime,
  refundedAt: dateTime,
  terminalId: str
} as const

/** One payment in `GET /v2/mia/payments` and the `result` of `GET /v2/mia/payments/{payId}` (spec §5.10, §5.11). */
export const decodePayment = wireRecord(PAYMENT)

/**
 * A payment received through an MIA QR.
 *
 * @example
 * const payment: MiaPayment = await client.getPayment(payId)
 * console.log(payment.amount, payment.status) // 50 "Executed"
 */
export type MiaPayment = WireRecord<typeof PAYMENT>

const REFUND = {
  refundId: str,
  payId: str,
  status: { kind: { enum: REFUND_STATUSES }, required: true }
} as const

/** `result` of a refund, current (`{refundId, status}`) or legacy (`{payId, status}`) (spec §5.7). */
export const decodeRefundResult = wireRecord(REFUND)

/**
 * The outcome of `refundPayment`: `status` `Created` (current endpoint, completes asynchronously:
 * the payment later shows `Refunded`) or `Refunded` (legacy endpoint).
 *
 * @example
 * const refund: MiaRefundResult = { refundId: "8ce09e40-2948-4225-a9c4-f277dbd587ea", status: "Created" }
 */
export type MiaRefundResult = WireRecord<typeof REFUND>

const TEST_PAY = {
  qrId: requiredStr,
  qrStatus: { kind: { enum: QR_STATUSES } },
  orderId: str,
  payId: requiredStr,
  amount: requiredMoney,
  commission: money,
  currency,
  payerName: str,
  payerIban: str,
  executedAt: dateTime,
  signatureKey: str
} as const

/** `result` of `POST /v2/mia/test-pay` (spec §5.12). */
export const decodeTestPayResult = wireRecord(TEST_PAY)

/**
 * A simulated payment (sandbox only).
 *
 * @example
 * const paid: MiaTestPayResult = await client.testPay({ qrId, amount: 50, iban: "MD88AG000000011621810140", payerName: "John D." })
 */
export type MiaTestPayResult = WireRecord<typeof TEST_PAY>
