import * as Effect from "effect/Effect"
import { resultDecoder } from "../../../internal/mia-envelope.js"
import { checkId, isIssue, issue, orFail } from "../../../internal/validation.js"
import type { PosReportFormat } from "../../model/report.js"
import type { PosReceiptInput, PosShiftReportInput, PosZReportInput } from "../../inputs.js"
import type { PosReportsApi } from "../../service.js"
import { checkFullFlag, prepareFormat } from "../prepare.js"
import { toReport } from "../report-content.js"
import { toLegacyZReport, toReceiptData, toShiftReportData } from "../to-model.js"
import { ReceiptWire, ShiftReportWire, ZReportV1Wire } from "../wire/report.js"
import { type PosContext, span } from "./context.js"

const decodeShiftReport = resultDecoder(ShiftReportWire)
const decodeReceipt = resultDecoder(ReceiptWire)
const decodeLegacy = resultDecoder(ZReportV1Wire)

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const reportQuery = (input: unknown) => {
  if (input !== undefined && !isObject(input)) return issue("input", "required", "input must be an object.")
  const format = prepareFormat(input?.format)
  if (isIssue(format)) return format
  const problem = checkFullFlag(input?.full)
  if (problem) return problem
  return {
    format,
    query: { format, ...(input?.full === undefined ? {} : { isFullReport: String(input.full) }) }
  }
}

/**
 * The `reports` group: X/Z reports and receipts, decoded per format.
 *
 * @example
 * const reports = makeReportsApi(context)
 */
export const makeReportsApi = ({ send, session, config }: PosContext): PosReportsApi => {
  const { timeZone } = config

  const shiftReport = (
    operation: "zReport" | "xReport",
    shiftId: string,
    format: PosReportFormat,
    query: Record<string, string>
  ) =>
    send({ operation, auth: "bearer", params: { shiftId }, query }).pipe(
      Effect.flatMap((answer) => decodeShiftReport(operation, answer)),
      Effect.flatMap((wire) =>
        toReport(operation, format, wire, (json) => toShiftReportData(json, timeZone))
      ),
      span(operation, { "miapos.shift_id": shiftId, "miapos.format": format })
    )

  const zReport = (input: PosZReportInput) =>
    orFail("zReport", reportQuery(input)).pipe(
      Effect.zipLeft(orFail("zReport", checkId("shiftId", input?.shiftId))),
      Effect.flatMap(({ format, query }) => shiftReport("zReport", input.shiftId, format, query))
    )

  const xReport = (input?: PosShiftReportInput) =>
    orFail("xReport", reportQuery(input)).pipe(
      Effect.flatMap((prepared) =>
        Effect.flatMap(
          input?.shiftId !== undefined
            ? orFail("xReport", checkId("shiftId", input.shiftId) ?? input.shiftId)
            : Effect.flatMap(session.current("xReport"), (current) =>
                orFail(
                  "xReport",
                  current.shiftId ??
                    issue(
                      "shiftId",
                      "required",
                      "no shiftId given and no open shift in the session: pass shiftId, or run shift.open() / shift.check() first."
                    )
                )
              ),
          (shiftId) => shiftReport("xReport", shiftId, prepared.format, prepared.query)
        )
      )
    )

  const receipt = (input: PosReceiptInput) =>
    orFail("receipt", reportQuery(input)).pipe(
      Effect.flatMap((prepared) =>
        Effect.flatMap(orFail("receipt", checkId("txId", input?.txId) ?? input.txId), (txId) =>
          send({
            operation: "receipt",
            auth: "bearer",
            params: { txId },
            query: { format: prepared.format }
          }).pipe(
            Effect.flatMap((answer) => decodeReceipt("receipt", answer)),
            Effect.flatMap((wire) =>
              toReport("receipt", prepared.format, wire, (json) => toReceiptData(json, timeZone))
            ),
            span("receipt", { "miapos.tx_id": txId, "miapos.format": prepared.format })
          )
        )
      )
    )

  const zReportLegacy: PosReportsApi["zReportLegacy"] = (input) =>
    orFail("zReportV1", checkId("shiftId", input?.shiftId)).pipe(
      Effect.flatMap(() =>
        send({ operation: "zReportV1", auth: "bearer", params: { shiftId: input.shiftId } })
      ),
      Effect.flatMap((answer) => decodeLegacy("zReportV1", answer)),
      Effect.map(toLegacyZReport),
      span("zReportV1", { "miapos.shift_id": input?.shiftId })
    )

  // The value always has the format asked for; the generic signatures tell callers so.
  return {
    zReport: zReport as PosReportsApi["zReport"],
    xReport: xReport as PosReportsApi["xReport"],
    zReportLegacy,
    receipt: receipt as PosReportsApi["receipt"]
  }
}
