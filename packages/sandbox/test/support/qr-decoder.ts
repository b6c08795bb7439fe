import { PNG } from "pngjs"

/**
 * A small QR code reader for tests, written from the QR standard (ISO/IEC 18004) without the
 * encoder the sandbox uses, so "the PNG decodes to the text" does not just compare the encoder
 * with itself. It reads clean, axis-aligned images only (what the sandbox renders): versions
 * 1-10, numeric, alphanumeric and byte segments, and it checks every block's Reed-Solomon
 * error correction instead of repairing it.
 */

/** Modules of a black-on-white PNG: `true` is dark. Module size comes from the top-left finder. */
export const sampleModules = (pngBytes: Buffer): boolean[][] => {
  const png = PNG.sync.read(pngBytes)
  const dark = (x: number, y: number): boolean => {
    const offset = (y * png.width + x) * 4
    return (png.data[offset] ?? 255) < 128
  }
  let top = -1
  let left = -1
  for (let y = 0; y < png.height && top < 0; y++) {
    for (let x = 0; x < png.width; x++) {
      if (dark(x, y)) {
        top = y
        left = x
        break
      }
    }
  }
  if (top < 0) throw new Error("The image has no dark pixel: no QR code in it.")
  // The finder's top edge is a run of 7 dark modules.
  let run = 0
  while (left + run < png.width && dark(left + run, top)) run++
  const modulePixels = run / 7
  let right = png.width - 1
  while (right > left && !dark(right, top)) right--
  const size = Math.round((right - left + 1) / modulePixels)
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) =>
      dark(Math.floor(left + (column + 0.5) * modulePixels), Math.floor(top + (row + 0.5) * modulePixels))
    )
  )
}

const ECC_LEVELS = ["M", "L", "H", "Q"] as const // indexed by the 2 format bits
type EccLevel = (typeof ECC_LEVELS)[number]

/** Error correction codewords per block and number of blocks, versions 1-10 (standard table 9). */
const ECC_PER_BLOCK: Record<EccLevel, ReadonlyArray<number>> = {
  L: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18],
  M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26],
  Q: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24],
  H: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28]
}
const BLOCKS: Record<EccLevel, ReadonlyArray<number>> = {
  L: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4],
  M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5],
  Q: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8],
  H: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8]
}

const MASKS: ReadonlyArray<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0
]

/** The 15-bit format word for 5 data bits: BCH(15,5) remainder, then the standard's XOR mask. */
const formatWord = (data: number): number => {
  let remainder = data
  for (let index = 0; index < 10; index++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537)
  return ((data << 10) | remainder) ^ 0x5412
}

const alignmentCentres = (version: number, size: number): Array<number> => {
  if (version === 1) return []
  const count = Math.floor(version / 7) + 2
  const step = Math.ceil((size - 13) / (count - 1) / 2) * 2
  const centres = [6]
  for (let position = size - 7; centres.length < count; position -= step) centres.splice(1, 0, position)
  return centres
}

/** Which modules are finder, separator, timing, alignment, format or version modules. */
const functionModules = (version: number, size: number): boolean[][] => {
  const marked = Array.from({ length: size }, () => new Array<boolean>(size).fill(false))
  const mark = (x: number, y: number, width: number, height: number) => {
    for (let row = Math.max(0, y); row < Math.min(size, y + height); row++)
      for (let column = Math.max(0, x); column < Math.min(size, x + width); column++)
        marked[row]![column] = true
  }
  mark(0, 0, 9, 9) // finder, separator and format bits, top left
  mark(size - 8, 0, 8, 9)
  mark(0, size - 8, 9, 8) // includes the dark module at (8, size - 8)
  mark(6, 0, 1, size) // timing patterns
  mark(0, 6, size, 1)
  const centres = alignmentCentres(version, size)
  for (const x of centres) {
    for (const y of centres) {
      const nearFinder = (x === 6 && y === 6) || (x === 6 && y === size - 7) || (x === size - 7 && y === 6)
      if (!nearFinder) mark(x - 2, y - 2, 5, 5)
    }
  }
  if (version >= 7) {
    mark(size - 11, 0, 3, 6)
    mark(0, size - 11, 6, 3)
  }
  return marked
}

/** GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1. */
const multiply = (a: number, b: number): number => {
  let product = 0
  for (let bit = 7; bit >= 0; bit--) {
    product = (product << 1) ^ ((product >>> 7) * 0x11d)
    product ^= ((b >>> bit) & 1) * a
  }
  return product & 0xff
}

