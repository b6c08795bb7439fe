import {
  checkAmount,
  checkInteger,
  checkObject,
  checkString,
  type Issue,
  isIssue,
  issue,
  normalizeDateTime,
  normalizeEnum
} from "../../internal/validation.js"
import type { MiaListExtensionsFilter, MiaListPaymentsFilter, MiaListQrsFilter } from "../inputs.js"
import { LIMITS } from "./limits.js"

/** Page size sent when the caller gives none (the API documents `count` as required). */
export const DEFAULT_PAGE_SIZE = 20

/** A list's query string, as sent. */
export type Query = Record<string, string>

/** How one filter field is checked and written into the query string. */
export type Field =
  | { readonly kind: "string"; readonly max: number }
  | { readonly kind: "enum"; readonly values: ReadonlyArray<string> }
  | { readonly kind: "amount" }
  | { readonly kind: "date" }

const range = (query: Query, from: string, to: string, kind: "amount" | "date"): Issue | undefined => {
  const low = query[from]
  const high = query[to]
  if (low === undefined || high === undefined) return undefined
  const lowValue = kind === "amount" ? Number(low) : Date.parse(low)
  const highValue = kind === "amount" ? Number(high) : Date.parse(high)
  return lowValue > highValue
    ? issue(from, "range_order", `${from} (${low}) must not be after ${to} (${high}).`)
    : undefined
}

/**
 * The query string of a MIA `count`/`offset` list (QR, payments, RTP): `count` and `offset`
 * always sent, `sortBy`/`order` and enum fields in their documented spelling, dates as ISO 8601,
 * and `from`/`to` ranges in order.
 */
export const buildQuery = (
  filter: Record<string, unknown> | undefined,
  fields: Readonly<Record<string, Field>>,
  sortBy: ReadonlyArray<string>,
  ranges: ReadonlyArray<readonly [string, string, "amount" | "date"]>
): Query | Issue => {
  const input = filter ?? {}
  const shape = checkObject("filter", input)
  if (shape) return shape
  const paging =
    checkInteger("count", input.count, { min: 1, max: LIMITS.pageSize }) ??
    checkInteger("offset", input.offset, { min: 0, max: Number.MAX_SAFE_INTEGER })
  if (paging) return paging
  const query: Query = {
    count: String(input.count ?? DEFAULT_PAGE_SIZE),
    offset: String(input.offset ?? 0)
  }
  if (input.sortBy !== undefined) {
    const value = normalizeEnum("sortBy", input.sortBy, sortBy)
    if (isIssue(value)) return value
    query.sortBy = value
  }
  if (input.order !== undefined) {
    const value = normalizeEnum("order", input.order, ["asc", "desc"])
    if (isIssue(value)) return value
    query.order = value
  }
  for (const name in fields) {
    const value = input[name]
    if (value === undefined || value === null) continue
    const field = fields[name]!
    switch (field.kind) {
      case "string": {
        const problem = checkString(name, value, { max: field.max })
        if (problem) return problem
        query[name] = value as string
        break
      }
      case "enum": {
        const normalized = normalizeEnum(name, value, field.values)
        if (isIssue(normalized)) return normalized
        query[name] = normalized
        break
      }
      case "amount": {
        const problem = checkAmount(name, value, { allowZero: true })
        if (problem) return problem
        query[name] = String(value)
        break
      }
      case "date": {
        const normalized = normalizeDateTime(name, value)
        if (isIssue(normalized)) return normalized
        query[name] = normalized
        break
      }
    }
  }
  for (const [from, to, kind] of ranges) {
    const problem = range(query, from, to, kind)
    if (problem) return problem
  }
  return query
}

const id: Field = { kind: "string", max: 100 }

