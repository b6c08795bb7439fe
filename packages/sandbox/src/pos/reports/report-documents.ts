import { formatMinorUnits, fromMinorUnits } from "@mia-sdk/core"
import type { ResolvedTerminal } from "../internal/config.js"
import type { PosRuntime } from "../internal/runtime.js"
import type { PosShiftRecord, PosTransactionRecord } from "../records.js"
import { center, pair, RULE } from "./report-layout.js"

/** One report or receipt: its structured data, its printed lines and a title for files. */
export interface ReportDocument {
  readonly json: Record<string, unknown>
  readonly lines: ReadonlyArray<string>
  readonly title: string
}

const header = (terminal: ResolvedTerminal, withAddress: boolean): string[] => [
  center(terminal.merchantName),
  center(terminal.storeName),
  ...(withAddress ? [center(terminal.storeAddress)] : []),
  RULE
]

/**
 * An X-report (open shift, running totals) or Z-report (closed shift) in seed 000's
 * `reportJson` shape. With `full` the transactions are listed; otherwise only counted.
 */
export const shiftReport = (
  runtime: PosRuntime,
  shift: PosShiftRecord,
  kind: "x" | "z",
  full: boolean,
  now: number
): ReportDocument => {
  const terminal = runtime.terminals.get(shift.terminalId)!
  const transactions = shift.txIds.map((id) => runtime.store.transactions.get(id)!)
  const payments = transactions.filter((tx) => tx.type === "paid")
  const returns = transactions.filter((tx) => tx.type === "return")
  const sum = (list: ReadonlyArray<PosTransactionRecord>) =>
    list.reduce((total, tx) => total + tx.amountMinor, 0)
  const paymentSum = sum(payments)
  const returnSum = sum(returns)
  const operator = runtime.sellers.get(shift.sellerId)?.fullName ?? ""
  const json = {
    reportDateTime: runtime.local(now),
    terminalType: "MiaPos",
    terminalId: terminal.terminalId,
    merchantId: terminal.merchantId,
    merchantIdno: terminal.merchantIdno,
    // An open shift (X-report) has not ended, so it has no end time.
    ...(shift.closedAt === undefined ? {} : { workShiftEndDateTime: runtime.local(shift.closedAt) }),
    merchant: terminal.merchantName,
    store: terminal.storeName,
    operator,
    transactions: {
      data: full
        ? transactions.map((tx) => ({
            transactionType: tx.type === "paid" ? "payment" : "return",
            transactionId: tx.id,
            transactionDateTime: runtime.local(tx.createdAt),
            transactionAmount: fromMinorUnits(tx.amountMinor),
            transactionCcy: tx.ccy
          }))
        : [],
      recordCount: transactions.length
    },
    paymentCount: payments.length,
    paymentSum: fromMinorUnits(paymentSum),
    cancellationCount: returns.length,
    cancellationSum: fromMinorUnits(returnSum),
    totalSum: fromMinorUnits(paymentSum - returnSum)
  }
  const title = kind === "z" ? "Z-REPORT" : "X-REPORT"
  const lines = [
    ...header(terminal, false),
    center(title),
    ...pair("Terminal", terminal.terminalId),
    ...pair("Merchant IDNO", terminal.merchantIdno),
    ...pair("Shift", shift.shiftId),
    ...pair("Operator", operator),
    ...pair("Opened", runtime.local(shift.openedAt)),
    ...(shift.closedAt === undefined ? [] : pair("Closed", runtime.local(shift.closedAt))),
    ...pair("Printed", json.reportDateTime),
    RULE,
    ...pair(`Payments (${payments.length})`, formatMinorUnits(paymentSum)),
    ...pair(`Returns (${returns.length})`, formatMinorUnits(returnSum)),
    ...pair("TOTAL, MDL", formatMinorUnits(paymentSum - returnSum)),
    ...(full
      ? [
          RULE,
          `TRANSACTIONS (${transactions.length})`,
          ...transactions.flatMap((tx) =>
            pair(
              `${runtime.local(tx.createdAt).slice(11)} #${tx.id} ${tx.type === "paid" ? "payment" : "return"}`,
              formatMinorUnits(tx.type === "paid" ? tx.amountMinor : -tx.amountMinor)
            )
          )
        ]
      : []),
    RULE,
    center("MiaPos sandbox - not a fiscal document")
  ]
  return { json, lines, title: `${title} shift ${shift.shiftId}` }
}

/** The receipt of one transaction in seed 000's `reportJson` shape. */
export const receipt = (runtime: PosRuntime, tx: PosTransactionRecord): ReportDocument => {
  const terminal = runtime.terminals.get(tx.terminalId)!
  const json = {
    merchant: terminal.merchantName,
    store: terminal.storeName,
    storeAddress: terminal.storeAddress,
    terminalId: terminal.terminalId,
    transactionDateTime: runtime.local(tx.createdAt),
    transactionId: String(tx.id).padStart(8, "0"),
    swiftMessageId: tx.swiftMessageId,
    swiftPayerBank: tx.swiftPayerBank,
    amount: fromMinorUnits(tx.amountMinor),
    ccy: tx.ccy
  }
  const title = tx.type === "paid" ? "PAYMENT RECEIPT" : "RETURN RECEIPT"
  const lines = [
    ...header(terminal, true),
    center(title),
    ...pair("Terminal", json.terminalId),
    ...pair("Date", json.transactionDateTime),
    ...pair("Transaction", json.transactionId),
    ...pair("RRN", tx.rrn),
    ...pair("SWIFT message", json.swiftMessageId),
    ...pair("Payer bank", json.swiftPayerBank),
    ...(tx.originalTxId === undefined
      ? []
      : pair("Returned payment", String(tx.originalTxId).padStart(8, "0"))),
    RULE,
    ...pair("AMOUNT", `${formatMinorUnits(tx.amountMinor)} ${tx.ccy}`),
    RULE,
    center("Thank you!")
  ]
  return { json, lines, title: `${title} ${json.transactionId}` }
}
