import { queryBoolean, queryEnum } from "../internal/fields.js"
import { findTransaction } from "../internal/record-transaction.js"
import { outcome, success } from "../internal/responses.js"
import type { PosRequestContext, PosRoute, PosRuntime } from "../internal/runtime.js"
import type { PosShiftRecord } from "../records.js"
import { receipt, shiftReport } from "../reports/report-documents.js"
import { REPORT_FORMATS, reportResponse } from "../reports/report-response.js"

/** Z-report (v1 and v2), X-report and receipt. */
export const reportRoutes = (runtime: PosRuntime): PosRoute[] => {
  const { store } = runtime

  const findShift = (terminalId: string, shiftId: string): PosShiftRecord | undefined => {
    const shift = store.shifts.get(shiftId)
    return shift?.terminalId === terminalId ? shift : undefined
  }

  const readOptions = (context: PosRequestContext) => ({
    format: queryEnum(context.url.searchParams, "format", REPORT_FORMATS) ?? "pdf",
    full: queryBoolean(context.url.searchParams, "isFullReport", false)
  })

  return [
    {
      method: "GET",
      path: "/pos/api/v1/shift/{shiftId}/z-report",
      operation: "zReportV1",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const shift = findShift(terminal.terminalId, context.params.shiftId!)
        if (shift === undefined) return outcome("not_found", "No shift with this shiftId on this terminal.")
        if (shift.closedAt === undefined)
          return outcome("shift_not_closed", "A Z-report needs a closed shift.")
        // The legacy report is one opaque string: the printable text.
        return success({ report: shiftReport(runtime, shift, "z", false, context.now).lines.join("\n") })
      }
    },
    {
      method: "GET",
      path: "/pos/api/v2/shift/{shiftId}/z-report",
      operation: "zReport",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const { format, full } = readOptions(context)
        const shift = findShift(terminal.terminalId, context.params.shiftId!)
        if (shift === undefined) return outcome("not_found", "No shift with this shiftId on this terminal.")
        if (shift.closedAt === undefined) {
          return outcome(
            "shift_not_closed",
            "A Z-report needs a closed shift; use the X-report while it is open."
          )
        }
        return reportResponse(
          context.request,
          format,
          shiftReport(runtime, shift, "z", full, context.now),
          context.now
        )
      }
    },
    {
      method: "GET",
      path: "/pos/api/v2/shift/{shiftId}/x-report",
      operation: "xReport",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const { format, full } = readOptions(context)
        const shift = findShift(terminal.terminalId, context.params.shiftId!)
        if (shift === undefined) return outcome("not_found", "No shift with this shiftId on this terminal.")
        if (shift.closedAt !== undefined) {
          return outcome(
            "shift_not_open",
            "An X-report is for an open shift; ask for the Z-report of a closed one."
          )
        }
        return reportResponse(
          context.request,
          format,
          shiftReport(runtime, shift, "x", full, context.now),
          context.now
        )
      }
    },
    {
      method: "GET",
      path: "/pos/api/v2/tx/{txId}/receipt",
      operation: "receipt",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const { format } = readOptions(context)
        const tx = findTransaction(runtime, terminal.terminalId, context.params.txId!)
        if (tx === undefined) return outcome("not_found", "No transaction with this txId on this terminal.")
        return reportResponse(context.request, format, receipt(runtime, tx), context.now)
      }
    }
  ]
}
