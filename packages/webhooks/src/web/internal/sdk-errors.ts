import type { MiaCashierErrorCode } from "../../pos/cashier-error.js"
import type { MiaOrderErrorCode } from "../../errors.js"

/** An error's fields, read without trusting its class. */
export type ErrorFields = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is ErrorFields => typeof value === "object" && value !== null

// The client's errors are told apart by `_tag`, as `@mia-sdk/core`'s own guards do, without
// importing its main entry (and Effect with it) into the handlers.
const tagged =
  (tag: string) =>
  (value: unknown): value is ErrorFields =>
    isObject(value) && value._tag === tag

export const isMiaApiError = tagged("MiaApiError")
export const isMiaAuthError = tagged("MiaAuthError")
export const isMiaTransportError = tagged("MiaTransportError")
export const isMiaResponseError = tagged("MiaResponseError")
export const isMiaValidationError = tagged("MiaValidationError")
export const isMiaPosSessionError = tagged("MiaPosSessionError")
export const isMiaPosResultError = tagged("MiaPosResultError")

/** The parts of a `MiaOrderError` / `MiaCashierError` the answers read. */
export interface DomainError<Code extends string> {
  readonly code: Code
  readonly message: string
  readonly field?: string | undefined
}

// By name and code, not `instanceof`: the CommonJS build of this subpath carries its own copy of
// the classes, while a store created from the package's main entry throws the main entry's.
const named =
  <Code extends string>(name: string) =>
  (value: unknown): value is DomainError<Code> =>
    value instanceof Error && value.name === name && typeof (value as { code?: unknown }).code === "string"

export const isOrderError = named<MiaOrderErrorCode>("MiaOrderError")
export const isCashierError = named<MiaCashierErrorCode>("MiaCashierError")
