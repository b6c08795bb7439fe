import { validationError } from "../../errors/mia-http-error.js"

/**
 * The body as an object (`{}` when empty), or a 400 that says what to send.
 * @example
 * const body = objectBody(await jsonBody(req, limit))
 */
export const objectBody = (body: unknown): Readonly<Record<string, unknown>> => {
  if (body === undefined) return {}
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw validationError("body", "Send a JSON object as the request body.")
  }
  return body as Readonly<Record<string, unknown>>
}
