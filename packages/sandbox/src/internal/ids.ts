/** Identifiers the bank hands out. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A new lower-case, hyphenated GUID, the form of every id in the API. */
export const newGuid = (): string => crypto.randomUUID()

/** Normalises a GUID from a path or a body to lower case; `undefined` if it is not one. */
export const parseGuid = (value: unknown): string | undefined =>
  typeof value === "string" && GUID.test(value) ? value.toLowerCase() : undefined

/**
 * The MIA link shape seen on real maib QR codes: `https://mia-qr.bnm.md/1/m/BNM/AGR<32 hex>`
 *. The hex is the qrId's, so a simulated phone can map a scanned link back to its QR.
 */
export const qrUrlFor = (qrId: string): string =>
  `https://mia-qr.bnm.md/1/m/BNM/AGR${qrId.replaceAll("-", "").toUpperCase()}`

/** The qrId behind a link made by {@link qrUrlFor}, or `undefined`. */
export const qrIdFromUrl = (url: string): string | undefined => {
  const match = /\/AGR([0-9a-f]{32})$/i.exec(url.trim())
  if (!match?.[1]) return undefined
  const hex = match[1].toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** An RRN-like reference (at most 15 characters), unique within one sandbox. */
export const referenceIdFor = (sequence: number): string => `MIA${String(sequence).padStart(10, "0")}`
