import * as Effect from "effect/Effect"
import { MiaValidationError } from "../errors/mia-validation-error.js"
import { parseAmount } from "../money.js"

/**
 * One broken rule. `field` is a path such as `extension.amount`; `rule` a stable snake_case name.
 *
 * @example
 * const issue: Issue = { field: "amount", rule: "max_2_decimals", message: "amount must have at most 2 decimals" }
 */
export interface Issue {
  readonly field: string
  readonly rule: string
  readonly message: string
}

const issue = (field: string, rule: string, message: string): Issue => ({ field, rule, message })

const show = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value)
  return typeof value
}

/**
 * An amount in lei, by core's one amount rule ({@link parseAmount}): a finite number > 0 (>= 0
 * with `allowZero`), <= 100000, with at most 2 decimals, read exactly. `undefined` passes unless
 * `required`. The rule names are parseAmount's, except `type`, which this client has always
 * reported as `type_number`.
 *
 * @example
 * checkAmount("amount", 10.001, { required: true }) // { field: "amount", rule: "max_2_decimals", ... }
 */
export const checkAmount = (
  field: string,
  value: unknown,
  options: { readonly required?: boolean; readonly allowZero?: boolean } = {}
): Issue | undefined => {
  if ((value === undefined || value === null) && !options.required) return undefined
  const parsed = parseAmount(value, { field, from: ["number"], allowZero: options.allowZero })
  if (parsed.ok) return undefined
  return issue(field, parsed.rule === "type" ? "type_number" : parsed.rule, parsed.message)
}

/**
 * A string of at most `max` characters; `required` also rejects blank strings.
 *
 * @example
 * checkString("description", "", { required: true, max: 500 }) // { rule: "required", ... }
 */
export const checkString = (
  field: string,
  value: unknown,
  options: { readonly required?: boolean; readonly max: number }
): Issue | undefined => {
  if (value === undefined || value === null) {
    return options.required ? issue(field, "required", `${field} is required.`) : undefined
  }
  if (typeof value !== "string")
    return issue(field, "type_string", `${field} must be a string, got ${show(value)}.`)
  if (options.required && value.trim() === "") {
    return issue(field, "required", `${field} is required and must not be blank.`)
  }
  if (value.length > options.max) {
    return issue(
      field,
      "max_length",
      `${field} must be at most ${options.max} characters, got ${value.length}.`
    )
  }
  return undefined
}

// Path separators, whitespace, and lone surrogates (encodeURIComponent throws on those).
const NOT_IN_ID = /[/?#\s]|\p{Cs}/u

/**
 * A path parameter (QR or payment id): a non-blank string without `/`, `?` or `#`.
 *
 * @example
 * checkId("qrId", "") // { rule: "required", ... }
 */
export const checkId = (field: string, value: unknown): Issue | undefined => {
  const problem = checkString(field, value, { required: true, max: 100 })
  if (problem) return problem
  if (NOT_IN_ID.test(value as string)) {
    return issue(field, "format", `${field} must be an id such as a GUID, got ${show(value)}.`)
  }
  return undefined
}

/** Hosts that only a local simulator (the sandbox) can call back: plain http is fine there. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

/** A host on this machine: the only place plain http may go (a local sandbox or test bank). */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname.toLowerCase())

/**
 * An absolute HTTPS URL of at most `max` characters. Plain `http://` is accepted for loopback
 * hosts only, because the real bank can't reach them and the sandbox calls them over http.
 *
 * @example
 * checkHttpsUrl("callbackUrl", "http://shop.md/cb", { max: 1000 }) // { rule: "https", ... }
 * checkHttpsUrl("callbackUrl", "http://127.0.0.1:3000/cb", { max: 1000 }) // undefined
 */
export const checkHttpsUrl = (
  field: string,
  value: unknown,
  options: { readonly required?: boolean; readonly max: number }
): Issue | undefined => {
  const problem = checkString(field, value, options)
  if (problem || value === undefined || value === null) return problem
  let url: URL
  try {
    url = new URL(value as string)
  } catch {
    return issue(
      field,
      "url",
      `${field} must be an absolute URL such as https://shop.md/mia/callback, got ${show(value)}.`
    )
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return issue(
      field,
      "https",
      `${field} must use https:// (maib only calls and redirects to HTTPS; http is accepted for localhost only), got ${show(value)}.`
    )
  }
  return undefined
}

/**
 * An integer within [min, max]. `undefined` passes.
 *
 * @example
 * checkInteger("count", 0, { min: 1, max: 1000 }) // { rule: "min", ... }
 */
