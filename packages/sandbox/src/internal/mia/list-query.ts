import { invalidParameter, type MiaErrorEntry } from "../error-catalog.js"
import { parseGuid } from "../ids.js"
import { parseDecimalParameter } from "../money.js"
import { parseDateTime } from "../time.js"

/** Page size when a list call leaves out `count` (documented as required, optional in practice). */
export const DEFAULT_PAGE_SIZE = 20

type Comparable = string | number | undefined

/**
 * Reads a list call's query string: typed filters, sorting and paging. Every bad parameter is
 * reported, with the bank's codes (12000 for a parameter, 12003 for sorting).
 */
export class ListQuery {
  readonly errors: Array<MiaErrorEntry> = []

  constructor(private readonly params: URLSearchParams) {}

  private raw(name: string): string | undefined {
    const value = this.params.get(name)
    return value === null || value === "" ? undefined : value
  }

  text(name: string, max: number): string | undefined {
    const value = this.raw(name)
    if (value !== undefined && value.length > max) this.errors.push(invalidParameter(name))
    return value
  }

  guid(name: string): string | undefined {
    const value = this.raw(name)
    if (value === undefined) return undefined
    const guid = parseGuid(value)
    if (guid === undefined) this.errors.push(invalidParameter(name))
    return guid
  }

  /** An amount bound in lei -> bani. */
  amount(name: string): number | undefined {
    const value = this.raw(name)
    if (value === undefined) return undefined
    const minor = parseDecimalParameter(value)
    if (minor === undefined) this.errors.push(invalidParameter(name))
    return minor
  }

  instant(name: string): number | undefined {
    const value = this.raw(name)
    if (value === undefined) return undefined
    const ms = parseDateTime(value)
    if (ms === undefined) this.errors.push(invalidParameter(name))
    return ms
  }

  /** A case-insensitive enum filter; `invalid` is the error for a value outside `values`. */
  oneOf<A extends string>(name: string, values: ReadonlyArray<A>, invalid: MiaErrorEntry): A | undefined {
    const value = this.raw(name)
    if (value === undefined) return undefined
    const match = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase())
    if (match === undefined) this.errors.push(invalid)
    return match
  }

  private integer(name: string, fallback: number, minimum: number): number {
    const value = this.raw(name)
    if (value === undefined) return fallback
    if (!/^\d{1,9}$/.test(value) || Number(value) < minimum) {
      this.errors.push(invalidParameter(name))
      return fallback
    }
    return Number(value)
  }

  /** `count` and `offset`, defaulting to the first page of `pageSize` items. */
  paging(pageSize = DEFAULT_PAGE_SIZE): { readonly count: number; readonly offset: number } {
    return { count: this.integer("count", pageSize, 1), offset: this.integer("offset", 0, 0) }
  }

  /**
   * `sortBy` (one of `fields`, default `fallback`) and `order` (`asc` default, `desc`); `invalid`
   * (12003 unless told) otherwise.
   */
  sorting<A extends string>(
    fields: ReadonlyArray<A>,
    fallback: A,
    invalid: MiaErrorEntry = { code: "12003" }
  ): { readonly field: A; readonly descending: boolean } {
    const sortBy = this.raw("sortBy")
    const order = this.raw("order")
    const field =
      sortBy === undefined ? fallback : fields.find((name) => name.toLowerCase() === sortBy.toLowerCase())
    const orderValid = order === undefined || ["asc", "desc"].includes(order.toLowerCase())
    if (field === undefined || !orderValid) {
      this.errors.push(invalid)
      return { field: fallback, descending: false }
    }
    return { field, descending: order?.toLowerCase() === "desc" }
  }
}

const compareValues = (a: Comparable, b: Comparable): number => {
  // Missing values first when ascending, as SQL Server orders NULLs.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Sorts, counts and pages. Ties keep creation order, so pages never overlap or skip an item.
 */
export const pageOf = <A extends { readonly sequence: number }>(
  items: ReadonlyArray<A>,
  key: (item: A) => Comparable,
  sorting: { readonly descending: boolean },
  paging: { readonly count: number; readonly offset: number }
): { readonly totalCount: number; readonly items: ReadonlyArray<A> } => {
  const direction = sorting.descending ? -1 : 1
  const sorted = [...items].sort(
    (a, b) => direction * compareValues(key(a), key(b)) || a.sequence - b.sequence
  )
  return { totalCount: sorted.length, items: sorted.slice(paging.offset, paging.offset + paging.count) }
}

/** Inclusive range check that lets an unset bound pass. */
export const within = (
  value: number | undefined,
  from: number | undefined,
  to: number | undefined
): boolean => {
  if (from === undefined && to === undefined) return true
  if (value === undefined) return false
  return (from === undefined || value >= from) && (to === undefined || value <= to)
}

/** Case-insensitive "contains", for free-text filters such as `description`. */
export const containsText = (value: string | undefined, filter: string | undefined): boolean =>
  filter === undefined || (value ?? "").toLowerCase().includes(filter.toLowerCase())

/** Exact match that lets an unset filter pass. */
export const matches = (value: string | undefined, filter: string | undefined): boolean =>
  filter === undefined || value === filter
