import * as Schema from "effect/Schema"
import { IdLike, NumberLike, opt, ResultField } from "./common.js"

/** One transaction line of an X/Z report. */
export const ReportTransactionWire = Schema.Struct({
  transactionType: opt(Schema.String),
  transactionId: opt(IdLike),
  transactionDateTime: opt(Schema.String),
  transactionAmount: opt(NumberLike),
  transactionCcy: opt(Schema.String)
})

/** `reportJson` of an X or Z report. */
export const ShiftReportJsonWire = Schema.Struct({
  reportDateTime: opt(Schema.String),
  terminalType: opt(Schema.String),
  terminalId: opt(IdLike),
  merchantId: opt(IdLike),
  merchantIdno: opt(Schema.String),
  workShiftEndDateTime: opt(Schema.String),
  merchant: opt(Schema.String),
  store: opt(Schema.String),
  operator: opt(Schema.String),
  transactions: opt(
    Schema.Struct({
      data: opt(Schema.Array(ReportTransactionWire)),
      recordCount: opt(NumberLike)
    })
  ),
  paymentCount: opt(NumberLike),
  paymentSum: opt(NumberLike),
  cancellationCount: opt(NumberLike),
  cancellationSum: opt(NumberLike),
  totalSum: opt(NumberLike)
})
export type ShiftReportJsonWire = typeof ShiftReportJsonWire.Type

/** `reportJson` of a receipt. */
export const ReceiptJsonWire = Schema.Struct({
  merchant: opt(Schema.String),
  store: opt(Schema.String),
  storeAddress: opt(Schema.String),
  terminalId: opt(IdLike),
  transactionDateTime: opt(Schema.String),
  transactionId: opt(IdLike),
  swiftMessageId: opt(Schema.String),
  swiftPayerBank: opt(Schema.String),
  amount: opt(NumberLike),
  ccy: opt(Schema.String)
})
export type ReceiptJsonWire = typeof ReceiptJsonWire.Type

/** X-report and v2 Z-report response: one of the three representations is filled per `format`. */
export const ShiftReportWire = Schema.Struct({
  ...ResultField,
  reportJson: opt(ShiftReportJsonWire),
  reportBinary: opt(Schema.String),
  reportText: opt(Schema.Array(Schema.String))
})

/** Receipt response. */
export const ReceiptWire = Schema.Struct({
  ...ResultField,
  reportJson: opt(ReceiptJsonWire),
  reportBinary: opt(Schema.String),
  reportText: opt(Schema.Array(Schema.String))
})

/** Legacy (v1) Z-report response: one opaque `report` string. */
export const ZReportV1Wire = Schema.Struct({
  ...ResultField,
  report: opt(Schema.String)
})
