import { invalidParameter } from "../error-catalog.js"
import { newGuid, parseGuid, qrUrlFor } from "../ids.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import type { BankContext } from "./bank-context.js"
import { FieldChecks, isAbsent, isJsonObject, type JsonObject, orderErrors } from "./field-checks.js"
import { checkPaymentTerms } from "./payment-terms.js"
import { currentExtension, qrStatusAt } from "./qr-status.js"
import { type AmountType, nextSequence, type PaymentTerms, type QrRecord } from "./records.js"
import { qrView } from "./views.js"

const AMOUNT_TYPES: ReadonlyArray<AmountType> = ["Fixed", "Controlled", "Free"]

/** Looks a QR up by the id in a path; 12000 for a malformed id, 13000 for an unknown one. */
export const findQr = (context: BankContext, rawQrId: string): Outcome<QrRecord> => {
  const qrId = parseGuid(rawQrId)
  if (qrId === undefined) return fail(invalidParameter("qrId"))
  const qr = context.books.qrs.get(qrId)
  return qr ? succeed(qr) : fail({ code: "13000", args: { qrId } })
}

const checkCurrency = (checks: FieldChecks): void => {
  const currency = checks.value("currency")
  if (isAbsent(currency)) checks.invalid("currency")
  else if (typeof currency !== "string" || currency.toUpperCase() !== "MDL") {
    checks.fail({ code: "12002", args: { currency: String(currency) } })
  }
}

const checkAmountType = (checks: FieldChecks): AmountType | undefined =>
  checks.oneOf("amountType", AMOUNT_TYPES) ?? checks.invalid("amountType")

const storeQr = (
  context: BankContext,
  qr: Omit<QrRecord, "sequence" | "url" | "createdAt" | "updatedAt">
) => {
  const now = context.clock.now()
  const record: QrRecord = {
    ...qr,
    sequence: nextSequence(context.books),
    url: qrUrlFor(qr.qrId),
    createdAt: now,
    updatedAt: now
  }
  context.books.qrs.set(record.qrId, record)
  return record
}

/** `POST /v2/mia/qr`: a Static or Dynamic QR. */
export const createQr = (context: BankContext, body: JsonObject) => {
  const checks = new FieldChecks(body)
  const rawType = checks.value("type")
  const type = checks.oneOf("type", ["Static", "Dynamic"] as const)
  if (type === undefined) {
    if (typeof rawType === "string" && rawType.toLowerCase() === "hybrid") {
      checks.fail({ code: "14006", args: { type: "Hybrid" } })
    } else if (isAbsent(rawType)) checks.invalid("type")
    else checks.fail({ code: "12004", args: { actualValue: String(rawType) } })
  }
  const amountType = checkAmountType(checks)
  checkCurrency(checks)
  const terminalId = checks.text("terminalId", 100, false)
  if (type === "Dynamic" && amountType === "Free") checks.fail({ code: "14006", args: { type } })
  const terms =
    amountType === undefined
      ? undefined
      : checkPaymentTerms(body, {
          amountType,
          expiry: type === "Dynamic" ? "required" : "ignored",
          now: context.clock.now(),
          urlPolicy: context.urlPolicy
        })
  const errors = [...checks.errors, ...(terms?.errors ?? [])]
  if (errors.length > 0 || !type || !amountType || !terms?.terms) return fail(...orderErrors(errors))
  const qr = storeQr(context, {
    qrId: newGuid(),
    type,
    amountType,
    currency: "MDL",
    terminalId,
    terms: terms.terms,
    extensions: [],
    state: "Active"
  })
  return succeed({
    qrId: qr.qrId,
    orderId: terms.terms.orderId,
    type: qr.type,
    url: qr.url,
    expiresAt: terms.terms.expiresAt?.text
  })
}

const checkExtension = (
  context: BankContext,
  amountType: AmountType,
  body: JsonObject,
  prefix: string
): Outcome<PaymentTerms> => {
  const rules = {
    amountType,
    expiry: "required",
    now: context.clock.now(),
    urlPolicy: context.urlPolicy
  } as const
  const checked = checkPaymentTerms(body, rules, prefix)
  return checked.terms ? succeed(checked.terms) : fail(...orderErrors(checked.errors))
}

const attachExtension = (context: BankContext, qr: QrRecord, terms: PaymentTerms): string => {
  const now = context.clock.now()
  const previous = currentExtension(qr)
  // The API keeps one active extension per QR: a new one takes the place of an unpaid one.
  if (previous?.state === "Active") {
    previous.state = "Replaced"
    previous.updatedAt = now
  }
  const extensionId = newGuid()
  qr.extensions.push({ extensionId, terms, createdAt: now, updatedAt: now, state: "Active" })
  qr.updatedAt = now
  return extensionId
}

