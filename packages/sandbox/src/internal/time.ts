/** Date-time handling for the wire: parse what merchants send, format what the bank sends. */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/i

/**
 * Parses an ISO 8601 date-time as the API accepts it (with or without an offset). A value
 * without an offset is read as UTC, so the sandbox behaves the same on every machine's time zone.
 */
export const parseDateTime = (value: unknown): number | undefined => {
  if (typeof value !== "string" || !ISO_DATE_TIME.test(value)) return undefined
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(value)
  const parsed = Date.parse(hasOffset ? value : `${value}Z`)
  return Number.isNaN(parsed) ? undefined : parsed
}

/**
 * Formats an instant the way the bank's .NET back end writes it: seven fractional
 * digits and an explicit offset, e.g. `2024-11-29T10:56:52.1380000+00:00`.
 */
export const formatDateTime = (epochMilliseconds: number): string =>
  `${new Date(epochMilliseconds).toISOString().slice(0, 23)}0000+00:00`

export const MINUTE = 60_000
export const DAY = 24 * 60 * MINUTE
