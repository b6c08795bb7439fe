import { MIA_ERRORS, type MiaErrorEntry, renderTemplate } from "./error-catalog.js"

/** How the sandbox writes error codes: the doc example's bare number, or the namespaced form seen live. */
export type ErrorCodeStyle = "numeric" | "namespaced"

/** Settings that change how error envelopes look on the wire. */
export interface EnvelopeStyle {
  readonly errorCodes: ErrorCodeStyle
  /** The platform quirk of the real platform: business errors sent with HTTP 200 and no `ok` field. */
  readonly errorsWithHttp200: boolean
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" }

/** A JSON response with the given status and extra headers. */
export const jsonResponse = (status: number, body: unknown, headers?: Record<string, string>): Response =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })

/** `{ result, ok: true }` with HTTP 200. */
export const okResponse = (result: unknown): Response => jsonResponse(200, { result, ok: true })

const renderCode = (code: string, style: ErrorCodeStyle): string =>
  style === "namespaced" ? `maib.merchant.payments-${code}` : code

/** The `errors` array of an envelope. */
export const wireErrors = (entries: ReadonlyArray<MiaErrorEntry>, style: ErrorCodeStyle) =>
  entries.map((entry) => ({
    errorCode: renderCode(entry.code, style),
    errorMessage: renderTemplate(MIA_ERRORS[entry.code].template, entry.args),
    errorArgs: entry.args ? { ...entry.args } : null
  }))

/**
 * `{ errors: [...], ok: false }` with the HTTP status of the first error's code. `status` overrides
 * it where the bank's transport decides the status (a route that does not exist, a wrong method).
 */
export const errorResponse = (
  entries: ReadonlyArray<MiaErrorEntry>,
  style: EnvelopeStyle,
  options: { readonly status?: number; readonly headers?: Record<string, string> } = {}
): Response => {
  const first = entries[0]
  const status = options.status ?? first?.status ?? (first ? MIA_ERRORS[first.code].status : 400)
  const errors = wireErrors(entries, style.errorCodes)
  // Auth and server failures keep their status even in quirk mode: a client must still be able to
  // refresh its token or back off.
  if (style.errorsWithHttp200 && status >= 400 && status < 500 && status !== 401) {
    return jsonResponse(200, { errors }, options.headers)
  }
  return jsonResponse(status, { errors, ok: false }, options.headers)
}
