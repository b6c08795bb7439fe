import { PNG } from "pngjs"
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from "./bitmap-font.js"
import { printableText } from "./printable-text.js"

/**
 * A black-on-white pixel grid that encodes to PNG. Enough to draw a receipt with a pixel font or
 * the modules of a QR code.
 */
export class MonochromeCanvas {
  private readonly ink: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number
  ) {
    this.ink = new Uint8Array(width * height)
  }

  fill(x: number, y: number, width: number, height: number): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + height); row++) {
      this.ink.fill(1, row * this.width + Math.max(0, x), row * this.width + Math.min(this.width, x + width))
    }
  }

  /** Draws one line of text with the 5x7 font, each font pixel `scale` pixels wide. */
  text(x: number, y: number, line: string, scale: number): void {
    if (y < 0 || y + GLYPH_HEIGHT * scale > this.height) return
    let left = x
    for (const character of printableText(line)) {
      if (left < 0 || left + GLYPH_WIDTH * scale > this.width) break
      const rows = glyphRows(character)
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        const bits = rows[row]!
        if (bits === 0) continue
        for (let repeat = 0; repeat < scale; repeat++) {
          const offset = (y + row * scale + repeat) * this.width + left
          for (let column = 0; column < GLYPH_WIDTH; column++) {
            if ((bits >> (GLYPH_WIDTH - 1 - column)) & 1) {
              for (let pixel = offset + column * scale; pixel < offset + (column + 1) * scale; pixel++) {
                this.ink[pixel] = 1
              }
            }
          }
        }
      }
      left += (GLYPH_WIDTH + 1) * scale
    }
  }

  toPng(): Buffer {
    // No per-row filter and medium compression: black on white compresses well without them,
    // and the adaptive filter search made tall reports several times slower to encode.
    const options = { colorType: 0, inputColorType: 0, bitDepth: 8, filterType: 0, deflateLevel: 6 } as const
    const png = new PNG({ width: this.width, height: this.height, ...options })
    const gray = Buffer.alloc(this.width * this.height, 255)
    for (let index = 0; index < gray.length; index++) if (this.ink[index]) gray[index] = 0
    png.data = gray
    return PNG.sync.write(png, options)
  }
}

/** Pixel height of one printed text line at `scale`: the glyph plus two rows of leading. */
export const lineHeight = (scale: number): number => (GLYPH_HEIGHT + 2) * scale

/** Pixel width of `columns` characters at `scale`. */
export const columnsWidth = (columns: number, scale: number): number => columns * (GLYPH_WIDTH + 1) * scale
