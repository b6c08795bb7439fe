import * as Result from "effect/Result"
import type { MiaApiErrorEntry } from "../../errors/api-error-entry.js"
import { MiaApiError } from "../../errors/mia-api-error.js"
import { MiaResponseError } from "../../errors/mia-response-error.js"
import type { HttpReply } from "../http/http-types.js"

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const snippet = (text: string): string => (text.length > 500 ? `${text.slice(0, 500)}…` : text)

/**
 * Reads the bank's `errors` field leniently: codes may be numbers or strings, entries may miss
 * fields, and a single object instead of an array is accepted too (the MiaPos API sends
 * `{errorCode, errorMessage}` at the top level).
 *
 * @example
 * toErrorEntries([{ errorCode: 14005, errorMessage: "QR {{qrId}} is already cancelled." }])
 * // [{ errorCode: "14005", errorMessage: "QR {{qrId}} is already cancelled." }]
 */
export const toErrorEntries = (value: unknown): Array<MiaApiErrorEntry> => {
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : []
  const entries: Array<MiaApiErrorEntry> = []
  for (const item of list) {
    if (!isObject(item)) continue
    const code = item.errorCode ?? item.code
    const message = item.errorMessage ?? item.message
    const args = item.errorArgs
    entries.push({
      errorCode: typeof code === "string" || typeof code === "number" ? String(code) : "",
      errorMessage: typeof message === "string" ? message : "",
      ...(isObject(args) ? { errorArgs: args } : {})
    })
  }
  return entries
}

/** Fills `{{placeholders}}` from `errorArgs` so the message is readable on its own. */
const render = (entry: MiaApiErrorEntry): string => {
  const args = entry.errorArgs
  const text = args
    ? entry.errorMessage.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
        name in args ? String(args[name]) : whole
      )
    : entry.errorMessage
  return entry.errorCode ? `${entry.errorCode} ${text}`.trim() : text
}

const statusHint = (status: number): string => {
  if (status === 401) return " The access token was refused."
  if (status === 403)
    return " Forbidden: check that the project is active, has MIA QR access and that this server's IP is allowed."
  if (status === 429) return " Rate limited: slow down and retry later."
  if (status >= 500)
    return " The bank had a problem; retry a read later, reconcile a payment operation first."
  return ""
}

/**
 * Builds the `MiaApiError` for an error answer, with a message that lists every bank error.
 *
 * @example
 * const error = apiError("getQr", reply, toErrorEntries(body.errors))
 */
export const apiError = (
  operation: string,
  reply: HttpReply,
  errors: Array<MiaApiErrorEntry>
): MiaApiError => {
  const details = errors.length > 0 ? errors.map(render).join("; ") : "no error details in the body"
  return new MiaApiError({
    operation,
    status: reply.status,
    errors,
    body: reply.json ?? snippet(reply.text),
    message: `${operation} failed (HTTP ${reply.status}): ${details}.${statusHint(reply.status)}`,
    ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs })
  })
}

/**
 * Unwraps the MIA envelope `{ ok, result, errors }`. Success only when the body says
 * `ok: true` with a 2xx status; an error envelope is a `MiaApiError` even with HTTP 200; any
 * non-2xx status is a `MiaApiError` (with `errors` when the body has them); a body that is not
 * JSON or not an envelope is a `MiaResponseError`. `sensitive` keeps the body out of the error
 * (used for the token response).
 *
 * @example
 * const result = unwrapMiaEnvelope("getQr", reply, false)
 */
export const unwrapMiaEnvelope = (
  operation: string,
  reply: HttpReply,
  sensitive = false
): Result.Result<unknown, MiaApiError | MiaResponseError> => {
  const { status, json } = reply
  const success = status >= 200 && status < 300
  if (isObject(json)) {
    if (json.ok === true && success) return Result.succeed(json.result)
    if (json.ok === false || json.errors !== undefined || !success) {
      return Result.fail(
        apiError(
          operation,
          sensitive ? { ...reply, json: undefined, text: "" } : reply,
          toErrorEntries(json.errors)
        )
      )
    }
  } else if (!success && (json !== undefined || reply.text.trim() === "")) {
    // An empty body or a JSON scalar with an error status: the status says it all.
    return Result.fail(apiError(operation, reply, []))
  }
  return Result.fail(unusableReply(operation, reply, sensitive, "the API envelope { ok, result, errors }"))
}

/**
 * An answer no API would send: not JSON (a proxy or firewall answered), or JSON that is not
 * `expected`. `sensitive` keeps the body out of the error.
 */
export const unusableReply = (
  operation: string,
  reply: HttpReply,
  sensitive: boolean,
  expected: string
): MiaResponseError => {
  const notJson = reply.json === undefined
  return new MiaResponseError({
    operation,
    status: reply.status,
    reason: notJson ? "not_json" : "not_an_envelope",
    bodySnippet: sensitive ? "" : snippet(reply.text),
    message: notJson
      ? `${operation}: the answer (HTTP ${reply.status}) is not JSON; a proxy or firewall may have answered instead of the API.`
      : `${operation}: the answer (HTTP ${reply.status}) is JSON but not ${expected}.`,
    ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs })
  })
}

/** How an API wraps its answers: the `result` of a success, or the typed error. */
export type Envelope<E> = (
  operation: string,
  reply: HttpReply,
  sensitive: boolean
) => Result.Result<unknown, E>
