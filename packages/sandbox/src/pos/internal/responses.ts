const JSON_TYPE = "application/json; charset=utf-8"

/** A JSON body with the given HTTP status. */
export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, ...headers } })

/** `{ result: "success", ...fields }` with HTTP 200. */
export const success = (fields: Record<string, unknown> = {}): Response =>
  jsonResponse({ result: "success", ...fields })

/**
 * A business outcome other than success. Like the real API it travels with HTTP 200 and an
 * in-band `result` code; `errorMessage` says what to do about it.
 */
export const outcome = (
  result: string,
  errorMessage: string,
  fields: Record<string, unknown> = {}
): Response => jsonResponse({ result, ...fields, errorMessage })

/**
 * A request the simulator refuses before any business logic: malformed body (400), missing or
 * expired bearer (401), unknown route (404), wrong method (405). The body carries the in-band
 * `result` and the `errorCode`/`errorMessage` pair of the vendor's sibling API, so a client can
 * read either.
 */
export class PosHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = "PosHttpError"
  }

  toResponse(): Response {
    return jsonResponse(
      { result: this.code, errorCode: this.code, errorMessage: this.message },
      this.status,
      this.headers
    )
  }
}

/** Shorthand for a 400 about one field. */
export const badRequest = (message: string): PosHttpError => new PosHttpError(400, "bad_request", message)
