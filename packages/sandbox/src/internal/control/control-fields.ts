import type { MiaErrorEntry } from "../error-catalog.js"
import type { JsonObject } from "../mia/field-checks.js"

/**
 * `12000 Parameter X is invalid`, plus `errorArgs.expected`: the control endpoints are typed by
 * people in a terminal, so the answer says what would have worked.
 */
export const badParameter = (parameter: string, expected: string): MiaErrorEntry => ({
  code: "12000",
  args: { parameter, expected }
})

/** The first field that is not one of `allowed`: a typo (`time` for `times`) must not pass silently. */
export const unknownField = (
  fields: Iterable<string>,
  allowed: ReadonlyArray<string>,
  prefix = ""
): MiaErrorEntry | undefined => {
  for (const field of fields) {
    if (!allowed.includes(field)) {
      return badParameter(`${prefix}${field}`, `not a field here; use ${allowed.join(", ")}`)
    }
  }
  return undefined
}

/** A whole number in `[min, max]`, or `undefined`. */
export const wholeNumberIn = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined

/** A number in `[0, 1]` (a probability), or `undefined`. */
export const probability = (value: unknown): number | undefined =>
  typeof value === "number" && value >= 0 && value <= 1 ? value : undefined

export type { JsonObject }
