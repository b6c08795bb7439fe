import type { PosReportView } from "@mia-sdk/core/wire"

/**
 * What `PosCashier.report` may be asked for. Values are checked at run time, so query-string
 * text can be passed as is: `format` is `json` (default), `pdf`, `png` or `txt`; `full` is a
 * boolean or `"true"`/`"false"`; `shiftId` defaults to the open shift for X, the last closed
 * one (else the open one) for Z.
 *
 * @example
 * const options: PosReportOptions = { format: "pdf", shiftId: "5021", full: true }
 */
export interface PosReportOptions {
  readonly format?: unknown
  readonly shiftId?: unknown
  readonly full?: unknown
}

/**
 * A report to hand to the screen: JSON as a {@link PosReportView}, other formats as bytes with
 * their media type and a file name.
 *
 * @example
 * const report = await cashier.report("z", { format: "pdf" })
 * if (report.format !== "json") await writeFile(report.filename, report.bytes)
 */
export type PosCashierReport =
  | {
      readonly format: "json"
      readonly shiftId: string
      readonly filename: string
      readonly view: PosReportView
    }
  | {
      readonly format: "pdf" | "png" | "txt"
      readonly shiftId: string
      readonly filename: string
      readonly mediaType: string
      readonly bytes: Uint8Array
    }
