import * as Result from "effect/Result"
import { MiaResponseError } from "../../errors/mia-response-error.js"
import type { PosReport, PosReportFormat } from "../model/report.js"

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>): boolean =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte)

/**
 * Decodes Base64 (standard or URL-safe, with or without padding, optionally as a `data:` URL)
 * with `atob`, so it runs on every runtime. Returns `undefined` for text that is not Base64.
 */
export const decodeBase64 = (text: string): Uint8Array | undefined => {
  const payload = text
    .replace(/^data:[^,]*;base64,/i, "")
    .replace(/\s+/g, "")
    .replace(/-/g, "+")
    .replace(/_/g, "/")
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 === 1) return undefined
  const padded = payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "=")
  try {
    const binary = atob(padded)
    const bytes = new Uint8Array(binary.length)
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
    return bytes
  } catch {
    return undefined
  }
}

/** The report parts of an X/Z report or receipt answer. */
export interface ReportParts<Data> {
  readonly reportJson?: Data | undefined
  readonly reportBinary?: string | undefined
  readonly reportText?: ReadonlyArray<string> | undefined
}

const unexpected = (operation: string, message: string) =>
  new MiaResponseError({
    operation,
    status: 200,
    reason: "unexpected_result",
    bodySnippet: "",
    message: `${operation}: ${message}`
  })

/**
 * Turns the answer into the variant of the format asked for: Base64 `reportBinary` into bytes
 * (checked against the PDF or PNG signature), `reportText` into lines (or Base64 text when
 * only `reportBinary` came back), `reportJson` into data.
 */
export const toReport = <Data>(
  operation: string,
  format: PosReportFormat,
  parts: ReportParts<Data>
): Result.Result<PosReport<Data>, MiaResponseError> => {
  if (format === "json") {
    return parts.reportJson === undefined
      ? Result.fail(unexpected(operation, "asked for format json, but the answer has no reportJson."))
      : Result.succeed({ format, mediaType: "application/json", data: parts.reportJson })
  }
  if (format === "txt") {
    if (parts.reportText !== undefined) {
      return Result.succeed({
        format,
        mediaType: "text/plain",
        lines: parts.reportText,
        text: parts.reportText.join("\n")
      })
    }
    const bytes = parts.reportBinary === undefined ? undefined : decodeBase64(parts.reportBinary)
    if (bytes === undefined) {
      return Result.fail(
        unexpected(
          operation,
          "asked for format txt, but the answer has neither reportText nor Base64 reportBinary."
        )
      )
    }
    const text = new TextDecoder().decode(bytes)
    return Result.succeed({ format, mediaType: "text/plain", lines: text.split(/\r?\n/), text })
  }
  if (parts.reportBinary === undefined || parts.reportBinary === "") {
    return Result.fail(
      unexpected(operation, `asked for format ${format}, but the answer has no reportBinary.`)
    )
  }
  const bytes = decodeBase64(parts.reportBinary)
  if (bytes === undefined) return Result.fail(unexpected(operation, "reportBinary is not Base64."))
  if (format === "pdf") {
    return startsWith(bytes, PDF_SIGNATURE)
      ? Result.succeed({ format, mediaType: "application/pdf", bytes })
      : Result.fail(unexpected(operation, "asked for a PDF, but reportBinary does not start with %PDF-."))
  }
  return startsWith(bytes, PNG_SIGNATURE)
    ? Result.succeed({ format, mediaType: "image/png", bytes })
    : Result.fail(
        unexpected(operation, "asked for a PNG, but reportBinary does not carry the PNG signature.")
      )
}
