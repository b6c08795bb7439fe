import * as Schema from "effect/Schema"

/**
 * An input was rejected before anything was sent. `field` is the path of the offending field
 * (e.g. `extension.amount`), `rule` a stable name of the rule it broke (e.g. `max_2_decimals`),
 * and the message says how to fix it.
 *
 * @example
 * import { MiaValidationError } from "@mia-sdk/core"
 *
 * try {
 *   await client.createQr({ type: "Dynamic", amountType: "Fixed", amount: 10.001, currency: "MDL", description: "x" })
 * } catch (error) {
 *   if (error instanceof MiaValidationError) console.log(error.field, error.rule) // "amount" "max_2_decimals"
 * }
 */
export class MiaValidationError extends Schema.TaggedError<MiaValidationError>()("MiaValidationError", {
  message: Schema.String,
  field: Schema.String,
  rule: Schema.String,
  operation: Schema.String
}) {
  /** Always false: the same input is rejected again. */
  get retryable(): boolean {
    return false
  }
}