const QR_FIELDS: Readonly<Record<string, Field>> = {
  qrId: id,
  extensionId: id,
  orderId: { kind: "string", max: LIMITS.orderId },
  type: { kind: "enum", values: ["Static", "Dynamic", "Hybrid"] },
  amountType: { kind: "enum", values: ["Fixed", "Controlled", "Free"] },
  amountFrom: { kind: "amount" },
  amountTo: { kind: "amount" },
  description: { kind: "string", max: LIMITS.description },
  status: { kind: "enum", values: ["Active", "Inactive", "Expired", "Paid", "Cancelled"] },
  createdAtFrom: { kind: "date" },
  createdAtTo: { kind: "date" },
  expiresAtFrom: { kind: "date" },
  expiresAtTo: { kind: "date" },
  terminalId: { kind: "string", max: LIMITS.terminalId }
}

const EXTENSION_FIELDS: Readonly<Record<string, Field>> = {
  qrId: id,
  extensionId: id,
  orderId: { kind: "string", max: LIMITS.orderId },
  status: { kind: "enum", values: ["Active", "Inactive", "Expired", "Paid", "Cancelled"] },
  createdAtFrom: { kind: "date" },
  createdAtTo: { kind: "date" },
  expiresAtFrom: { kind: "date" },
  expiresAtTo: { kind: "date" }
}

const PAYMENT_FIELDS: Readonly<Record<string, Field>> = {
  payId: id,
  referenceId: { kind: "string", max: LIMITS.referenceId },
  qrId: id,
  extensionId: id,
  orderId: { kind: "string", max: LIMITS.orderId },
  amountFrom: { kind: "amount" },
  amountTo: { kind: "amount" },
  description: { kind: "string", max: LIMITS.description },
  payerName: { kind: "string", max: LIMITS.payerName },
  payerIban: { kind: "string", max: LIMITS.payerIban },
  status: { kind: "enum", values: ["Executed", "Refunded"] },
  executedAtFrom: { kind: "date" },
  executedAtTo: { kind: "date" },
  terminalId: { kind: "string", max: LIMITS.terminalId }
}

/**
 * Query string of `listQrs`: `count` and `offset` always sent, enums in their
 * documented spelling, dates as ISO 8601, ranges checked.
 *
 * @example
 * prepareListQrs({ status: "active" }) // { count: "20", offset: "0", status: "Active" }
 */
export const prepareListQrs = (filter: MiaListQrsFilter | undefined): Query | Issue =>
  buildQuery(
    filter as Record<string, unknown> | undefined,
    QR_FIELDS,
    ["orderId", "type", "amountType", "status", "createdAt", "expiresAt"],
    [
      ["amountFrom", "amountTo", "amount"],
      ["createdAtFrom", "createdAtTo", "date"],
      ["expiresAtFrom", "expiresAtTo", "date"]
    ]
  )

/**
 * Query string of `listPayments`.
 *
 * @example
 * prepareListPayments({ qrId: "q", count: 1 }) // { count: "1", offset: "0", qrId: "q" }
 */
export const prepareListPayments = (filter: MiaListPaymentsFilter | undefined): Query | Issue =>
  buildQuery(
    filter as Record<string, unknown> | undefined,
    PAYMENT_FIELDS,
    ["orderId", "amount", "status", "executedAt"],
    [
      ["amountFrom", "amountTo", "amount"],
      ["executedAtFrom", "executedAtTo", "date"]
    ]
  )

/**
 * Query string of `listExtensions` (unconfirmed endpoint; the same pattern as the QR list).
 *
 * @example
 * prepareListExtensions({ qrId: "q" }) // { count: "20", offset: "0", qrId: "q" }
 */
export const prepareListExtensions = (filter: MiaListExtensionsFilter | undefined): Query | Issue =>
  buildQuery(
    filter as Record<string, unknown> | undefined,
    EXTENSION_FIELDS,
    ["orderId", "status", "createdAt", "expiresAt"],
    [
      ["createdAtFrom", "createdAtTo", "date"],
      ["expiresAtFrom", "expiresAtTo", "date"]
    ]
  )
