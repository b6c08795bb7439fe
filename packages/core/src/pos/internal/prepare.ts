import * as Redacted from "effect/Redacted"
import type { SellerLogin } from "../../internal/auth/pos-session-auth.js"
import { toRedacted } from "../../internal/secret.js"
import {
  checkAmount,
  checkInteger,
  checkString,
  type Issue,
  isIssue,
  issue,
  normalizeDateTime,
  normalizeEnum
} from "../../internal/validation.js"
import type {
  PosActivationInitInput,
  PosActivationRef,
  PosListActiveQrsFilter,
  PosAmounts,
  PosCreateQrInput,
  PosReturnInput,
  PosSellerCredentials,
  PosSetQrSettingsInput
} from "../inputs.js"
import type { PosQrAmountType, PosQrType } from "../model/common.js"
import type { PosReportFormat } from "../model/report.js"

// Input checks of the MiaPos operations. Each returns the wire body (or query) to send, or the
// first broken rule as an `Issue`.

/**
 * QR types the API documents.
 *
 * @example
 * normalizeEnum("qrType", "Hybrid", QR_TYPES) // "hybrid"
 */
export const QR_TYPES: ReadonlyArray<PosQrType> = ["dynamic", "static", "hybrid"]

/**
 * Amount types the API documents.
 *
 * @example
 * normalizeEnum("amountType", "Fixed", AMOUNT_TYPES) // "fixed"
 */
export const AMOUNT_TYPES: ReadonlyArray<PosQrAmountType> = ["fixed", "free", "controlled"]
/**
 * Report formats the API documents.
 *
 * @example
 * normalizeEnum("format", "PDF", REPORT_FORMATS) // "pdf"
 */
export const REPORT_FORMATS: ReadonlyArray<PosReportFormat> = ["pdf", "png", "txt", "json"]

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const requireObject = (field: string, value: unknown): Issue | undefined =>
  isObject(value)
    ? undefined
    : issue(field, "required", `${field} must be an object, got ${value === null ? "null" : typeof value}.`)

const checkBoolean = (field: string, value: unknown): Issue | undefined =>
  value === undefined || typeof value === "boolean"
    ? undefined
    : issue(field, "type_boolean", `${field} must be true or false, got ${typeof value}.`)

/**
 * A numeric transaction id (the API's int64), as a string or a safe integer.
 *
 * @example
 * checkTxId("txId", 1042) // "1042"
 */
export const checkTxId = (field: string, value: unknown): string | Issue => {
  const text = typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : value
  if (typeof text !== "string" || !/^\d{1,19}$/.test(text)) {
    return issue(
      field,
      "format",
      `${field} must be a transaction id made of digits (e.g. "1042"), got ${JSON.stringify(value)}.`
    )
  }
  return text
}

/**
 * Checks the activation-init input and returns the body.
 *
 * @example
 * prepareActivationInit({ terminalId: "10001", merchantIdno: "1003600012345" })
 */
export const prepareActivationInit = (input: PosActivationInitInput | undefined) =>
  requireObject("input", input) ??
  checkString("terminalId", input!.terminalId, { required: true, max: 100 }) ??
  checkString("merchantIdno", input!.merchantIdno, { required: true, max: 100 }) ?? {
    terminalId: input!.terminalId.trim(),
    merchantIdno: input!.merchantIdno.trim()
  }

/**
 * An OTP is the digits of the SMS, as a string (leading zeros matter).
 *
 * @example
 * checkOtpCode("12a456") // { field: "otpCode", rule: "format", ... }
 */
export const checkOtpCode = (value: unknown): Issue | undefined =>
  typeof value === "string" && /^\d{1,10}$/.test(value.trim())
    ? undefined
    : issue("otpCode", "format", 'otpCode must be the digits received by SMS, as a string (e.g. "123456").')

const checkAmounts = (amounts: PosAmounts, amountType: PosQrAmountType | undefined): Issue | undefined => {
  const { amount, minAmount, maxAmount } = amounts
  const problem =
    checkAmount("amount", amount) ??
    checkAmount("minAmount", minAmount) ??
    checkAmount("maxAmount", maxAmount)
  if (problem) return problem
  const hasRange = minAmount !== undefined || maxAmount !== undefined
  if (amountType === "fixed" || (amountType === undefined && !hasRange)) {
    if (amount === undefined)
      return issue("amount", "required", "amount is required for a fixed amount (lei, e.g. 125.50).")
    if (hasRange) {
      return issue(
        minAmount !== undefined ? "minAmount" : "maxAmount",
        "not_allowed",
        "minAmount and maxAmount are only for a controlled amount."
      )
    }
    return undefined
  }
  if (minAmount === undefined)
    return issue("minAmount", "required", "minAmount is required for a controlled amount.")
  if (maxAmount === undefined)
    return issue("maxAmount", "required", "maxAmount is required for a controlled amount.")
  if (minAmount >= maxAmount) {
    return issue(
      "minAmount",
      "range",
      `minAmount must be below maxAmount, got ${minAmount} and ${maxAmount}.`
    )
  }
  if (amount !== undefined && (amount < minAmount || amount > maxAmount)) {
    return issue("amount", "range", `amount must lie between minAmount and maxAmount, got ${amount}.`)
  }
  return undefined
}

