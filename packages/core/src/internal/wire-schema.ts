import * as Schema from "effect/Schema"
import * as SchemaGetter from "effect/SchemaGetter"
import type { OpenEnum } from "./open-enum.js"

/**
 * Building blocks of the bank's wire schemas. The banks' answers are loose in the same ways, so
 * each rule is written once here: numbers may arrive as numeric strings, enum values in any
 * case (and new values must not break old SDKs), and absent fields as `null` (handled by decoding
 * through `Schema.toCodecGoJson`, see `wireDecoder`).
 */

/** A finite number, or a numeric string such as `"619.50"`. */
export const WireNumber = Schema.Union([Schema.Finite, Schema.FiniteFromString]).pipe(
  Schema.decodeTo(Schema.Finite, { decode: SchemaGetter.passthrough(), encode: SchemaGetter.passthrough() })
)

/**
 * An open enum: known values are matched case-insensitively and returned in their documented
 * spelling; unknown values pass through unchanged (the bank adds statuses without notice).
 */
export const openEnum = <const A extends string>(known: ReadonlyArray<A>) => {
  const byLower = new Map(known.map((value) => [value.toLowerCase(), value] as const))
  return Schema.String.pipe(
    Schema.decodeTo(Schema.String as Schema.Codec<OpenEnum<A>>, {
      decode: SchemaGetter.transform((value: string) => byLower.get(value.toLowerCase()) ?? value),
      encode: SchemaGetter.passthrough()
    }),
    Schema.annotate({ description: `One of ${known.join(", ")}; other values are passed through.` })
  )
}
