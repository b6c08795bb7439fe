import type { PosShiftRecord, PosTransactionRecord } from "../records.js"
import { pathId } from "./fields.js"
import { randomDigits } from "./random-ids.js"
import type { PosRuntime } from "./runtime.js"

/** The payer's bank when a sandbox payment names none (maib's BIC). */
export const DEFAULT_PAYER_BANK = "AGRNMD2X"

export interface NewTransaction {
  readonly type: "paid" | "return"
  readonly shift: PosShiftRecord
  readonly amountMinor: number
  readonly payerBank: string
  readonly qrId?: string
  readonly extensionId?: string
  readonly originalTxId?: number
  readonly payerName?: string
  readonly reasonCode?: string
  readonly reasonMessage?: string
}

/** Books a payment or a return into the shift, with the reference numbers a bank would assign. */
export const recordTransaction = (
  runtime: PosRuntime,
  input: NewTransaction,
  now: number
): PosTransactionRecord => {
  const id = runtime.store.nextTransactionId()
  const terminal = runtime.terminals.get(input.shift.terminalId)!
  const day = runtime.local(now).slice(2, 10).replace(/-/g, "")
  const tx: PosTransactionRecord = {
    id,
    type: input.type,
    terminalId: terminal.terminalId,
    shiftId: input.shift.shiftId,
    amountMinor: input.amountMinor,
    ccy: "MDL",
    createdAt: now,
    qrId: input.qrId,
    extensionId: input.extensionId,
    originalTxId: input.originalTxId,
    returnedMinor: 0,
    rrn: `${day}${String(id).padStart(6, "0")}`,
    approvalCode: randomDigits(6),
    mcc: terminal.mcc,
    // pacs.008 carries a credit transfer, pacs.004 a payment return.
    swiftMessageType: input.type === "paid" ? "pacs.008" : "pacs.004",
    swiftMessageId: `${input.payerBank}AXXX${day}${String(id).padStart(3, "0")}`,
    swiftPayerBank: input.payerBank,
    payerName: input.payerName,
    reasonCode: input.reasonCode,
    reasonMessage: input.reasonMessage
  }
  runtime.store.transactions.set(id, tx)
  input.shift.txIds.push(id)
  return tx
}

/** A transaction of this terminal by its path id; another terminal's reads as unknown. */
export const findTransaction = (
  runtime: PosRuntime,
  terminalId: string,
  rawId: string
): PosTransactionRecord | undefined => {
  const id = pathId(rawId)
  const tx = id === undefined ? undefined : runtime.store.transactions.get(id)
  return tx?.terminalId === terminalId ? tx : undefined
}
