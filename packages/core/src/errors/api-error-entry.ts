import * as Schema from "effect/Schema"

/**
 * One entry of the `errors[]` array the bank returns. `errorCode` is an opaque string:
 * the bank sends both bare numbers (`"14005"`) and namespaced codes (`"maib.merchant.payments-14005"`).
 *
 * @example
 * const entry: MiaApiErrorEntry = {
 *   errorCode: "14005",
 *   errorMessage: "QR {{qrId}} is already cancelled.",
 *   errorArgs: { qrId: "123" }
 * }
 */
export const MiaApiErrorEntry = Schema.Struct({
  errorCode: Schema.String,
  errorMessage: Schema.String,
  errorArgs: Schema.optional(Schema.Record(Schema.String, Schema.Unknown))
})

/**
 * One entry of the bank's `errors[]` array.
 *
 * @example
 * const entry: MiaApiErrorEntry = { errorCode: "13000", errorMessage: "QR {{qrId}} is not found." }
 */
export type MiaApiErrorEntry = typeof MiaApiErrorEntry.Type
