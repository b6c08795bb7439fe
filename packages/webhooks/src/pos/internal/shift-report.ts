import { MiaCashierError } from "../cashier-error.js"
import type { PosCashierClient } from "../cashier-options.js"
import type { PosCashierReport, PosReportOptions } from "../cashier-report.js"
import { validateFormat, validateFull, validateShiftId } from "./validate.js"
import { toReportView } from "./views.js"

/**
 * An X or Z report of the asked shift; by default the open one for X, and for Z the one this
 * till closed last (else the open one).
 */
export const shiftReport = async (
  client: PosCashierClient,
  lastClosedShiftId: () => Promise<string | undefined>,
  kind: string,
  asked: PosReportOptions = {}
): Promise<PosCashierReport> => {
  if (kind !== "x" && kind !== "z") throw new MiaCashierError("unknown_report", "Reports are x and z.")
  const format = validateFormat(asked.format)
  const full = validateFull(asked.full)
  const shiftId =
    validateShiftId(asked.shiftId) ??
    (kind === "z" ? await lastClosedShiftId() : undefined) ??
    (await client.session.get()).shiftId
  if (!shiftId) {
    throw new MiaCashierError(
      "no_shift",
      kind === "x" ? "Open a shift first." : "Close a shift first, or pass shiftId."
    )
  }
  const input = { shiftId, format, full }
  const answer = kind === "x" ? await client.reports.xReport(input) : await client.reports.zReport(input)
  const filename = `${kind}-report-${shiftId}.${answer.format}`
  if (answer.format === "json") {
    return { format: "json", shiftId, filename, view: toReportView(kind, shiftId, answer.data) }
  }
  if (answer.format === "txt") {
    const bytes = new TextEncoder().encode(answer.text)
    return { format: "txt", shiftId, filename, mediaType: "text/plain; charset=utf-8", bytes }
  }
  return { format: answer.format, shiftId, filename, mediaType: answer.mediaType, bytes: answer.bytes }
}
