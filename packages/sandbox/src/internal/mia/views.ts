import { fromMinorUnits } from "@mia-sdk/core"
import type { SandboxPayment, SandboxQr, SandboxRefund } from "../../bank-views.js"
import { formatDateTime } from "../time.js"
import { currentExtension, currentTerms, qrStatusAt } from "./qr-status.js"
import type { PaymentRecord, QrRecord, RefundRecord } from "./records.js"

const lei = (minor: number | undefined): number | undefined =>
  minor === undefined ? undefined : fromMinorUnits(minor)

/** Drops `undefined` fields, as the bank's examples leave out what has no value. */
const compact = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as A

export const qrView = (qr: QrRecord, now: number): SandboxQr => {
  const terms = currentTerms(qr)
  const { status, since } = qrStatusAt(qr, now)
  return compact({
    qrId: qr.qrId,
    extensionId: qr.type === "Hybrid" ? currentExtension(qr)?.extensionId : undefined,
    orderId: terms?.orderId,
    status,
    type: qr.type,
    url: qr.url,
    amountType: qr.amountType,
    amount: lei(terms?.amount),
    amountMin: lei(terms?.amountMin),
    amountMax: lei(terms?.amountMax),
    currency: qr.currency,
    description: terms?.description,
    callbackUrl: terms?.callbackUrl,
    redirectUrl: terms?.redirectUrl,
    createdAt: formatDateTime(qr.createdAt),
    updatedAt: formatDateTime(Math.max(qr.updatedAt, since)),
    expiresAt: terms?.expiresAt?.text,
    terminalId: qr.terminalId
  })
}

export const paymentView = (payment: PaymentRecord): SandboxPayment =>
  compact({
    payId: payment.payId,
    referenceId: payment.referenceId,
    qrId: payment.qrId,
    extensionId: payment.extensionId,
    orderId: payment.orderId,
    amount: fromMinorUnits(payment.amount),
    commission: fromMinorUnits(payment.commission),
    currency: payment.currency,
    description: payment.description,
    payerName: payment.payerName,
    payerIban: payment.payerIban,
    status: payment.refunded >= payment.amount ? "Refunded" : "Executed",
    executedAt: formatDateTime(payment.executedAt),
    refundedAt: payment.refundedAt === undefined ? undefined : formatDateTime(payment.refundedAt),
    terminalId: payment.terminalId
  })

export const refundView = (refund: RefundRecord): SandboxRefund =>
  compact({
    refundId: refund.refundId,
    payId: refund.payId,
    amount: fromMinorUnits(refund.amount),
    currency: "MDL",
    reason: refund.reason,
    status: refund.status,
    callbackUrl: refund.callbackUrl,
    createdAt: formatDateTime(refund.createdAt)
  })