const reedSolomonRemainder = (data: ReadonlyArray<number>, degree: number): Array<number> => {
  const divisor = new Array<number>(degree).fill(0)
  divisor[degree - 1] = 1
  let root = 1
  for (let index = 0; index < degree; index++) {
    for (let term = 0; term < degree; term++) {
      divisor[term] = multiply(divisor[term]!, root) ^ (divisor[term + 1] ?? 0)
    }
    root = multiply(root, 0x02)
  }
  const remainder = new Array<number>(degree).fill(0)
  for (const byte of data) {
    const factor = byte ^ remainder.shift()!
    remainder.push(0)
    for (let term = 0; term < degree; term++) remainder[term]! ^= multiply(divisor[term]!, factor)
  }
  return remainder
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

/** Reads the text of a module matrix; throws on anything a scanner would reject. */
export const decodeModules = (modules: ReadonlyArray<ReadonlyArray<boolean>>): string => {
  const size = modules.length
  const version = (size - 17) / 4
  if (!Number.isInteger(version) || version < 1 || version > 10) {
    throw new Error(`A ${size}x${size} matrix is not a QR code of version 1-10.`)
  }
  const at = (x: number, y: number): number => (modules[y]?.[x] ? 1 : 0)
  let format = 0
  for (let index = 0; index <= 5; index++) format |= at(8, index) << index
  format |= at(8, 7) << 6
  format |= at(8, 8) << 7
  format |= at(7, 8) << 8
  for (let index = 9; index < 15; index++) format |= at(14 - index, 8) << index
  const formatData = [...Array(32).keys()].find((data) => formatWord(data) === format)
  if (formatData === undefined) throw new Error("The format bits are not a valid BCH code word.")
  const level = ECC_LEVELS[formatData >>> 3]!
  const mask = MASKS[formatData & 7]!

  const isFunction = functionModules(version, size)
  const bits: Array<number> = []
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    for (let vertical = 0; vertical < size; vertical++) {
      for (let offset = 0; offset < 2; offset++) {
        const x = right - offset
        const y = ((right + 1) & 2) === 0 ? size - 1 - vertical : vertical
        if (isFunction[y]![x]) continue
        bits.push(at(x, y) ^ (mask(x, y) ? 1 : 0))
      }
    }
  }
  const codewords: Array<number> = []
  for (let index = 0; index + 8 <= bits.length; index += 8) {
    codewords.push(bits.slice(index, index + 8).reduce((byte, bit) => (byte << 1) | bit, 0))
  }

  // Undo the interleaving: data codewords column by column, then error correction likewise.
  const blockCount = BLOCKS[level][version - 1]!
  const eccLength = ECC_PER_BLOCK[level][version - 1]!
  const shortLength = Math.floor(codewords.length / blockCount)
  const shortBlocks = blockCount - (codewords.length % blockCount)
  const dataLengths = Array.from({ length: blockCount }, (_, block) =>
    block < shortBlocks ? shortLength - eccLength : shortLength - eccLength + 1
  )
  const blocks = dataLengths.map(() => ({ data: [] as Array<number>, ecc: [] as Array<number> }))
  let next = 0
  for (let column = 0; column < Math.max(...dataLengths); column++) {
    for (const [block, length] of dataLengths.entries()) {
      if (column < length) blocks[block]!.data.push(codewords[next++]!)
    }
  }
  for (let column = 0; column < eccLength; column++) {
    for (const block of blocks) block.ecc.push(codewords[next++]!)
  }
  for (const [index, block] of blocks.entries()) {
    const expected = reedSolomonRemainder(block.data, eccLength)
    if (expected.some((byte, position) => byte !== block.ecc[position])) {
      throw new Error(`Block ${index} fails its Reed-Solomon check.`)
    }
  }

  const stream = blocks.flatMap((block) => block.data)
  let position = 0
  const read = (count: number): number => {
    let value = 0
    for (let index = 0; index < count; index++, position++) {
      value = (value << 1) | ((stream[position >>> 3]! >>> (7 - (position & 7))) & 1)
    }
    return value
  }
  const bytes: Array<number> = []
  let text = ""
  const flushBytes = () => {
    text += new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes))
    bytes.length = 0
  }
  while (position + 4 <= stream.length * 8) {
    const mode = read(4)
    if (mode === 0) break
    if (mode === 0b0100) {
      const count = read(version < 10 ? 8 : 16)
      for (let index = 0; index < count; index++) bytes.push(read(8))
      continue
    }
    flushBytes()
    if (mode === 0b0010) {
      const count = read(version < 10 ? 9 : 11)
      for (let index = 0; index + 1 < count; index += 2) {
        const pair = read(11)
        text += ALPHANUMERIC[Math.floor(pair / 45)]! + ALPHANUMERIC[pair % 45]!
      }
      if (count % 2 === 1) text += ALPHANUMERIC[read(6)]!
    } else if (mode === 0b0001) {
      const count = read(version < 10 ? 10 : 12)
      for (let done = 0; done < count; done += 3) {
        const digits = Math.min(3, count - done)
        text += String(read([0, 4, 7, 10][digits]!)).padStart(digits, "0")
      }
    } else throw new Error(`Segment mode ${mode.toString(2)} is not supported by this test reader.`)
  }
  flushBytes()
  return text
}

/** The text of a QR code PNG (base64 or bytes). */
export const decodeQrPng = (png: Buffer | string): string =>
  decodeModules(sampleModules(typeof png === "string" ? Buffer.from(png, "base64") : png))
