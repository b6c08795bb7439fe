import { formatMinorUnits, fromMinorUnits } from "@mia-sdk/core"
import type { SandboxTestPayResult } from "../../bank-views.js"
import { invalidParameter, invalidRequest } from "../error-catalog.js"
import { newGuid, parseGuid, referenceIdFor } from "../ids.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { formatDateTime } from "../time.js"
import type { BankContext } from "./bank-context.js"
import { FieldChecks, isAbsent, type JsonObject } from "./field-checks.js"
import { payableExtension, qrStatusAt } from "./qr-status.js"
import { nextSequence, type PaymentRecord, type PaymentTerms, type QrRecord } from "./records.js"
import { paymentView, refundView } from "./views.js"

/** Looks a payment up by the id in a path; 12000 for a malformed id, 14003 for an unknown one. */
export const findPayment = (context: BankContext, rawPayId: string): Outcome<PaymentRecord> => {
  const payId = parseGuid(rawPayId)
  if (payId === undefined) return fail(invalidParameter("payId"))
  const payment = context.books.payments.get(payId)
  return payment ? succeed(payment) : fail({ code: "14003", args: { miaPaymentId: payId } })
}

/** The terms a payment to this QR must meet now, or why the QR can't be paid. */
const payableTerms = (qr: QrRecord, now: number): Outcome<{ terms: PaymentTerms; extensionId?: string }> => {
  const { status } = qrStatusAt(qr, now)
  if (qr.type === "Hybrid") {
    const extension = status === "Cancelled" ? undefined : payableExtension(qr, now)
    if (!extension)
      return fail({ code: "14019", args: { state: status === "Active" ? "No active extension" : status } })
    return succeed({ terms: extension.terms, extensionId: extension.extensionId })
  }
  // A Static sticker that went `Inactive` comes back to life with a payment.
  const payable = status === "Active" || (qr.type === "Static" && status === "Inactive")
  if (!payable || !qr.terms) return fail({ code: "14019", args: { state: status } })
  return succeed({ terms: qr.terms })
}

const amountFits = (qr: QrRecord, terms: PaymentTerms, amount: number): boolean => {
  switch (qr.amountType) {
    case "Fixed":
      return amount === terms.amount
    case "Controlled":
      return amount >= (terms.amountMin ?? 0) && amount <= (terms.amountMax ?? Number.POSITIVE_INFINITY)
    case "Free":
      return true
  }
}

const recordPayment = (qr: QrRecord, extensionId: string | undefined, now: number): void => {
  qr.lastPaymentAt = now
  qr.updatedAt = now
  if (qr.type === "Dynamic") qr.state = "Paid"
  const extension = qr.extensions.find((candidate) => candidate.extensionId === extensionId)
  if (extension) {
    extension.state = "Paid"
    extension.updatedAt = now
  }
}

/** The callback `result`; absent optional fields are `null`, as the bank sends them. */
const paymentCallbackResult = (payment: PaymentRecord): Record<string, unknown> => ({
  qrId: payment.qrId,
  extensionId: payment.extensionId ?? null,
  qrStatus: payment.qrStatusAfter,
  payId: payment.payId,
  referenceId: payment.referenceId,
  orderId: payment.orderId ?? null,
  amount: fromMinorUnits(payment.amount),
  commission: fromMinorUnits(payment.commission),
  currency: payment.currency,
  payerName: payment.payerName,
  payerIban: payment.payerIban,
  executedAt: formatDateTime(payment.executedAt),
  terminalId: payment.terminalId ?? null
})

/** The official sandbox test IBAN, used when a simulated payer gives none. */
export const SANDBOX_TEST_IBAN = "MD88AG000000011621810140"

/**
 * `POST /v2/mia/test-pay`: a payer pays the QR. Creates the payment, moves the QR
 * along its state machine and queues the signed callback to the QR's `callbackUrl`.
 */
export const testPay = (context: BankContext, body: JsonObject): Outcome<SandboxTestPayResult> => {
  const checks = new FieldChecks(body)
  const qrId = parseGuid(checks.value("qrId")) ?? checks.invalid("qrId")
  const amount = checks.money("amount")
  const iban = checks.text("iban", 100, true)
  const payerName = checks.text("payerName", 200, true)
  const currency = checks.value("currency")
  if (isAbsent(currency)) checks.invalid("currency")
  else if (typeof currency !== "string" || currency.toUpperCase() !== "MDL") {
    checks.fail({ code: "12002", args: { currency: String(currency) } })
  }
  if (checks.errors.length > 0 || !qrId || amount === undefined || !iban || !payerName) {
    return fail(...checks.errors)
  }
  const qr = context.books.qrs.get(qrId)
  if (!qr) return fail({ code: "13000", args: { qrId } })
  const now = context.clock.now()
  const payable = payableTerms(qr, now)
  if (!payable.ok) return payable
  const { terms, extensionId } = payable.value
  if (!amountFits(qr, terms, amount)) return fail(invalidParameter("amount"))
  recordPayment(qr, extensionId, now)
  const sequence = nextSequence(context.books)
  const payment: PaymentRecord = {
    payId: newGuid(),
    sequence,
    referenceId: referenceIdFor(sequence),
    qrId: qr.qrId,
    extensionId,
    orderId: terms.orderId,
    amount,
    commission: Math.round(amount * context.commissionRate),
    currency: "MDL",
    description: terms.description,
    payerName,
    payerIban: iban,
    executedAt: now,
    terminalId: qr.terminalId,
    qrStatusAfter: qrStatusAt(qr, now).status,
    callbackUrl: terms.callbackUrl,
    refunded: 0
  }
  context.books.payments.set(payment.payId, payment)
  if (payment.callbackUrl) {
    context.notify({
      kind: "payment",
      url: payment.callbackUrl,
      qrId: payment.qrId,
      payId: payment.payId,
      result: paymentCallbackResult(payment)
    })
  }
  const view = paymentView(payment)
  return succeed({
    qrId: payment.qrId,
    qrStatus: payment.qrStatusAfter,
    ...(payment.orderId === undefined ? {} : { orderId: payment.orderId }),
    payId: payment.payId,
    amount: view.amount,
    commission: view.commission,
    currency: "MDL",
    payerName,
    payerIban: iban,
    executedAt: view.executedAt,
    signatureKey: context.signatureKey
  })
}

