import * as Result from "effect/Result"
import type { MiaApiError } from "../../errors/mia-api-error.js"
import type { MiaResponseError } from "../../errors/mia-response-error.js"
import type { HttpReply } from "../../internal/http/http-types.js"
import { apiError, type Envelope, toErrorEntries, unusableReply } from "../../internal/pipeline/envelope.js"
import type { MiaPosError } from "../errors/index.js"
import { MiaPosResultError } from "../errors/pos-result-error.js"

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const textField = (body: Record<string, unknown>, ...keys: ReadonlyArray<string>): string | undefined => {
  for (const key of keys) {
    const value = body[key]
    if (typeof value === "string" && value.trim() !== "") return value
  }
  return undefined
}

const resultHint = (result: string): string => {
  switch (result.toLowerCase()) {
    case "otp_limit_exceeded":
      return " Too many OTP attempts or resends: wait before starting a new activation."
    case "not_found":
      return " The id (terminal, activation, QR or transaction) is unknown to the bank: check it."
    case "not_assign":
      return " The terminal is not assigned to this merchant: check terminalId and merchantIdno."
    default:
      return ""
  }
}

/** The body's error fields, without anything that could be a token. */
const safeBody = (body: Record<string, unknown>): Record<string, unknown> => {
  const kept: Record<string, unknown> = {}
  for (const key of ["result", "errorCode", "errorMessage", "errorDescription", "state"]) {
    if (key in body) kept[key] = body[key]
  }
  return kept
}

/**
 * The MiaPos envelope. The API has no `{ ok, result }` wrapper: a JSON object is the result,
 * and its `result` field, when present and not `success`, is a business error even on HTTP 200
 * (`MiaPosResultError`). Other non-2xx answers become `MiaApiError` (with the vendor's
 * `{ errorCode, errorMessage }` as its entry) and bodies that are not JSON objects
 * `MiaResponseError`. A 2xx with an empty body reads as `{}`. With `sensitive` (token answers)
 * only the error fields of the body are kept in errors.
 */
export const posEnvelope: Envelope<MiaPosError> = (
  operation: string,
  reply: HttpReply,
  sensitive: boolean
): Result.Result<Record<string, unknown>, MiaApiError | MiaResponseError | MiaPosResultError> => {
  const { status, json } = reply
  const success = status >= 200 && status < 300
  const retryAfter = reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }
  if (isObject(json)) {
    const result = json.result
    if (typeof result === "string" && result.toLowerCase() !== "success") {
      const detail = textField(json, "errorMessage", "errorDescription", "message")
      return Result.fail(
        new MiaPosResultError({
          operation,
          status,
          result,
          body: sensitive ? safeBody(json) : json,
          message: `${operation}: the MiaPos API answered result "${result}"${status === 200 ? "" : ` (HTTP ${status})`}${detail ? `: ${detail}` : ""}.${resultHint(result)}`,
          ...retryAfter
        })
      )
    }
    if (success) return Result.succeed(json)
    const entries = toErrorEntries(Array.isArray(json.errors) ? json.errors : json).filter(
      (entry) => entry.errorCode !== "" || entry.errorMessage !== ""
    )
    return Result.fail(
      apiError(operation, sensitive ? { ...reply, json: safeBody(json), text: "" } : reply, entries)
    )
  }
  if (success && reply.text.trim() === "") return Result.succeed({})
  if (!success && (json !== undefined || reply.text.trim() === ""))
    return Result.fail(apiError(operation, reply, []))
  return Result.fail(unusableReply(operation, reply, sensitive, "an object"))
}
