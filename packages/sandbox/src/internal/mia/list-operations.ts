import type { SandboxPayment, SandboxQr } from "../../bank-views.js"
import { invalidParameter } from "../error-catalog.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import type { BankContext } from "./bank-context.js"
import { containsText, ListQuery, matches, pageOf, within } from "./list-query.js"
import { currentExtension, currentTerms, qrStatusAt } from "./qr-status.js"
import type { PaymentRecord, QrRecord, QrStatus } from "./records.js"
import { paymentView, qrView } from "./views.js"

/** A page of a list call. */
export interface ListPage<A> {
  readonly totalCount: number
  readonly items: ReadonlyArray<A>
}

const QR_STATUSES: ReadonlyArray<QrStatus> = ["Active", "Inactive", "Expired", "Paid", "Cancelled"]

/** `GET /v2/mia/qr`. */
export const listQrs = (context: BankContext, params: URLSearchParams): Outcome<ListPage<SandboxQr>> => {
  const query = new ListQuery(params)
  const qrId = query.guid("qrId")
  const extensionId = query.guid("extensionId")
  const orderId = query.text("orderId", 100)
  const rawType = params.get("type") ?? ""
  const type = query.oneOf("type", ["Static", "Dynamic", "Hybrid"], {
    code: "12004",
    args: { actualValue: rawType }
  })
  const amountType = query.oneOf(
    "amountType",
    ["Fixed", "Controlled", "Free"],
    invalidParameter("amountType")
  )
  const amountFrom = query.amount("amountFrom")
  const amountTo = query.amount("amountTo")
  const description = query.text("description", 500)
  const rawStatus = params.get("status") ?? ""
  const status = query.oneOf("status", QR_STATUSES, { code: "12005", args: { actualValue: rawStatus } })
  const createdAtFrom = query.instant("createdAtFrom")
  const createdAtTo = query.instant("createdAtTo")
  const expiresAtFrom = query.instant("expiresAtFrom")
  const expiresAtTo = query.instant("expiresAtTo")
  const terminalId = query.text("terminalId", 100)
  const paging = query.paging()
  const sorting = query.sorting(
    ["orderId", "type", "amountType", "status", "createdAt", "expiresAt"],
    "createdAt"
  )
  if (query.errors.length > 0) return fail(...query.errors)

  const now = context.clock.now()
  const keep = (qr: QrRecord): boolean => {
    const terms = currentTerms(qr)
    return (
      matches(qr.qrId, qrId) &&
      (extensionId === undefined ||
        qr.extensions.some((extension) => extension.extensionId === extensionId)) &&
      matches(terms?.orderId, orderId) &&
      matches(qr.type, type) &&
      matches(qr.amountType, amountType) &&
      within(terms?.amount, amountFrom, amountTo) &&
      containsText(terms?.description, description) &&
      matches(qrStatusAt(qr, now).status, status) &&
      within(qr.createdAt, createdAtFrom, createdAtTo) &&
      within(terms?.expiresAt?.ms, expiresAtFrom, expiresAtTo) &&
      matches(qr.terminalId, terminalId)
    )
  }
  const sortKey = (qr: QrRecord): string | number | undefined => {
    switch (sorting.field) {
      case "orderId":
        return currentTerms(qr)?.orderId
      case "type":
        return qr.type
      case "amountType":
        return qr.amountType
      case "status":
        return qrStatusAt(qr, now).status
      case "createdAt":
        return qr.createdAt
      case "expiresAt":
        return (qr.type === "Hybrid" ? currentExtension(qr)?.terms : qr.terms)?.expiresAt?.ms
    }
  }
  const page = pageOf([...context.books.qrs.values()].filter(keep), sortKey, sorting, paging)
  return succeed({ totalCount: page.totalCount, items: page.items.map((qr) => qrView(qr, now)) })
}

/** `GET /v2/mia/payments`. */
export const listPayments = (
  context: BankContext,
  params: URLSearchParams
): Outcome<ListPage<SandboxPayment>> => {
  const query = new ListQuery(params)
  const payId = query.guid("payId")
  const referenceId = query.text("referenceId", 15)
  const qrId = query.guid("qrId")
  const extensionId = query.guid("extensionId")
  const orderId = query.text("orderId", 100)
  const amountFrom = query.amount("amountFrom")
  const amountTo = query.amount("amountTo")
  const description = query.text("description", 500)
  const payerName = query.text("payerName", 200)
  const payerIban = query.text("payerIban", 200)
  const status = query.oneOf("status", ["Executed", "Refunded"], invalidParameter("status"))
  const executedAtFrom = query.instant("executedAtFrom")
  const executedAtTo = query.instant("executedAtTo")
  const terminalId = query.text("terminalId", 100)
  const paging = query.paging()
  const sorting = query.sorting(["orderId", "amount", "status", "executedAt"], "executedAt")
  if (query.errors.length > 0) return fail(...query.errors)

  const statusOf = (payment: PaymentRecord) => paymentView(payment).status
  const keep = (payment: PaymentRecord): boolean =>
    matches(payment.payId, payId) &&
    matches(payment.referenceId, referenceId) &&
    matches(payment.qrId, qrId) &&
    matches(payment.extensionId, extensionId) &&
    matches(payment.orderId, orderId) &&
    within(payment.amount, amountFrom, amountTo) &&
    containsText(payment.description, description) &&
    containsText(payment.payerName, payerName) &&
    matches(payment.payerIban, payerIban) &&
    matches(statusOf(payment), status) &&
    within(payment.executedAt, executedAtFrom, executedAtTo) &&
    matches(payment.terminalId, terminalId)
  const sortKey = (payment: PaymentRecord): string | number | undefined => {
    switch (sorting.field) {
      case "orderId":
        return payment.orderId
      case "amount":
        return payment.amount
      case "status":
        return statusOf(payment)
      case "executedAt":
        return payment.executedAt
    }
  }
  const page = pageOf([...context.books.payments.values()].filter(keep), sortKey, sorting, paging)
  return succeed({ totalCount: page.totalCount, items: page.items.map(paymentView) })
}