const extensionBody = (amounts: PosAmounts) => ({
  ...(amounts.amount === undefined ? {} : { amount: amounts.amount }),
  ...(amounts.minAmount === undefined ? {} : { minAmount: amounts.minAmount }),
  ...(amounts.maxAmount === undefined ? {} : { maxAmount: amounts.maxAmount })
})

const hasAmounts = (amounts: PosAmounts): boolean =>
  amounts.amount !== undefined || amounts.minAmount !== undefined || amounts.maxAmount !== undefined

/**
 * Checks a QR-create input and builds the body: amounts go into `extension`, except for hybrid and free QRs.
 *
 * @example
 * prepareCreateQr({ qrType: "dynamic", amountType: "fixed", amount: 10 })
 * // { qrType: "dynamic", amountType: "fixed", extension: { amount: 10 } }
 */
export const prepareCreateQr = (input: PosCreateQrInput | undefined) => {
  const shape = requireObject("input", input)
  if (shape) return shape
  const qrType = normalizeEnum("qrType", input!.qrType, QR_TYPES)
  if (isIssue(qrType)) return qrType
  const amountType = normalizeEnum("amountType", input!.amountType, AMOUNT_TYPES)
  if (isIssue(amountType)) return amountType
  // Seed 000: no extension for a hybrid QR or a static QR with a free amount.
  if (qrType === "hybrid" || amountType === "free") {
    if (hasAmounts(input!)) {
      const field =
        input!.amount !== undefined ? "amount" : input!.minAmount !== undefined ? "minAmount" : "maxAmount"
      return issue(
        field,
        "not_allowed",
        qrType === "hybrid"
          ? "a hybrid QR is created without amounts: add them with qr.createExtension(qrId, { amount })."
          : "a free amount takes no amount fields: the payer enters the amount."
      )
    }
    return { qrType, amountType }
  }
  return checkAmounts(input!, amountType) ?? { qrType, amountType, extension: extensionBody(input!) }
}

/**
 * Checks the amounts of a new extension: `amount`, or `minAmount` and `maxAmount`.
 *
 * @example
 * prepareExtension({ amount: 12.5 }) // { amount: 12.5 }
 */
export const prepareExtension = (input: PosAmounts | undefined) =>
  requireObject("input", input) ??
  (hasAmounts(input!)
    ? undefined
    : issue("amount", "required", "give amount (fixed) or minAmount and maxAmount (controlled).")) ??
  checkAmounts(input!, undefined) ??
  extensionBody(input!)

/**
 * Checks the amount of a v1 dynamic QR.
 *
 * @example
 * prepareQrV1Create({ amount: 9.99 }) // { amount: 9.99 }
 */
export const prepareQrV1Create = (input: { readonly amount: number } | undefined) =>
  requireObject("input", input) ??
  checkAmount("amount", input!.amount, { required: true }) ?? { amount: input!.amount }

/**
 * The report format, `pdf` when left out.
 *
 * @example
 * prepareFormat(undefined) // "pdf"
 */
export const prepareFormat = (value: unknown): PosReportFormat | Issue =>
  value === undefined ? "pdf" : normalizeEnum("format", value, REPORT_FORMATS)

/**
 * `full` must be a boolean when given.
 *
 * @example
 * checkFullFlag("yes") // { field: "full", rule: "type_boolean", ... }
 */
export const checkFullFlag = (value: unknown): Issue | undefined => checkBoolean("full", value)

/**
 * Checks a return and builds its body: `fullRefund` is true exactly when `amount` is left out.
 *
 * @example
 * prepareReturn({ txId: "7", amount: 5, reasonCode: "r" })
 * // { txId: 7, amount: 5, fullRefund: false, reasonCode: "r" }
 */
export const prepareReturn = (input: PosReturnInput | undefined) => {
  const shape = requireObject("input", input)
  if (shape) return shape
  const txId = checkTxId("txId", input!.txId)
  if (isIssue(txId)) return txId
  if (Number(txId) > Number.MAX_SAFE_INTEGER) {
    return issue(
      "txId",
      "format",
      "txId is larger than a JSON number can carry exactly; contact support with this id."
    )
  }
  const { amount, fullRefund } = input!
  const problem =
    checkBoolean("fullRefund", fullRefund) ??
    checkAmount("amount", amount) ??
    (fullRefund === true && amount !== undefined
      ? issue(
          "amount",
          "not_allowed",
          "leave amount out for a full return, or set fullRefund: false for a partial one."
        )
      : undefined) ??
    (fullRefund === false && amount === undefined
      ? issue("amount", "required", "a partial return (fullRefund: false) needs the amount to give back.")
      : undefined) ??
    checkString("reasonCode", input!.reasonCode, { required: true, max: 100 }) ??
    checkString("reasonMessage", input!.reasonMessage, { max: 500 }) ??
    checkString("currency", input!.currency, { max: 3 })
  if (problem) return problem
  return {
    txId: Number(txId),
    ...(amount === undefined ? {} : { amount }),
    fullRefund: amount === undefined,
    ...(input!.currency === undefined ? {} : { ccy: input!.currency.toUpperCase() }),
    reasonCode: input!.reasonCode,
    ...(input!.reasonMessage === undefined ? {} : { reasonMessage: input!.reasonMessage })
  }
}

