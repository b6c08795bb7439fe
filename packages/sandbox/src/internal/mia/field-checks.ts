import { invalidParameter, type MiaErrorEntry } from "../error-catalog.js"
import { toMinor } from "../money.js"

/** A parsed JSON object body. */
export type JsonObject = Readonly<Record<string, unknown>>

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `null` and a missing key mean the same to the bank's JSON reader. */
export const isAbsent = (value: unknown): value is null | undefined => value === null || value === undefined

/** Which `http:` callback and redirect URLs the sandbox takes besides `https:` ones. */
export type HttpUrlPolicy = "loopback" | "always" | "never"

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || hostname.endsWith(".localhost")

/**
 * Collects validation failures for one request, so a merchant sees every bad field at once
 * instead of fixing them one round trip at a time.
 */
export class FieldChecks {
  readonly errors: Array<MiaErrorEntry> = []

  constructor(
    private readonly body: JsonObject,
    private readonly prefix = ""
  ) {}

  /** The raw value of a field of this body. */
  value(field: string): unknown {
    return this.body[field]
  }

  fail(entry: MiaErrorEntry): undefined {
    this.errors.push(entry)
    return undefined
  }

  invalid(field: string): undefined {
    return this.fail(invalidParameter(`${this.prefix}${field}`))
  }

  /** A string field of at most `max` characters; `required` also rejects blank text. */
  text(field: string, max: number, required: boolean): string | undefined {
    const value = this.body[field]
    if (isAbsent(value)) return required ? this.invalid(field) : undefined
    if (typeof value !== "string" || value.length > max || (required && value.trim() === "")) {
      return this.invalid(field)
    }
    return value
  }

  /** An absolute `https:` URL of at most 1000 characters, `http:` as `policy` allows. */
  url(field: string, policy: HttpUrlPolicy): string | undefined {
    const value = this.text(field, 1000, false)
    if (value === undefined) return undefined
    let parsed: URL
    try {
      parsed = new URL(value)
    } catch {
      return this.invalid(field)
    }
    if (parsed.protocol === "https:") return value
    if (
      parsed.protocol === "http:" &&
      (policy === "always" || (policy === "loopback" && isLoopbackHost(parsed.hostname)))
    ) {
      return value
    }
    return this.invalid(field)
  }

  /** An amount in lei -> bani; `undefined` (with an error) if it is not > 0, <= 100000, 2 decimals. */
  money(field: string): number | undefined {
    const minor = toMinor(this.body[field])
    return minor === undefined ? this.invalid(field) : minor
  }

  /** One of `values`, matched case-insensitively as the bank's JSON enum reader does. */
  oneOf<A extends string>(field: string, values: ReadonlyArray<A>): A | undefined {
    const value = this.body[field]
    if (typeof value !== "string") return undefined
    return values.find((candidate) => candidate.toLowerCase() === value.toLowerCase())
  }

  /** Field names that carry a value, for "this field is not allowed here" checks. */
  present(fields: ReadonlyArray<string>): Array<string> {
    return fields.filter((field) => !isAbsent(this.body[field]))
  }
}

/** Validation errors (12xxx, HTTP 400) before business-rule errors (14xxx, HTTP 409). */
export const orderErrors = (errors: ReadonlyArray<MiaErrorEntry>): Array<MiaErrorEntry> =>
  [...errors].sort((a, b) => Number(a.code.startsWith("14")) - Number(b.code.startsWith("14")))