/** Which refund endpoint was called: the current shared one or the legacy MIA path. */
export type RefundEndpoint = "current" | "legacy"

/**
 * `POST /v2/payments/{payId}/refund` and the legacy `/v2/mia/payments/{payId}/refund`. The sum of
 * refunds never exceeds the paid amount: the check and the booking happen in one synchronous step.
 */
export const refundPayment = (
  context: BankContext,
  rawPayId: string,
  body: JsonObject,
  endpoint: RefundEndpoint
) => {
  const found = findPayment(context, rawPayId)
  if (!found.ok) return found
  const payment = found.value
  const checks = new FieldChecks(body)
  const reason = checks.text("reason", 500, true)
  // The legacy endpoint only ever refunded the whole payment and took no other field.
  const requested =
    endpoint === "current" && !isAbsent(checks.value("amount")) ? checks.money("amount") : undefined
  const callbackUrl = endpoint === "current" ? checks.url("callbackUrl", context.urlPolicy) : undefined
  if (checks.errors.length > 0 || reason === undefined) return fail(...checks.errors)
  const refundable = payment.amount - payment.refunded
  if (refundable <= 0) return fail({ code: "14015", args: { paymentId: payment.payId } })
  const amount = requested ?? refundable
  if (amount > refundable)
    return fail({ code: "14016", args: { refundableAmount: formatMinorUnits(refundable) } })
  const now = context.clock.now()
  payment.refunded += amount
  payment.refundedAt = now
  const refund = {
    refundId: newGuid(),
    sequence: nextSequence(context.books),
    payId: payment.payId,
    amount,
    reason,
    callbackUrl,
    createdAt: now,
    status: "Created" as const
  }
  context.books.refunds.set(refund.refundId, { ...refund })
  acceptRefund(context, refund.refundId)
  return succeed(
    endpoint === "current"
      ? { refundId: refund.refundId, status: refund.status }
      : { payId: payment.payId, status: "Refunded" as const }
  )
}

/**
 * Moves a refund from `Created` to `Accepted` and sends its callback. The bank does this
 * asynchronously; the sandbox does it right after answering, so tests need not wait for it.
 *
 * The refund callback's shape is undocumented. The sandbox sends
 * `{ result: { refundId, payId, qrId, extensionId, orderId, amount, currency, status, reason,
 * paymentStatus, refundedAt }, signature }`, signed like a payment callback. It has
 * a `refundId` and no `qrStatus`, so a handler can tell it from a payment callback.
 */
const acceptRefund = (context: BankContext, refundId: string): void => {
  const refund = context.books.refunds.get(refundId)
  const payment = refund && context.books.payments.get(refund.payId)
  if (!refund || !payment) return
  refund.status = "Accepted"
  if (!refund.callbackUrl) return
  context.notify({
    kind: "refund",
    url: refund.callbackUrl,
    qrId: payment.qrId,
    payId: payment.payId,
    refundId: refund.refundId,
    result: {
      refundId: refund.refundId,
      payId: payment.payId,
      qrId: payment.qrId,
      extensionId: payment.extensionId ?? null,
      orderId: payment.orderId ?? null,
      amount: fromMinorUnits(refund.amount),
      currency: "MDL",
      status: refund.status,
      reason: refund.reason,
      paymentStatus: paymentView(payment).status,
      refundedAt: formatDateTime(refund.createdAt)
    }
  })
}

/** `GET /v2/mia/payments/{payId}`. */
export const getPayment = (context: BankContext, rawPayId: string) => {
  const found = findPayment(context, rawPayId)
  return found.ok ? succeed(paymentView(found.value)) : found
}

/** `GET /v2/payments/refunds/{refundId}`: the shared platform's refund details. */
export const getRefund = (context: BankContext, rawRefundId: string) => {
  const refundId = parseGuid(rawRefundId)
  if (refundId === undefined) return fail(invalidParameter("refundId"))
  const refund = context.books.refunds.get(refundId)
  // The MIA table has no "refund not found" code; answer 404 with a message that says what is missing.
  if (!refund) return fail({ ...invalidRequest(`Refund ${refundId} is not found`), status: 404 })
  return succeed(refundView(refund))
}
