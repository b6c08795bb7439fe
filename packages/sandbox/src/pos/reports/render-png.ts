import { columnsWidth, lineHeight, MonochromeCanvas } from "./monochrome-canvas.js"
import { REPORT_COLUMNS, RULE } from "./report-layout.js"

const SCALE = 2
const MARGIN = 16

/** Prints report lines as a receipt-like PNG (pixel font, solid rules) and returns the file bytes. */
export const renderPng = (lines: ReadonlyArray<string>): Buffer => {
  const step = lineHeight(SCALE)
  const canvas = new MonochromeCanvas(
    MARGIN * 2 + columnsWidth(REPORT_COLUMNS, SCALE),
    MARGIN * 2 + lines.length * step
  )
  lines.forEach((line, index) => {
    const top = MARGIN + index * step
    if (line === RULE)
      canvas.fill(MARGIN, top + Math.floor(step / 2) - SCALE, columnsWidth(REPORT_COLUMNS, SCALE), SCALE)
    else canvas.text(MARGIN, top, line, SCALE)
  })
  return canvas.toPng()
}
