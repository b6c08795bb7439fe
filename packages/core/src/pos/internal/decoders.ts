import * as Result from "effect/Result"
import { MiaResponseError } from "../../errors/mia-response-error.js"
import { type ResultDecoder, schemaDecoder } from "../../internal/pipeline/result-decoder.js"
import type { PosReceiptData, PosShiftReportData } from "../model/report.js"
import type { ReportParts } from "./report-content.js"
import {
  pickCreatedExtension,
  toActivationStarted,
  toExtension,
  toExtensionStatus,
  toLegacyZReport,
  toOtpResent,
  toQr,
  toQrLookup,
  toQrSettings,
  toQrV1,
  toQrV1Status,
  toReceiptData,
  toSellerInfo,
  toShift,
  toShiftReportData,
  toTerminalInfo,
  toTransactionDetails,
  toTransactionPage
} from "./to-model.js"
import {
  ActivationConfirmWire,
  ActivationInitWire,
  ActivationResendWire,
  TerminalInfoWire
} from "./wire/activation.js"
import {
  QrActiveListWire,
  QrCreateWire,
  QrExtensionCheckWire,
  QrExtensionCreateWire,
  QrGetWire,
  QrV1CheckWire,
  QrV1CreateWire
} from "./wire/qr.js"
import { ReceiptWire, ShiftReportWire, ZReportV1Wire } from "./wire/report.js"
import { AuthResponseWire, ResultOnlyWire, SellerInfoWire } from "./wire/seller.js"
import { SettingsWire } from "./wire/settings.js"
import { ShiftWire } from "./wire/shift.js"
import { TxDetailsWire, TxListWire, TxReturnWire } from "./wire/transaction.js"

// Compiled once per process; the conversions that need a client's time zone wrap them.
const wire = {
  activationInit: schemaDecoder(ActivationInitWire, { toModel: toActivationStarted }),
  activationResend: schemaDecoder(ActivationResendWire, { toModel: toOtpResent }),
  activationConfirm: schemaDecoder(ActivationConfirmWire),
  terminalInfo: schemaDecoder(TerminalInfoWire, { toModel: toTerminalInfo }),
  auth: schemaDecoder(AuthResponseWire, { sensitive: true, toModel: (answer) => answer.authTokens }),
  resultOnly: schemaDecoder(ResultOnlyWire, { toModel: (): void => undefined }),
  sellerInfo: schemaDecoder(SellerInfoWire, { toModel: toSellerInfo }),
  shift: schemaDecoder(ShiftWire),
  qrActive: schemaDecoder(QrActiveListWire, { toModel: (answer) => (answer.codes ?? []).map(toQr) }),
  qrCreate: schemaDecoder(QrCreateWire, { toModel: (answer) => toQr(answer.qrInfo) }),
  qrGet: schemaDecoder(QrGetWire, { toModel: toQrLookup }),
  extensionCreate: schemaDecoder(QrExtensionCreateWire, { toModel: pickCreatedExtension }),
  extensionCheck: schemaDecoder(QrExtensionCheckWire),
  qrV1Create: schemaDecoder(QrV1CreateWire, { toModel: toQrV1 }),
  qrV1Check: schemaDecoder(QrV1CheckWire),
  shiftReport: schemaDecoder(ShiftReportWire),
  receipt: schemaDecoder(ReceiptWire),
  zReportV1: schemaDecoder(ZReportV1Wire, { toModel: toLegacyZReport }),
  txList: schemaDecoder(TxListWire),
  txDetails: schemaDecoder(TxDetailsWire),
  txReturn: schemaDecoder(TxReturnWire, {
    toModel: (answer) => ({
      requestId: answer.requestId === undefined ? undefined : String(answer.requestId)
    })
  }),
  settings: schemaDecoder(SettingsWire)
}

/** `decoder`, then a conversion that may still find the answer unusable; it also sees the raw answer. */
const andThen =
  <W, A>(
    decoder: ResultDecoder<W>,
    f: (
      decoded: W,
      operation: string,
      raw: Readonly<Record<string, unknown>>
    ) => Result.Result<A, MiaResponseError>
  ): ResultDecoder<A> =>
  (operation, result, status) =>
    Result.flatMap(decoder(operation, result, status), (decoded) =>
      f(decoded, operation, result as Readonly<Record<string, unknown>>)
    )

const unexpected = (operation: string, answer: unknown, message: string) =>
  new MiaResponseError({
    operation,
    status: 200,
    reason: "unexpected_result",
    bodySnippet: JSON.stringify(answer).slice(0, 500),
    message: `${operation}: ${message}`
  })

/**
 * The decoders of a client's MiaPos answers: wire schema, then the curated type, with the API's
 * offset-less date-times read in `timeZone`. Report decoders keep the three representations;
 * the service picks the one of the format asked for.
 */
export const makePosDecoders = (timeZone: string) => ({
  ...wire,
  shift: andThen(wire.shift, (answer, _, raw) => Result.succeed(toShift(answer, raw, timeZone))),
  extensionCreate: andThen(wire.extensionCreate, (extension, operation, raw) =>
    extension === undefined
      ? Result.fail(unexpected(operation, raw, "the answer has neither extensionIfo nor extensionInfo."))
      : Result.succeed(toExtension(extension))
  ),
  extensionCheck: andThen(wire.extensionCheck, (answer) =>
    Result.succeed(toExtensionStatus(answer, timeZone))
  ),
  qrV1Check: andThen(wire.qrV1Check, (answer) => Result.succeed(toQrV1Status(answer, timeZone))),
  shiftReport: andThen(wire.shiftReport, (answer) =>
    Result.succeed<ReportParts<PosShiftReportData>>({
      ...answer,
      reportJson: answer.reportJson && toShiftReportData(answer.reportJson, timeZone)
    })
  ),
  receipt: andThen(wire.receipt, (answer) =>
    Result.succeed<ReportParts<PosReceiptData>>({
      ...answer,
      reportJson: answer.reportJson && toReceiptData(answer.reportJson, timeZone)
    })
  ),
  txList: andThen(wire.txList, (answer) => Result.succeed(toTransactionPage(answer, timeZone))),
  txDetails: andThen(wire.txDetails, (answer) =>
    Result.succeed(toTransactionDetails(answer.txInfo, timeZone))
  ),
  settings: andThen(wire.settings, (answer, operation) =>
    answer.qrSettings === undefined
      ? Result.fail(unexpected(operation, answer, "the answer has no qrSettings."))
      : Result.succeed(toQrSettings(answer.qrSettings, timeZone))
  )
})
