import { MIA_MAX_AMOUNT } from "@mia-sdk/core"
import { toMinor } from "../../internal/money.js"
import { badRequest } from "./responses.js"

/** A parsed JSON body known to be an object. */
export type JsonObject = Readonly<Record<string, unknown>>

const describe = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  if (typeof value === "string") return "a string"
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`
}

/** The request body as an object; anything else is a 400 that says what was expected. */
export const objectBody = (body: unknown, what: string): JsonObject => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(`The body must be a JSON object ${what}, got ${describe(body)}.`)
  }
  return body as JsonObject
}

export const requiredString = (body: JsonObject, field: string): string => {
  const value = body[field]
  if (typeof value !== "string" || value.trim().length === 0) {
    throw badRequest(`Field "${field}" is required and must be a non-empty string, got ${describe(value)}.`)
  }
  return value
}

export const optionalString = (body: JsonObject, field: string): string | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string")
    throw badRequest(`Field "${field}" must be a string, got ${describe(value)}.`)
  return value
}

export const requiredBoolean = (body: JsonObject, field: string): boolean => {
  const value = body[field]
  if (typeof value !== "boolean") {
    throw badRequest(`Field "${field}" is required and must be true or false, got ${describe(value)}.`)
  }
  return value
}

export const optionalBoolean = (body: JsonObject, field: string): boolean | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== "boolean")
    throw badRequest(`Field "${field}" must be true or false, got ${describe(value)}.`)
  return value
}

/** A positive safe integer (int64 ids such as `txId`). */
export const requiredId = (body: JsonObject, field: string): number => {
  const value = body[field]
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw badRequest(`Field "${field}" is required and must be a positive integer, got ${describe(value)}.`)
  }
  return value
}

const AMOUNT_RULE = `a number greater than 0 and at most ${MIA_MAX_AMOUNT} with at most 2 decimals`

/** An amount in lei, returned as integer minor units. */
export const optionalAmount = (body: JsonObject, field: string): number | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  const minor = toMinor(value)
  if (minor === undefined)
    throw badRequest(`Field "${field}" must be ${AMOUNT_RULE}, got ${describe(value)}.`)
  return minor
}

export const requiredAmount = (body: JsonObject, field: string, why: string): number => {
  const minor = optionalAmount(body, field)
  if (minor === undefined) throw badRequest(`Field "${field}" is required ${why}; it must be ${AMOUNT_RULE}.`)
  return minor
}

/** A value of a closed enum, matched case-insensitively and returned in the API's spelling. */
export const requiredEnum = <T extends string>(
  body: JsonObject,
  field: string,
  values: ReadonlyArray<T>
): T => {
  const found = optionalEnum(body, field, values)
  if (found === undefined) throw badRequest(`Field "${field}" is required: one of ${values.join(", ")}.`)
  return found
}

export const optionalEnum = <T extends string>(
  body: JsonObject,
  field: string,
  values: ReadonlyArray<T>
): T | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  const found = typeof value === "string" ? values.find((item) => item === value.toLowerCase()) : undefined
  if (found === undefined) {
    throw badRequest(`Field "${field}" must be one of ${values.join(", ")}, got ${describe(value)}.`)
  }
  return found
}

/** A boolean query parameter (`true`/`false`, any case). */
export const queryBoolean = (query: URLSearchParams, name: string, fallback: boolean): boolean => {
  const value = query.get(name)
  if (value === null || value === "") return fallback
  const lower = value.toLowerCase()
  if (lower === "true") return true
  if (lower === "false") return false
  throw badRequest(`Query parameter "${name}" must be true or false, got "${value.slice(0, 40)}".`)
}

export const queryEnum = <T extends string>(
  query: URLSearchParams,
  name: string,
  values: ReadonlyArray<T>
): T | undefined => {
  const value = query.get(name)
  if (value === null || value === "") return undefined
  const found = values.find((item) => item === value.toLowerCase())
  if (found === undefined) {
    throw badRequest(
      `Query parameter "${name}" must be one of ${values.join(", ")}, got "${value.slice(0, 40)}".`
    )
  }
  return found
}

/** A positive integer query parameter such as the `txId` paging cursor. */
export const queryId = (query: URLSearchParams, name: string): number | undefined => {
  const value = query.get(name)
  if (value === null || value === "") return undefined
  const id = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(id) || id < 1) {
    throw badRequest(`Query parameter "${name}" must be a positive integer, got "${value.slice(0, 40)}".`)
  }
  return id
}

/** A path id that must be a positive integer; anything else cannot name a transaction. */
export const pathId = (value: string): number | undefined => {
  if (!/^\d{1,15}$/.test(value)) return undefined
  const id = Number(value)
  return id >= 1 ? id : undefined
}
