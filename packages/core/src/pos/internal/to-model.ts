import type {
  PosActivationConfirmed,
  PosActivationStarted,
  PosOtpResent,
  PosTerminalInfo
} from "../model/activation.js"
import type {
  PosExtensionStatus,
  PosQr,
  PosQrExtension,
  PosQrLookup,
  PosQrV1,
  PosQrV1Status
} from "../model/qr.js"
import type {
  PosLegacyZReport,
  PosReceiptData,
  PosReportTransaction,
  PosShiftReportData
} from "../model/report.js"
import type { PosSellerInfo } from "../model/seller.js"
import type { PosShift } from "../model/shift.js"
import type { PosQrSettings } from "../model/settings.js"
import type { PosTransaction, PosTransactionDetails, PosTransactionPage } from "../model/transaction.js"
import { withPosOffset } from "../date-time.js"
import type * as Activation from "./wire/activation.js"
import { CYRILLIC_MCC, type ExtensionWire, type QrInfoWire, type TxInfoWire } from "./wire/common.js"
import type * as Qr from "./wire/qr.js"
import type * as Report from "./wire/report.js"
import type * as Seller from "./wire/seller.js"
import type * as Settings from "./wire/settings.js"
import type { ShiftWire } from "./wire/shift.js"
import type * as Transaction from "./wire/transaction.js"

/**
 * Wire -> curated conversions. The quirks live here: ids printed as numbers become strings,
 * offset-less date-times get the terminal zone's offset, `extensionIfo`/`extensionInfo` and the
 * Cyrillic `mсс` are folded into one property each.
 */

type Decoded<S extends { readonly Type: unknown }> = S["Type"]

const idString = (value: string | number | undefined): string | undefined =>
  value === undefined ? undefined : String(value)

const dateTime = (value: string | undefined, timeZone: string): string | undefined =>
  value === undefined ? undefined : withPosOffset(value, timeZone)

/**
 * Activation-init answer -> `PosActivationStarted`.
 *
 * @example
 * toActivationStarted({ terminalActivationId: "e559d17a-..." })
 */
export const toActivationStarted = (
  wire: Decoded<typeof Activation.ActivationInitWire>
): PosActivationStarted => ({
  terminalActivationId: wire.terminalActivationId,
  maskedPhoneNumber: wire.maskedPhoneNumber,
  waitTimeToResend: wire.waitTimeToResend
})

/**
 * OTP-resend answer -> `PosOtpResent`.
 *
 * @example
 * toOtpResent({ leftAttempts: 2, waitTimeToResend: 60 })
 */
export const toOtpResent = (wire: Decoded<typeof Activation.ActivationResendWire>): PosOtpResent => ({
  leftAttempts: wire.leftAttempts,
  waitTimeToResend: wire.waitTimeToResend
})

/**
 * OTP-confirm answer -> `PosActivationConfirmed` with the activation id it was for.
 *
 * @example
 * toActivationConfirmed("e559d17a-...", { leftAttempts: 3 })
 */
export const toActivationConfirmed = (
  terminalActivationId: string,
  wire: Decoded<typeof Activation.ActivationConfirmWire>
): PosActivationConfirmed => ({ terminalActivationId, leftAttempts: wire.leftAttempts })

/**
 * Terminal-info answer -> `PosTerminalInfo`; an integer `terminalId` becomes a string.
 *
 * @example
 * toTerminalInfo({ terminalId: 20001 }).terminalId // "20001"
 */
export const toTerminalInfo = (wire: Decoded<typeof Activation.TerminalInfoWire>): PosTerminalInfo => ({
  terminalId: idString(wire.terminalId),
  merchantIdno: wire.merchantIdno,
  merchantName: wire.merchantName,
  storeAddress: wire.storeAddress
})

/**
 * Seller-info answer -> `PosSellerInfo`, ids as strings.
 *
 * @example
 * toSellerInfo({ sellerInfo: { id: 5, fullName: "Ana" } }).seller // { id: "5", fullName: "Ana" }
 */
export const toSellerInfo = (wire: Decoded<typeof Seller.SellerInfoWire>): PosSellerInfo => ({
  seller: wire.sellerInfo && { id: idString(wire.sellerInfo.id), fullName: wire.sellerInfo.fullName },
  terminal: wire.terminalInfo && {
    terminalId: idString(wire.terminalInfo.terminalId),
    posId: idString(wire.terminalInfo.posId)
  },
  merchant: wire.merchantInfo && {
    name: wire.merchantInfo.merchantName,
    idno: wire.merchantInfo.merchantIdno
  },
  place: wire.placeInfo && { name: wire.placeInfo.name, address: wire.placeInfo.address },
  bank: wire.bankInfo && {
    name: wire.bankInfo.bankName,
    image: wire.bankInfo.image,
    userGuideUrl: wire.bankInfo.userGuideUrl,
    supportPhone: wire.bankInfo.supportPhone,
    supportEmail: wire.bankInfo.supportEmail
  }
})

