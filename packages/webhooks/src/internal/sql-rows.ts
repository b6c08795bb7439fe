import { ORDER_STATUSES, type OrderStatus, type OrderTransition, type TransitionCode } from "../order.js"

type Row = Readonly<Record<string, unknown>>

const asRow = (value: unknown): Row => (typeof value === "object" && value !== null ? (value as Row) : {})

/** Reads rows as plain records, whatever class the driver used. */
export const rowsOf = (result: { readonly rows: ReadonlyArray<unknown> }): ReadonlyArray<Row> =>
  result.rows.map(asRow)

export const text = (row: Row, column: string): string => {
  const value = row[column]
  if (typeof value === "string") return value
  throw new TypeError(`Column ${column} is not text (got ${typeof value})`)
}

export const optionalText = (row: Row, column: string): string | undefined => {
  const value = row[column]
  return value === null || value === undefined ? undefined : String(value)
}

/** `integer` columns arrive as numbers; `bigint`/`bigserial` as strings from pg. Both are read. */
export const integer = (row: Row, column: string): number => {
  const value = Number(row[column])
  if (Number.isSafeInteger(value)) return value
  throw new TypeError(`Column ${column} is not an integer`)
}

/** `timestamptz` arrives as a `Date` from both pg and PGlite; text is accepted too. */
export const timestamp = (row: Row, column: string): string => {
  const value = row[column]
  const date = value instanceof Date ? value : new Date(String(value))
  if (Number.isNaN(date.getTime())) throw new TypeError(`Column ${column} is not a timestamp`)
  return date.toISOString()
}

export const optionalTimestamp = (row: Row, column: string): string | undefined =>
  row[column] === null || row[column] === undefined ? undefined : timestamp(row, column)

/** `jsonb` is parsed by both drivers; a string is parsed here in case a driver left it as text. */
export const json = (row: Row, column: string): unknown => {
  const value = row[column]
  if (typeof value !== "string") return value ?? undefined
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

export const status = (row: Row, column: string): OrderStatus => {
  const value = text(row, column)
  const known = ORDER_STATUSES.find((candidate) => candidate === value)
  if (known === undefined) throw new TypeError(`Column ${column} holds an unknown status ${value}`)
  return known
}

export const transitionFromRow = (row: Row): OrderTransition => {
  const payload = json(row, "payload")
  const from = row.from_status === null || row.from_status === undefined ? null : status(row, "from_status")
  return {
    at: timestamp(row, "at"),
    from,
    to: status(row, "to_status"),
    code: text(row, "code") as TransitionCode,
    reason: text(row, "reason"),
    actor: text(row, "actor"),
    ...(payload === undefined || payload === null ? {} : { payload })
  }
}
