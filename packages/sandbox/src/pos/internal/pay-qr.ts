import { formatMinorUnits, fromMinorUnits } from "@mia-sdk/core"
import type { PosExtensionRecord } from "../records.js"
import { activeExtension, findQr } from "./qr-model.js"
import { DEFAULT_PAYER_BANK, recordTransaction } from "./record-transaction.js"
import type { PosRuntime } from "./runtime.js"

/**
 * What a customer's banking app sends when paying a sandbox QR.
 *
 * @example
 * const payment: PosPaymentRequest = { amount: 25.5, payerName: "Ion Popescu" }
 */
export interface PosPaymentRequest {
  /** In lei. Needed for free and controlled amounts; for a fixed amount it must match if given. */
  readonly amount?: number
  readonly payerName?: string
  /** The payer bank's BIC, printed as `swiftPayerBank`. Default `AGRNMD2X`. */
  readonly payerBank?: string
}

/**
 * The outcome of a sandbox payment: `result: "success"` with the new transaction, or the reason
 * the bank refused it.
 *
 * @example
 * const outcome: PosPaymentOutcome = sandbox.pay(qrId, { amount: 10 })
 * if (outcome.result === "success") console.log(outcome.txId)
 */
export type PosPaymentOutcome =
  | {
      readonly result: "success"
      readonly txId: number
      readonly qrId: string
      readonly extensionId: string | undefined
      readonly amount: number
      readonly ccy: "MDL"
    }
  | { readonly result: PosPaymentRefusal; readonly errorMessage: string; readonly state?: string }

/**
 * Why the simulated bank refused a payment.
 *
 * @example
 * const retryable: PosPaymentRefusal[] = ["no_open_shift", "no_active_extension"]
 */
export type PosPaymentRefusal =
  | "not_found"
  | "qr_not_active"
  | "no_active_extension"
  | "amount_mismatch"
  | "amount_out_of_range"
  | "no_open_shift"
  | "bad_request"

const refuse = (result: PosPaymentRefusal, errorMessage: string, state?: string): PosPaymentOutcome =>
  state === undefined ? { result, errorMessage } : { result, errorMessage, state }

const chooseAmount = (
  amountType: string,
  extension: PosExtensionRecord | undefined,
  requested: number | undefined
): number | PosPaymentOutcome => {
  if (amountType === "fixed" && extension?.amountMinor !== undefined) {
    if (requested !== undefined && requested !== extension.amountMinor) {
      return refuse(
        "amount_mismatch",
        `This QR asks for exactly ${formatMinorUnits(extension.amountMinor)} MDL.`
      )
    }
    return extension.amountMinor
  }
  if (requested === undefined)
    return refuse("bad_request", `Give the amount to pay; this QR has a ${amountType} amount.`)
  const min = extension?.minAmountMinor
  const max = extension?.maxAmountMinor
  if (
    amountType === "controlled" &&
    min !== undefined &&
    max !== undefined &&
    (requested < min || requested > max)
  ) {
    return refuse(
      "amount_out_of_range",
      `Pay between ${formatMinorUnits(min)} and ${formatMinorUnits(max)} MDL on this QR.`
    )
  }
  return requested
}

/**
 * Pays a QR as a customer would: a dynamic QR (v1 or v2) once, the active extension of a hybrid
 * QR once, a static QR as often as wanted. The payment lands in the terminal's open shift.
 */
export const payQr = (
  runtime: PosRuntime,
  qrId: string,
  amountMinor: number | undefined,
  payer: { readonly payerName?: string; readonly payerBank?: string },
  now: number
): PosPaymentOutcome => {
  const qr = findQr(runtime, undefined, qrId, now)
  if (qr === undefined) return refuse("not_found", "No QR with this qrId.", "not_found")
  if (qr.status !== "active")
    return refuse("qr_not_active", `This QR is ${qr.status}; it takes no payments.`, qr.status)
  const extension = activeExtension(runtime, qr)
  const direct = qr.qrType === "static" && qr.amountType === "free" && extension === undefined
  if (extension === undefined && !direct) {
    return refuse(
      "no_active_extension",
      "This QR has no active payment request; create an extension first.",
      "active"
    )
  }
  const amount = chooseAmount(qr.amountType, extension, amountMinor)
  if (typeof amount !== "number") return amount
  const shift = runtime.store.openShift(qr.terminalId)
  if (shift === undefined) {
    return refuse("no_open_shift", "The terminal has no open shift, so the bank cannot book the payment.")
  }
  const tx = recordTransaction(
    runtime,
    {
      type: "paid",
      shift,
      amountMinor: amount,
      payerBank: payer.payerBank ?? DEFAULT_PAYER_BANK,
      qrId: qr.qrId,
      ...(extension === undefined ? {} : { extensionId: extension.extensionId }),
      ...(payer.payerName === undefined ? {} : { payerName: payer.payerName })
    },
    now
  )
  if (extension === undefined) {
    qr.directTxIds.push(tx.id)
  } else {
    extension.txIds.push(tx.id)
    // A static QR keeps taking payments; a dynamic QR and a hybrid payment request take one.
    if (qr.qrType !== "static") extension.status = "paid"
    if (qr.qrType === "dynamic") qr.status = "paid"
  }
  return {
    result: "success",
    txId: tx.id,
    qrId: qr.qrId,
    extensionId: extension?.extensionId,
    amount: fromMinorUnits(amount),
    ccy: "MDL"
  }
}
