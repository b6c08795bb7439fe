import type { PosCashierReport } from "@mia-sdk/webhooks"
import type { MiaResponse } from "../../http-types.js"
import { sendJson } from "../../internal/send.js"

/**
 * A report as JSON, or its bytes as an attachment.
 * @example
 * sendReport(res, await cashier.report("z", { format: "pdf" }))
 */
export const sendReport = (res: MiaResponse, report: PosCashierReport): void => {
  if (report.format === "json") {
    sendJson(res, 200, report.view)
    return
  }
  const body = Buffer.from(report.bytes)
  res.statusCode = 200
  res.setHeader("Content-Type", report.mediaType)
  res.setHeader("Content-Length", body.length)
  res.setHeader("Content-Disposition", `attachment; filename="${report.filename}"`)
  res.setHeader("Cache-Control", "no-store")
  res.end(body)
}
