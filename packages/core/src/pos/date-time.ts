/**
 * MiaPos prints most date-times without an offset (`2024-04-04T10:49:54`). They are wall-clock
 * times of the terminal's country, so they are read in Chișinău time unless told otherwise.
 */

/**
 * The zone offset-less MiaPos date-times are read in, unless a client says otherwise.
 *
 * @example
 * parsePosDateTime("2024-01-15T12:00:00", DEFAULT_POS_TIME_ZONE)
 */
export const DEFAULT_POS_TIME_ZONE = "Europe/Chisinau"

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit"
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Minutes east of UTC that `timeZone` shows at `instant`. */
const offsetMinutesAt = (instant: number, timeZone: string): number => {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value)
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

const pad = (value: number): string => String(Math.abs(value)).padStart(2, "0")

interface Reading {
  readonly instant: number
  readonly offsetMinutes: number
}

const readLocal = (text: string, timeZone: string): Reading | undefined => {
  const match = LOCAL.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second = "0", fraction = ""] = match
  const milliseconds = Number(fraction.padEnd(3, "0").slice(0, 3))
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    milliseconds
  )
  // Date.UTC rolls 2024-13-45 over into 2025; a real date survives the round trip.
  const check = new Date(wall)
  if (
    Number.isNaN(wall) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    check.getUTCSeconds() !== Number(second)
  ) {
    return undefined
  }
  // The offset at the wall time read as UTC is right except next to a DST switch; one more
  // look at the corrected instant settles it.
  const offsetMinutes = offsetMinutesAt(wall - offsetMinutesAt(wall, timeZone) * 60_000, timeZone)
  return { instant: wall - offsetMinutes * 60_000, offsetMinutes }
}

/**
 * Reads a MiaPos date-time. With an offset or `Z` it is taken as is; without one it is the wall
 * clock of `timeZone` (Chișinău by default), with daylight saving applied for that date.
 * Returns `undefined` for text that is not an ISO 8601 date-time.
 *
 * @example
 * import { parsePosDateTime } from "@mia-sdk/core"
 *
 * parsePosDateTime("2024-04-04T10:49:54")?.toISOString() // "2024-04-04T07:49:54.000Z" (EEST, +03:00)
 * parsePosDateTime("2024-01-15T10:00:00Z")?.toISOString() // "2024-01-15T10:00:00.000Z"
 */
export const parsePosDateTime = (
  value: string,
  timeZone: string = DEFAULT_POS_TIME_ZONE
): Date | undefined => {
  const text = value.trim()
  if (WITH_OFFSET.test(text)) {
    const instant = Date.parse(text.replace(" ", "T").replace(",", "."))
    return Number.isNaN(instant) ? undefined : new Date(instant)
  }
  const reading = readLocal(text, timeZone)
  return reading === undefined ? undefined : new Date(reading.instant)
}

/**
 * Normalises a MiaPos date-time to ISO 8601 with an explicit offset, so `new Date(text)` reads
 * it the same everywhere. Text that already has an offset, or is not a date-time, is returned
 * unchanged.
 *
 * @example
 * import { withPosOffset } from "@mia-sdk/core"
 *
 * withPosOffset("2024-04-04T10:49:54") // "2024-04-04T10:49:54+03:00"
 * withPosOffset("2024-01-04T10:49:54.5") // "2024-01-04T10:49:54.5+02:00"
 */
export const withPosOffset = (value: string, timeZone: string = DEFAULT_POS_TIME_ZONE): string => {
  const text = value.trim()
  if (WITH_OFFSET.test(text)) return value
  const reading = readLocal(text, timeZone)
  if (reading === undefined) return value
  const offset = reading.offsetMinutes
  const sign = offset < 0 ? "-" : "+"
  const normalized = text.replace(" ", "T").replace(",", ".")
  const withSeconds = /T\d{2}:\d{2}$/.test(normalized) ? `${normalized}:00` : normalized
  return `${withSeconds}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
}

/**
 * Writes an instant the way MiaPos prints it: wall-clock time of `timeZone` without an offset
 * (`2024-04-04T10:49:54`). The inverse of {@link parsePosDateTime}; simulators and tests use it.
 *
 * @example
 * import { formatPosDateTime } from "@mia-sdk/core"
 *
 * formatPosDateTime(Date.parse("2024-04-04T07:49:54Z")) // "2024-04-04T10:49:54"
 */
export const formatPosDateTime = (
  epochMilliseconds: number,
  timeZone: string = DEFAULT_POS_TIME_ZONE
): string => {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMilliseconds))) {
    parts[part.type] = part.value
  }
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`
}
