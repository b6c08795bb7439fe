import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"

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

interface Reading {
  readonly instant: number
  /** Minutes east of UTC that make the text name `instant`. */
  readonly offsetMinutes: number
}

const readLocal = (text: string, timeZone: string): Reading | undefined => {
  const match = LOCAL.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second = "0", fraction = ""] = match
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.padEnd(3, "0").slice(0, 3))
  }
  // The wall clock read as UTC. Parts roll over (month 13 becomes next January): a real date
  // survives the round trip, anything else is not a date-time.
  const wall = DateTime.makeUnsafe(parts)
  const back = DateTime.toPartsUtc(wall)
  if (
    back.year !== parts.year ||
    back.month !== parts.month ||
    back.day !== parts.day ||
    back.hour !== parts.hour ||
    back.minute !== parts.minute ||
    back.second !== parts.second
  ) {
    return undefined
  }
  // "later": a repeated autumn hour is the second pass (standard time), and a skipped spring
  // hour is read with the offset in force before the switch.
  const zoned = DateTime.makeZonedUnsafe(wall, { timeZone, adjustForTimeZone: true, disambiguation: "later" })
  const instant = DateTime.toEpochMillis(zoned)
  return { instant, offsetMinutes: Math.round((DateTime.toEpochMillis(wall) - instant) / 60_000) }
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, "0")

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
    return Option.getOrUndefined(
      Option.map(DateTime.make(text.replace(" ", "T").replace(",", ".")), DateTime.toDate)
    )
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
  const parts = DateTime.toParts(DateTime.makeZonedUnsafe(epochMilliseconds, { timeZone }))
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`
}
