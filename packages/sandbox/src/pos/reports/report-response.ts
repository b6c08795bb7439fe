import { jsonResponse } from "../internal/responses.js"
import type { ReportDocument } from "./report-documents.js"
import { renderPdf } from "./render-pdf.js"
import { renderPng } from "./render-png.js"

/**
 * Output formats of reports and receipts (seed 000 `ReportFormat`).
 *
 * @example
 * const format: PosReportFormat = "png" // ?format=png on a report or receipt route
 */
export type PosReportFormat = "pdf" | "png" | "txt" | "json"

export const REPORT_FORMATS: ReadonlyArray<PosReportFormat> = ["pdf", "png", "txt", "json"]

const MEDIA_TYPES: Readonly<Record<PosReportFormat, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  txt: "text/plain",
  json: "application/json"
}

/**
 * The seed documents a JSON envelope (`reportJson`, base64 `reportBinary`, `reportText` lines).
 * A client that asks for the file itself (`Accept: application/pdf`, `image/png` or
 * `text/plain`, without `application/json`) gets the raw bytes with that Content-Type.
 */
const wantsRawFile = (request: Request, format: PosReportFormat): boolean => {
  const accept = (request.headers.get("accept") ?? "").toLowerCase()
  return format !== "json" && accept.includes(MEDIA_TYPES[format]) && !accept.includes("application/json")
}

const fileName = (title: string, format: PosReportFormat): string =>
  `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.${format}`

/** Answers a report request in the asked format. `reportJson` is always included in the envelope. */
export const reportResponse = async (
  request: Request,
  format: PosReportFormat,
  document: ReportDocument,
  now: number
): Promise<Response> => {
  const text = document.lines.join("\n")
  const binary =
    format === "pdf"
      ? await renderPdf(document.title, document.lines, now)
      : format === "png"
        ? renderPng(document.lines)
        : undefined
  if (wantsRawFile(request, format)) {
    const body = new Uint8Array(binary ?? new TextEncoder().encode(`${text}\n`))
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": format === "txt" ? "text/plain; charset=utf-8" : MEDIA_TYPES[format],
        "content-disposition": `inline; filename="${fileName(document.title, format)}"`,
        "content-length": String(body.byteLength)
      }
    })
  }
  return jsonResponse({
    result: "success",
    reportJson: document.json,
    ...(binary === undefined ? {} : { reportBinary: Buffer.from(binary).toString("base64") }),
    ...(format === "txt" ? { reportText: document.lines } : {})
  })
}
