import { formatMinorUnits, fromMinorUnits } from "@mia-sdk/core"
import {
  objectBody,
  optionalAmount,
  optionalString,
  queryId,
  requiredBoolean,
  requiredId,
  requiredString
} from "../internal/fields.js"
import { txInfoView } from "../internal/qr-model.js"
import { findTransaction, recordTransaction } from "../internal/record-transaction.js"
import { badRequest, outcome, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"

/** Transaction list (keyset paging, newest first), details and return. */
export const transactionRoutes = (runtime: PosRuntime): PosRoute[] => {
  const { store, config } = runtime

  return [
    {
      method: "GET",
      path: "/pos/api/v1/shift/{shiftId}/tx",
      operation: "transactionList",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const before = queryId(context.url.searchParams, "txId")
        const shift = store.shifts.get(context.params.shiftId!)
        if (shift === undefined || shift.terminalId !== terminal.terminalId) {
          return outcome("not_found", "No shift with this shiftId on this terminal.")
        }
        const older = shift.txIds.filter((id) => before === undefined || id < before).reverse()
        const page = older.slice(0, config.transactionPageSize)
        return success({
          isEnded: older.length <= page.length,
          txList: page.map((id) => {
            const tx = store.transactions.get(id)!
            return {
              id: tx.id,
              amount: fromMinorUnits(tx.amountMinor),
              ccy: tx.ccy,
              date: runtime.local(tx.createdAt),
              type: tx.type
            }
          })
        })
      }
    },
    {
      method: "GET",
      path: "/pos/api/v1/tx/{txId}",
      operation: "transactionDetails",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const tx = findTransaction(runtime, terminal.terminalId, context.params.txId!)
        if (tx === undefined) return outcome("not_found", "No transaction with this txId on this terminal.")
        return success({ txInfo: txInfoView(runtime, tx) })
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/tx/return",
      operation: "transactionReturn",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const body = objectBody(context.body, "with txId, fullRefund and reasonCode")
        const txId = requiredId(body, "txId")
        const fullRefund = requiredBoolean(body, "fullRefund")
        const reasonCode = requiredString(body, "reasonCode")
        const reasonMessage = optionalString(body, "reasonMessage")
        const ccy = optionalString(body, "ccy")
        // For a full refund the amount is ignored, as the API documents; it is still checked for shape.
        const requested = optionalAmount(body, "amount")
        if (!fullRefund && requested === undefined) {
          throw badRequest('A partial return (fullRefund: false) needs "amount".')
        }
        const original = findTransaction(runtime, terminal.terminalId, String(txId))
        if (original === undefined)
          return outcome("not_found", "No transaction with this txId on this terminal.")
        if (original.type !== "paid")
          return outcome("operation_not_allowed", "Only a payment can be returned.")
        if (ccy !== undefined && ccy.toUpperCase() !== original.ccy) {
          return outcome(
            "currency_mismatch",
            `The payment was in ${original.ccy}; return it in ${original.ccy}.`
          )
        }
        const refundable = original.amountMinor - original.returnedMinor
        if (refundable === 0)
          return outcome("already_refunded", "This payment has been returned in full already.")
        const amountMinor = fullRefund ? refundable : requested!
        if (amountMinor > refundable) {
          return outcome(
            "amount_exceeds_refundable",
            `At most ${formatMinorUnits(refundable)} MDL of this payment can still be returned.`,
            { refundableAmount: fromMinorUnits(refundable) }
          )
        }
        const shift = store.openShift(terminal.terminalId)
        if (shift === undefined) return outcome("no_open_shift", "Open a shift before returning a payment.")
        original.returnedMinor += amountMinor
        const returned = recordTransaction(
          runtime,
          {
            type: "return",
            shift,
            amountMinor,
            payerBank: original.swiftPayerBank,
            originalTxId: original.id,
            reasonCode,
            ...(original.qrId === undefined ? {} : { qrId: original.qrId }),
            ...(reasonMessage === undefined ? {} : { reasonMessage })
          },
          context.now
        )
        return success({ requestId: returned.id })
      }
    }
  ]
}