/** `POST /v2/mia/qr/hybrid`: a Hybrid QR, optionally with its first extension. */
export const createHybridQr = (context: BankContext, body: JsonObject) => {
  const checks = new FieldChecks(body)
  const amountType = checkAmountType(checks)
  // "Free: only for static QR codes": the Hybrid page's `Free` is treated as a doc slip.
  if (amountType === "Free") checks.fail({ code: "14006", args: { type: "Hybrid" } })
  checkCurrency(checks)
  const terminalId = checks.text("terminalId", 100, false)
  const extension = checks.value("extension")
  if (!isAbsent(extension) && !isJsonObject(extension)) checks.invalid("extension")
  if (checks.errors.length > 0 || amountType === undefined) return fail(...orderErrors(checks.errors))
  const terms = isJsonObject(extension)
    ? checkExtension(context, amountType, extension, "extension.")
    : undefined
  if (terms && !terms.ok) return terms
  const qr = storeQr(context, {
    qrId: newGuid(),
    type: "Hybrid",
    amountType,
    currency: "MDL",
    terminalId,
    extensions: [],
    state: "Active"
  })
  const extensionId = terms ? attachExtension(context, qr, terms.value) : undefined
  return succeed({ qrId: qr.qrId, extensionId, url: qr.url })
}

/** `POST /v2/mia/qr/{qrId}/extension`: new terms for a Hybrid QR. */
export const createExtension = (context: BankContext, rawQrId: string, body: JsonObject) => {
  const found = findQr(context, rawQrId)
  if (!found.ok) return found
  const qr = found.value
  if (qr.type !== "Hybrid") return fail({ code: "14006", args: { type: qr.type } })
  if (qr.state === "Cancelled") return fail({ code: "14005", args: { qrId: qr.qrId } })
  const terms = checkExtension(context, qr.amountType, body, "")
  return terms.ok ? succeed({ extensionId: attachExtension(context, qr, terms.value) }) : terms
}

const checkReason = (body: JsonObject, required: boolean): Outcome<string | undefined> => {
  const checks = new FieldChecks(body)
  const reason = checks.text("reason", 500, required)
  return checks.errors.length > 0 ? fail(...checks.errors) : succeed(reason)
}

/**
 * `POST /v2/mia/qr/{qrId}/cancel`. A Dynamic QR is cancellable only while `Active`;
 * a Static or Hybrid sticker can be retired whatever its payments, until it is cancelled.
 */
export const cancelQr = (context: BankContext, rawQrId: string, body: JsonObject) => {
  const found = findQr(context, rawQrId)
  if (!found.ok) return found
  const reason = checkReason(body, true)
  if (!reason.ok) return reason
  const qr = found.value
  const now = context.clock.now()
  const { status } = qrStatusAt(qr, now)
  if (status === "Cancelled") return fail({ code: "14005", args: { qrId: qr.qrId } })
  if (qr.type === "Dynamic" && status !== "Active") return fail({ code: "14019", args: { state: status } })
  qr.state = "Cancelled"
  qr.updatedAt = now
  const extension = currentExtension(qr)
  if (extension?.state === "Active") {
    extension.state = "Cancelled"
    extension.updatedAt = now
  }
  return succeed({ qrId: qr.qrId, status: "Cancelled" as const })
}

/** `POST /v2/mia/qr/{qrId}/extension/cancel`: the Hybrid QR itself stays. */
export const cancelExtension = (context: BankContext, rawQrId: string, body: JsonObject) => {
  const found = findQr(context, rawQrId)
  if (!found.ok) return found
  const reason = checkReason(body, false)
  if (!reason.ok) return reason
  const qr = found.value
  if (qr.type !== "Hybrid") return fail({ code: "14006", args: { type: qr.type } })
  if (qr.state === "Cancelled") return fail({ code: "14005", args: { qrId: qr.qrId } })
  const now = context.clock.now()
  const extension = currentExtension(qr)
  if (!extension || extension.state !== "Active") {
    return fail({
      code: "14019",
      args: { state: extension ? `Extension ${extension.state}` : "No extension" }
    })
  }
  const expiresAt = extension.terms.expiresAt
  if (expiresAt && now >= expiresAt.ms) return fail({ code: "14019", args: { state: "Extension Expired" } })
  extension.state = "Cancelled"
  extension.updatedAt = now
  qr.updatedAt = now
  return succeed({ extensionId: extension.extensionId })
}

/** `GET /v2/mia/qr/{qrId}`. */
export const getQr = (context: BankContext, rawQrId: string) => {
  const found = findQr(context, rawQrId)
  return found.ok ? succeed(qrView(found.value, context.clock.now())) : found
}
