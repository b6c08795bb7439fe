import type { OpenString } from "./common.js"

/**
 * Transaction types. The API's examples show `paid` (lists) and `payment` (reports); a return
 * type exists but is not documented, so the type stays open.
 *
 * @example
 * const type: PosTransactionType = "paid"
 */
export type PosTransactionType = OpenString<"paid" | "payment">

/**
 * A row of a shift's transaction list. `id` is a string (the API sends an int64). `date` is ISO
 * 8601 with an explicit offset: the API omits it, and the client adds the terminal zone's.
 *
 * @example
 * const tx: PosTransaction = { id: "1042", amount: 150.5, currency: "MDL", date: "2024-04-04T10:49:54+03:00", type: "paid" }
 */
export interface PosTransaction {
  readonly id: string
  readonly amount: number
  readonly currency?: string | undefined
  readonly date?: string | undefined
  readonly type?: PosTransactionType | undefined
}

/**
 * A transaction with its payment-network details. `mcc` is read from the API's `mcc` key or its
 * Cyrillic look-alike `mсс`, which the published spec uses.
 *
 * @example
 * const tx: PosTransactionDetails = { id: "1042", amount: 150.5, currency: "MDL", mcc: "5411", swiftPayerBank: "VICBMD2X" }
 */
export interface PosTransactionDetails extends PosTransaction {
  readonly rrn?: string | undefined
  readonly approvalCode?: string | undefined
  readonly mcc?: string | undefined
  readonly swiftMessageType?: string | undefined
  readonly swiftMessageId?: string | undefined
  readonly swiftPayerBank?: string | undefined
}

/**
 * One page of a shift's transactions, newest first. Pass `nextCursor` as `txId` to get the page
 * of older ones; it is `undefined` on the last page.
 *
 * @example
 * const page: PosTransactionPage = { transactions: [], isEnded: true, nextCursor: undefined }
 */
export interface PosTransactionPage {
  readonly transactions: ReadonlyArray<PosTransaction>
  readonly isEnded: boolean
  readonly nextCursor: string | undefined
}

/**
 * A return (refund) was accepted for processing.
 *
 * @example
 * const requested: PosReturnRequested = { requestId: "5567" }
 */
export interface PosReturnRequested {
  readonly requestId?: string | undefined
}
