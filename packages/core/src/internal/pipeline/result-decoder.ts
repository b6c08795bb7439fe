import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaParser from "effect/SchemaParser"
import { MiaResponseError } from "../../errors/mia-response-error.js"

/** Reads an envelope's `result` into the type the caller sees, or says where it does not fit. */
export type ResultDecoder<A> = (
  operation: string,
  result: unknown,
  status: number
) => Result.Result<A, MiaResponseError>

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const snippet = (text: string): string => (text.length > 500 ? `${text.slice(0, 500)}…` : text)

/**
 * Compiles `schema` once into a decoder for the pipeline's decode stage; `toModel` turns the wire
 * value into the curated type. A `sensitive` decoder (tokens) names paths only, never values.
 */
export const schemaDecoder = <S extends Schema.ConstraintDecoder<unknown>, A = S["Type"]>(
  schema: S,
  options: { readonly sensitive?: boolean; readonly toModel?: (wire: S["Type"]) => A } = {}
): ResultDecoder<A> => {
  // Through the Go-style JSON codec: the banks send `null` for absent optional fields. Compiled on
  // first use, so importing the SDK does not pay for every operation's decoder.
  let decode: ((input: unknown) => Result.Result<S["Type"], SchemaIssue.Issue>) | undefined
  const compile = () =>
    SchemaParser.decodeUnknownResult(Schema.toCodecGoJson(schema) as unknown as S, {
      errors: "first",
      onExcessProperty: "ignore"
    })
  const toModel = options.toModel
  const sensitive = options.sensitive === true
  return (operation, result, status) => {
    decode ??= compile()
    const decoded = decode(result)
    if (Result.isSuccess(decoded)) {
      return toModel === undefined
        ? (decoded as Result.Result<A, never>)
        : Result.succeed(toModel(decoded.success))
    }
    const issues = formatter(decoded.failure).issues
    const where = (issue: (typeof issues)[number]) =>
      issue.path !== undefined && issue.path.length > 0 ? issue.path.map(String).join(".") : "result"
    const detail = sensitive
      ? `unexpected value at ${issues.map(where).join(", ")}`
      : issues.map((issue) => `${where(issue)}: ${issue.message}`).join("; ")
    return Result.fail(
      new MiaResponseError({
        operation,
        status,
        reason: "unexpected_result",
        bodySnippet: sensitive ? "" : snippet(JSON.stringify(result) ?? "undefined"),
        message: `${operation}: the bank's result does not have the expected shape (${detail}).`
      })
    )
  }
}