/**
 * Wire extension -> `PosQrExtension` (`qrExpireIn` becomes `expiresIn`).
 *
 * @example
 * toExtension({ extensionId: "e", qrExpireIn: 300 }).expiresIn // 300
 */
export const toExtension = (wire: ExtensionWire): PosQrExtension => ({
  extensionId: wire.extensionId,
  expiresIn: wire.qrExpireIn,
  amount: wire.amount,
  minAmount: wire.minAmount,
  maxAmount: wire.maxAmount
})

/**
 * Wire `qrInfo` -> `PosQr`, enum values lower-cased.
 *
 * @example
 * toQr({ qrId: "q", qrType: "Dynamic" }).qrType // "dynamic"
 */
export const toQr = (wire: QrInfoWire): PosQr => ({
  qrId: wire.qrId,
  qrType: wire.qrType?.toLowerCase(),
  amountType: wire.amountType?.toLowerCase(),
  qrText: wire.qrText,
  qrImage: wire.qrImage,
  extension: wire.extension && toExtension(wire.extension)
})

/**
 * QR-by-id answer -> `PosQrLookup`.
 *
 * @example
 * toQrLookup({ state: "not_found" }) // { state: "not_found", qr: undefined }
 */
export const toQrLookup = (wire: Decoded<typeof Qr.QrGetWire>): PosQrLookup => ({
  state: wire.state?.toLowerCase(),
  qr: wire.qrInfo && toQr(wire.qrInfo)
})

/**
 * The extension of a create-extension answer, under the seed's `extensionIfo` or the corrected key.
 *
 * @example
 * pickCreatedExtension({ extensionIfo: { extensionId: "e" } })?.extensionId // "e"
 */
export const pickCreatedExtension = (
  wire: Decoded<typeof Qr.QrExtensionCreateWire>
): ExtensionWire | undefined => wire.extensionInfo ?? wire.extensionIfo

/**
 * A transaction-list row -> `PosTransaction`, with an offset on its date.
 *
 * @example
 * toTransaction({ id: 1, amount: 5, date: "2024-04-04T10:49:54" }, "Europe/Chisinau").date
 * // "2024-04-04T10:49:54+03:00"
 */
export const toTransaction = (
  wire: Decoded<typeof Transaction.TxListItemWire>,
  timeZone: string
): PosTransaction => ({
  id: String(wire.id),
  amount: wire.amount,
  currency: wire.ccy,
  date: dateTime(wire.date, timeZone),
  type: wire.type
})

/**
 * Wire `txInfo` -> `PosTransactionDetails`; `mcc` comes from `mcc` or the Cyrillic `mсс`.
 *
 * @example
 * toTransactionDetails({ id: 1, amount: 5, "m\u0441\u0441": "5411" }, zone).mcc // "5411"
 */
export const toTransactionDetails = (wire: TxInfoWire, timeZone: string): PosTransactionDetails => ({
  id: String(wire.id),
  amount: wire.amount,
  currency: wire.ccy,
  date: dateTime(wire.date, timeZone),
  type: wire.type,
  rrn: wire.rrn,
  approvalCode: wire.approvalCode,
  mcc: wire.mcc ?? wire[CYRILLIC_MCC],
  swiftMessageType: wire.swiftMessageType,
  swiftMessageId: wire.swiftMessageId,
  swiftPayerBank: wire.swiftPayerBank
})

/**
 * Extension-check answer -> `PosExtensionStatus`.
 *
 * @example
 * toExtensionStatus({ state: "paid", totalPayments: 1 }, zone).state // "paid"
 */
export const toExtensionStatus = (
  wire: Decoded<typeof Qr.QrExtensionCheckWire>,
  timeZone: string
): PosExtensionStatus => ({
  state: wire.state?.toLowerCase(),
  errorDescription: wire.errorDescription,
  lastTransaction: wire.lastTxInfo && toTransactionDetails(wire.lastTxInfo, timeZone),
  totalPayments: wire.totalPayments
})

/**
 * v1 QR-create answer -> `PosQrV1`.
 *
 * @example
 * toQrV1({ qrId: "q", qrExpireIn: 300 }).expiresIn // 300
 */
export const toQrV1 = (wire: Decoded<typeof Qr.QrV1CreateWire>): PosQrV1 => ({
  qrId: wire.qrId,
  expiresIn: wire.qrExpireIn,
  qrImage: wire.qrImage
})

/**
 * v1 QR-check answer -> `PosQrV1Status`.
 *
 * @example
 * toQrV1Status({ state: "paid", txInfo }, zone).transaction?.id
 */
export const toQrV1Status = (wire: Decoded<typeof Qr.QrV1CheckWire>, timeZone: string): PosQrV1Status => ({
  state: wire.state?.toLowerCase(),
  errorDescription: wire.errorDescription,
  transaction: wire.txInfo && toTransactionDetails(wire.txInfo, timeZone)
})

/**
 * A transaction-list answer -> `PosTransactionPage`; the last row's id is the next cursor unless the list ended.
 *
 * @example
 * toTransactionPage({ isEnded: false, txList: [{ id: 9, amount: 1 }] }, zone).nextCursor // "9"
 */
