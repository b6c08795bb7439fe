import { MonochromeCanvas } from "../reports/monochrome-canvas.js"

const MODULES = 25
const MODULE_PIXELS = 6
const QUIET_ZONE = 4

/** A tiny deterministic generator (FNV-1a seeded xorshift) so one text always gives one picture. */
const patternBits = (text: string): (() => boolean) => {
  let state = 0x811c9dc5
  for (const character of text) state = Math.imul(state ^ character.charCodeAt(0), 0x01000193) >>> 0
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return (state & 1) === 1
  }
}

const inFinder = (x: number, y: number): boolean => {
  const corners: ReadonlyArray<readonly [number, number]> = [
    [0, 0],
    [MODULES - 7, 0],
    [0, MODULES - 7]
  ]
  return corners.some(([left, top]) => x >= left - 1 && x <= left + 7 && y >= top - 1 && y <= top + 7)
}

const finderInk = (x: number, y: number): boolean => {
  const localX = x < 8 ? x : x - (MODULES - 7)
  const localY = y < 8 ? y : y - (MODULES - 7)
  if (localX < 0 || localX > 6 || localY < 0 || localY > 6) return false
  const ring = Math.min(localX, localY, 6 - localX, 6 - localY)
  return ring !== 1
}

/**
 * The `qrImage` of a sandbox QR: a base64 PNG that looks like a QR code (finder squares and a
 * pattern derived from the text). It is a picture for screens, not a scannable code: render
 * `qrText` with a QR library (e.g. the React package's component) to get one.
 */
export const sandboxQrImage = (text: string): string => {
  const side = (MODULES + 2 * QUIET_ZONE) * MODULE_PIXELS
  const canvas = new MonochromeCanvas(side, side)
  const next = patternBits(text)
  for (let y = 0; y < MODULES; y++) {
    for (let x = 0; x < MODULES; x++) {
      const ink = inFinder(x, y) ? finderInk(x, y) : next()
      if (ink) {
        canvas.fill(
          (x + QUIET_ZONE) * MODULE_PIXELS,
          (y + QUIET_ZONE) * MODULE_PIXELS,
          MODULE_PIXELS,
          MODULE_PIXELS
        )
      }
    }
  }
  return canvas.toPng().toString("base64")
}
