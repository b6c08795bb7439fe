import { fromMinorUnits } from "@mia-sdk/core"
import type { SandboxRtp, SandboxRtpInboxItem, SandboxRtpPayment } from "../../rtp-views.js"
import { formatDateTime } from "../time.js"
import type { RtpPaymentRecord, RtpRecord } from "./records.js"
import type { ResolvedRtpSettings } from "./rtp-settings.js"
import { isPending, rtpStatusAt } from "./rtp-status.js"

/** Drops `undefined` fields, as the bank's examples leave out what has no value. */
const compact = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as A

/** Everything the sandbox knows about a request (for `sandbox.rtp`). */
export const rtpView = (record: RtpRecord, now: number, settings: ResolvedRtpSettings): SandboxRtp => {
  const { status, since } = rtpStatusAt(record, now, settings)
  return compact({
    rtpId: record.rtpId,
    alias: record.alias,
    orderId: record.orderId,
    status,
    amount: fromMinorUnits(record.amount),
    currency: record.currency,
    description: record.description,
    callbackUrl: record.callbackUrl,
    redirectUrl: record.redirectUrl,
    createdAt: formatDateTime(record.createdAt),
    updatedAt: formatDateTime(Math.max(record.updatedAt, since)),
    expiresAt: record.expiresAt.text,
    terminalId: record.terminalId,
    payId: record.payment?.payId,
    refundId: record.refund?.refundId
  })
}

/**
 * `GET /v2/rtp/{rtpId}` and list items: the documented fields only (no `alias`, no refund), and
 * `payId` only when the switch says the bank shows it.
 */
export const rtpWireView = (record: RtpRecord, now: number, settings: ResolvedRtpSettings) => {
  const { alias: _alias, refundId: _refundId, payId, ...documented } = rtpView(record, now, settings)
  return settings.statusIncludesPayId && payId !== undefined ? { ...documented, payId } : documented
}

/** A pending request as the payer's phone lists it; `undefined` once it is decided or expired. */
export const inboxView = (
  record: RtpRecord,
  now: number,
  settings: ResolvedRtpSettings
): SandboxRtpInboxItem | undefined => {
  const { status } = rtpStatusAt(record, now, settings)
  if (!isPending(status)) return undefined
  return compact({
    rtpId: record.rtpId,
    alias: record.alias,
    orderId: record.orderId,
    status,
    amount: fromMinorUnits(record.amount),
    currency: record.currency,
    description: record.description,
    createdAt: formatDateTime(record.createdAt),
    expiresAt: record.expiresAt.text,
    terminalId: record.terminalId
  })
}

/** The payment of an accepted request, as `sandbox.rtp.accept()` returns it. */
export const paymentView = (record: RtpRecord, payment: RtpPaymentRecord): SandboxRtpPayment =>
  compact({
    rtpId: record.rtpId,
    rtpStatus: "Accepted" as const,
    orderId: record.orderId,
    payId: payment.payId,
    amount: fromMinorUnits(payment.amount),
    commission: fromMinorUnits(payment.commission),
    currency: record.currency,
    payerName: payment.payerName,
    payerIban: payment.payerIban,
    executedAt: formatDateTime(payment.executedAt)
  })

/**
 * The callback `result`: the payment's fields with `orderId: null` when the
 * merchant gave none, as the QR callbacks send absent optional fields.
 */
export const callbackResult = (record: RtpRecord, payment: RtpPaymentRecord): Record<string, unknown> => ({
  rtpId: record.rtpId,
  rtpStatus: "Accepted",
  orderId: record.orderId ?? null,
  payId: payment.payId,
  amount: fromMinorUnits(payment.amount),
  commission: fromMinorUnits(payment.commission),
  currency: record.currency,
  payerName: payment.payerName,
  payerIban: payment.payerIban,
  executedAt: formatDateTime(payment.executedAt)
})