/**
 * Checks new QR settings and builds the body.
 *
 * @example
 * prepareSettings({ qrType: "static", qrAmountType: "free", qrTtl: 60 })
 */
export const prepareSettings = (input: PosSetQrSettingsInput | undefined) => {
  const shape = requireObject("input", input)
  if (shape) return shape
  const qrType = normalizeEnum("qrType", input!.qrType, QR_TYPES)
  if (isIssue(qrType)) return qrType
  const qrAmountType = normalizeEnum("qrAmountType", input!.qrAmountType, AMOUNT_TYPES)
  if (isIssue(qrAmountType)) return qrAmountType
  const problem =
    checkInteger("qrTtl", input!.qrTtl, { min: 30, max: Number.MAX_SAFE_INTEGER }) ??
    checkBoolean("prohibitSettingsChange", input!.prohibitSettingsChange)
  if (problem) return problem
  const whenUpdated =
    input!.whenUpdated === undefined ? undefined : normalizeDateTime("whenUpdated", input!.whenUpdated)
  if (isIssue(whenUpdated)) return whenUpdated
  return {
    qrType,
    qrAmountType,
    ...(input!.qrTtl === undefined ? {} : { qrTtl: input!.qrTtl }),
    ...(input!.prohibitSettingsChange === undefined
      ? {}
      : { prohibitSettingsChange: input!.prohibitSettingsChange }),
    ...(whenUpdated === undefined ? {} : { whenUpdated })
  }
}

/** `includeImage` must be a boolean when given. */
export const checkIncludeImage = (value: unknown): Issue | undefined =>
  value === undefined || typeof value === "boolean"
    ? undefined
    : issue("includeImage", "type_boolean", "includeImage must be true or false.")

/** The API's `isImageRequired` query, sent only when an image is asked for. */
export const imageQuery = (includeImage: unknown): Record<string, string> | undefined =>
  includeImage === true ? { isImageRequired: "true" } : undefined

/** Checks the active-QR filter and builds its query. */
export const prepareActiveFilter = (
  filter: PosListActiveQrsFilter | undefined
): Record<string, string | undefined> | Issue => {
  if (filter === undefined) return {}
  if (!isObject(filter)) return issue("filter", "required", "filter must be an object.")
  const problem = checkIncludeImage(filter.includeImage)
  if (problem) return problem
  const qrType = filter.type === undefined ? undefined : normalizeEnum("type", filter.type, QR_TYPES)
  if (isIssue(qrType)) return qrType
  return { type: qrType, ...imageQuery(filter.includeImage) }
}

/** Checks a report's `format` (`pdf` by default) and `full`, and builds its query. */
export const prepareReportQuery = (
  input: { readonly format?: unknown; readonly full?: unknown } | undefined
): { readonly format: PosReportFormat; readonly isFullReport?: string } | Issue => {
  if (input !== undefined && !isObject(input)) return issue("input", "required", "input must be an object.")
  const format = prepareFormat(input?.format)
  if (isIssue(format)) return format
  const problem = checkFullFlag(input?.full)
  if (problem) return problem
  return { format, ...(input?.full === undefined ? {} : { isFullReport: String(input.full) }) }
}

/** An optional `{ terminalActivationId }` naming the activation an OTP operation is about. */
export const checkActivationRef = (input: PosActivationRef | undefined): Issue | undefined =>
  input === undefined
    ? undefined
    : (requireObject("input", input) ??
      checkString("terminalActivationId", input.terminalActivationId, { max: 100 }))

/** Checks seller credentials; the password stays redacted from here on. */
export const prepareSellerLogin = (credentials: PosSellerCredentials | undefined): SellerLogin | Issue => {
  if (!isObject(credentials))
    return issue("credentials", "required", "credentials must be { username, password }.")
  const problem = checkString("username", credentials.username, { required: true, max: 200 })
  if (problem) return problem
  const password = Redacted.isRedacted(credentials.password)
    ? Redacted.value(credentials.password as Redacted.Redacted<unknown>)
    : credentials.password
  if (typeof password !== "string" || password === "")
    return issue("password", "required", "password is required.")
  return {
    username: credentials.username as string,
    password: toRedacted(credentials.password as string | Redacted.Redacted<string>)
  }
}