export const checkInteger = (
  field: string,
  value: unknown,
  options: { readonly min: number; readonly max: number }
): Issue | undefined => {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return issue(field, "type_integer", `${field} must be an integer, got ${show(value)}.`)
  }
  if (value < options.min) return issue(field, "min", `${field} must be >= ${options.min}, got ${value}.`)
  if (value > options.max) return issue(field, "max", `${field} must be <= ${options.max}, got ${value}.`)
  return undefined
}

/**
 * Matches `value` case-insensitively against `allowed` and returns the canonical spelling, or an issue.
 *
 * @example
 * normalizeEnum("type", "dynamic", ["Static", "Dynamic"]) // "Dynamic"
 */
export const normalizeEnum = <const A extends string>(
  field: string,
  value: unknown,
  allowed: ReadonlyArray<A>
): A | Issue => {
  if (typeof value === "string") {
    const lower = value.toLowerCase()
    for (const candidate of allowed) if (candidate.toLowerCase() === lower) return candidate
  }
  return issue(field, "one_of", `${field} must be one of ${allowed.join(", ")}, got ${show(value)}.`)
}

/**
 * A date-time given as a `Date` or an ISO 8601 string, normalised to the string sent on the wire
 * (strings are kept as written, so an offset like `+03:00` survives). Optionally bounded relative
 * to `nowMs`.
 *
 * @example
 * normalizeDateTime("expiresAt", new Date(0)) // "1970-01-01T00:00:00.000Z"
 */
export const normalizeDateTime = (
  field: string,
  value: unknown,
  bounds?: {
    readonly nowMs: number
    readonly minAheadMs: number
    readonly maxAheadMs: number
    readonly hint: string
  }
): string | Issue => {
  let ms: number
  let wire: string
  if (value instanceof Date) {
    ms = value.getTime()
    if (Number.isNaN(ms)) return issue(field, "date_time", `${field} is an invalid Date.`)
    wire = value.toISOString()
  } else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value.trim())) {
    ms = Date.parse(value.trim())
    if (Number.isNaN(ms))
      return issue(field, "date_time", `${field} must be an ISO 8601 date-time, got ${show(value)}.`)
    wire = value.trim()
  } else {
    return issue(
      field,
      "date_time",
      `${field} must be a Date or an ISO 8601 date-time such as 2029-10-22T10:32:28+03:00, got ${show(value)}.`
    )
  }
  if (bounds) {
    const ahead = ms - bounds.nowMs
    if (ahead < bounds.minAheadMs || ahead > bounds.maxAheadMs) {
      return issue(field, "date_range", `${field} ${bounds.hint}, got ${wire}.`)
    }
  }
  return wire
}

/**
 * Tells a normalised value from an issue.
 *
 * @example
 * const type = normalizeEnum("type", input.type, ["Static", "Dynamic"])
 * if (isIssue(type)) return type
 */
export const isIssue = (value: unknown): value is Issue =>
  typeof value === "object" && value !== null && "rule" in value && "field" in value && "message" in value

/**
 * Checks that `value` is a plain object (the body or filter argument of an operation).
 *
 * @example
 * checkObject("input", undefined) // { rule: "required", ... }
 */
export const checkObject = (field: string, value: unknown): Issue | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? undefined
    : issue(field, "required", `${field} must be an object, got ${show(value)}.`)

/**
 * The typed error for a broken rule of `operation`.
 *
 * @example
 * Promise.reject(validationError("getQr", checkId("qrId", "")!))
 */
export const validationError = (operation: string, problem: Issue): MiaValidationError =>
  new MiaValidationError({
    operation,
    field: problem.field,
    rule: problem.rule,
    message: `${operation}: ${problem.message}`
  })

/**
 * Turns an issue into the typed failure, or passes a prepared value through.
 *
 * @example
 * const body = yield* orFail("createQr", prepareCreateQr(input, now))
 */
export const orFail = <A>(
  operation: string,
  result: A | Issue
): Effect.Effect<Exclude<A, Issue>, MiaValidationError> =>
  isIssue(result)
    ? Effect.fail(validationError(operation, result))
    : Effect.succeed(result as Exclude<A, Issue>)

/**
 * Runs `next` with a prepared value, or fails with the typed error for an issue, without an
 * extra Effect step on the hot path.
 *
 * @example
 * return withValid("getQr", checkId("qrId", qrId) ?? qrId, (id) => send(id))
 */
export const withValid = <A, B, E, R>(
  operation: string,
  result: A | Issue,
  next: (value: Exclude<A, Issue>) => Effect.Effect<B, E, R>
): Effect.Effect<B, E | MiaValidationError, R> =>
  isIssue(result) ? orFail(operation, result) : next(result as Exclude<A, Issue>)

export { issue }
