import type { PosTransactionType } from "./transaction.js"

/**
 * Formats a report or receipt can be asked for.
 *
 * @example
 * const format: PosReportFormat = "pdf"
 */
export type PosReportFormat = "pdf" | "png" | "txt" | "json"

/**
 * A report or receipt in the format asked for: bytes with their media type for `pdf` and `png`,
 * lines for `txt`, structured data for `json`.
 *
 * @example
 * const report: PosReport<PosShiftReportData> = await pos.reports.zReport({ shiftId, format: "pdf" })
 * if (report.format === "pdf") await writeFile("z-report.pdf", report.bytes)
 */
export type PosReport<Data> =
  | { readonly format: "pdf"; readonly mediaType: "application/pdf"; readonly bytes: Uint8Array }
  | { readonly format: "png"; readonly mediaType: "image/png"; readonly bytes: Uint8Array }
  | {
      readonly format: "txt"
      readonly mediaType: "text/plain"
      readonly lines: ReadonlyArray<string>
      readonly text: string
    }
  | { readonly format: "json"; readonly mediaType: "application/json"; readonly data: Data }

/**
 * One transaction line of an X or Z report.
 *
 * @example
 * const line: PosReportTransaction = { type: "payment", id: "1", amount: 234.5, currency: "MDL" }
 */
export interface PosReportTransaction {
  readonly type?: PosTransactionType | undefined
  readonly id?: string | undefined
  readonly dateTime?: string | undefined
  readonly amount?: number | undefined
  readonly currency?: string | undefined
}

/**
 * An X or Z report as data. Date-times carry an explicit offset; ids are strings.
 *
 * @example
 * const data: PosShiftReportData = { paymentCount: 3, paymentSum: 150, cancellationCount: 0, cancellationSum: 0, totalSum: 150, transactions: [] }
 */
export interface PosShiftReportData {
  readonly reportDateTime?: string | undefined
  readonly terminalType?: string | undefined
  readonly terminalId?: string | undefined
  readonly merchantId?: string | undefined
  readonly merchantIdno?: string | undefined
  readonly workShiftEndDateTime?: string | undefined
  readonly merchant?: string | undefined
  readonly store?: string | undefined
  readonly operator?: string | undefined
  /** Present in a full report (`full: true`). */
  readonly transactions: ReadonlyArray<PosReportTransaction>
  readonly recordCount?: number | undefined
  readonly paymentCount?: number | undefined
  readonly paymentSum?: number | undefined
  readonly cancellationCount?: number | undefined
  readonly cancellationSum?: number | undefined
  readonly totalSum?: number | undefined
}

/**
 * A transaction receipt as data.
 *
 * @example
 * const receipt: PosReceiptData = { merchant: "Test Merchant", transactionId: "00000001", amount: 1, currency: "MDL" }
 */
export interface PosReceiptData {
  readonly merchant?: string | undefined
  readonly store?: string | undefined
  readonly storeAddress?: string | undefined
  readonly terminalId?: string | undefined
  readonly transactionDateTime?: string | undefined
  readonly transactionId?: string | undefined
  readonly swiftMessageId?: string | undefined
  readonly swiftPayerBank?: string | undefined
  readonly amount?: number | undefined
  readonly currency?: string | undefined
}

/**
 * The legacy (v1) Z-report: one string as the API sends it.
 *
 * @example
 * const legacy: PosLegacyZReport = { report: "..." }
 */
export interface PosLegacyZReport {
  readonly report: string
}
