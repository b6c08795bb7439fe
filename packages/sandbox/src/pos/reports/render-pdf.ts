import { PDFDocument, StandardFonts } from "pdf-lib"
import { printableText } from "./printable-text.js"
import { REPORT_COLUMNS } from "./report-layout.js"

const FONT_SIZE = 9
const LEADING = 11
const MARGIN = 14
/** Keeps a long full report on several roll-sized pages instead of one very tall one. */
const LINES_PER_PAGE = 100
/** Courier's advance width is 600/1000 of the font size. */
const PAGE_WIDTH = MARGIN * 2 + REPORT_COLUMNS * FONT_SIZE * 0.6

/** Prints report lines on receipt-roll-shaped pages (Courier, 40 columns) and returns the PDF bytes. */
export const renderPdf = async (
  title: string,
  lines: ReadonlyArray<string>,
  now: number
): Promise<Uint8Array> => {
  const document = await PDFDocument.create()
  document.setTitle(printableText(title))
  document.setProducer("@mia-sdk/sandbox")
  document.setCreator("MiaPos sandbox")
  document.setCreationDate(new Date(now))
  document.setModificationDate(new Date(now))
  const font = await document.embedFont(StandardFonts.Courier)
  for (let start = 0; start === 0 || start < lines.length; start += LINES_PER_PAGE) {
    const chunk = lines.slice(start, start + LINES_PER_PAGE)
    const height = MARGIN * 2 + Math.max(chunk.length, 1) * LEADING
    const page = document.addPage([PAGE_WIDTH, height])
    chunk.forEach((line, index) => {
      page.drawText(printableText(line), {
        x: MARGIN,
        y: height - MARGIN - (index + 1) * LEADING + 2,
        size: FONT_SIZE,
        font
      })
    })
  }
  return document.save()
}