export const toTransactionPage = (
  wire: Decoded<typeof Transaction.TxListWire>,
  timeZone: string
): PosTransactionPage => {
  const transactions = (wire.txList ?? []).map((row) => toTransaction(row, timeZone))
  // An empty page ends the list whatever the flag says, so paging always terminates.
  const isEnded = wire.isEnded === true || transactions.length === 0
  return {
    transactions,
    isEnded,
    nextCursor: isEnded ? undefined : transactions[transactions.length - 1]!.id
  }
}

const toReportTransaction = (
  wire: Decoded<typeof Report.ReportTransactionWire>,
  timeZone: string
): PosReportTransaction => ({
  type: wire.transactionType,
  id: idString(wire.transactionId),
  dateTime: dateTime(wire.transactionDateTime, timeZone),
  amount: wire.transactionAmount,
  currency: wire.transactionCcy
})

/**
 * X/Z `reportJson` -> `PosShiftReportData`.
 *
 * @example
 * toShiftReportData({ paymentCount: 3, transactions: { data: [] } }, zone).paymentCount // 3
 */
export const toShiftReportData = (
  wire: Report.ShiftReportJsonWire,
  timeZone: string
): PosShiftReportData => ({
  reportDateTime: dateTime(wire.reportDateTime, timeZone),
  terminalType: wire.terminalType,
  terminalId: idString(wire.terminalId),
  merchantId: idString(wire.merchantId),
  merchantIdno: wire.merchantIdno,
  workShiftEndDateTime: dateTime(wire.workShiftEndDateTime, timeZone),
  merchant: wire.merchant,
  store: wire.store,
  operator: wire.operator,
  transactions: (wire.transactions?.data ?? []).map((row) => toReportTransaction(row, timeZone)),
  recordCount: wire.transactions?.recordCount,
  paymentCount: wire.paymentCount,
  paymentSum: wire.paymentSum,
  cancellationCount: wire.cancellationCount,
  cancellationSum: wire.cancellationSum,
  totalSum: wire.totalSum
})

/**
 * Receipt `reportJson` -> `PosReceiptData` (`ccy` becomes `currency`).
 *
 * @example
 * toReceiptData({ amount: 1, ccy: "MDL" }, zone).currency // "MDL"
 */
export const toReceiptData = (wire: Report.ReceiptJsonWire, timeZone: string): PosReceiptData => ({
  merchant: wire.merchant,
  store: wire.store,
  storeAddress: wire.storeAddress,
  terminalId: idString(wire.terminalId),
  transactionDateTime: dateTime(wire.transactionDateTime, timeZone),
  transactionId: idString(wire.transactionId),
  swiftMessageId: wire.swiftMessageId,
  swiftPayerBank: wire.swiftPayerBank,
  amount: wire.amount,
  currency: wire.ccy
})

/**
 * Legacy Z-report answer -> `PosLegacyZReport`.
 *
 * @example
 * toLegacyZReport({ report: "..." }).report
 */
export const toLegacyZReport = (wire: Decoded<typeof Report.ZReportV1Wire>): PosLegacyZReport => ({
  report: wire.report ?? ""
})

/**
 * Wire `qrSettings` -> `PosQrSettings`.
 *
 * @example
 * toQrSettings({ qrType: "Static", qrTtl: 60 }, zone).qrType // "static"
 */
export const toQrSettings = (
  wire: Decoded<typeof Settings.QrSettingsWire>,
  timeZone: string
): PosQrSettings => ({
  qrType: wire.qrType?.toLowerCase(),
  qrAmountType: wire.qrAmountType?.toLowerCase(),
  qrTtl: wire.qrTtl,
  prohibitSettingsChange: wire.prohibitSettingsChange,
  whenUpdated: dateTime(wire.whenUpdated, timeZone)
})

const OPEN_STATES = new Set(["open", "opened", "active"])
const CLOSED_STATES = new Set(["closed", "none", "not_found", "not_opened"])

/**
 * A shift answer -> `PosShift`: `isOpen` from the flag or a state word, the id from `shiftId` or `id`.
 *
 * @example
 * toShift(wire, { result: "success", isOpen: true, shiftId: 7 }, zone) // { isOpen: true, shiftId: "7", ... }
 */
export const toShift = (
  wire: Decoded<typeof ShiftWire>,
  raw: Readonly<Record<string, unknown>>,
  timeZone: string
): PosShift => {
  const label = (wire.state ?? wire.status)?.toLowerCase()
  const isOpen =
    wire.isOpen ??
    (label === undefined
      ? undefined
      : OPEN_STATES.has(label)
        ? true
        : CLOSED_STATES.has(label)
          ? false
          : undefined)
  const { result: _result, ...rest } = raw
  return {
    isOpen,
    shiftId: idString(wire.shiftId ?? wire.id),
    openDateTime: dateTime(wire.openDateTime, timeZone),
    closeDateTime: dateTime(wire.closeDateTime, timeZone),
    operator: wire.operator,
    raw: rest
  }
}
