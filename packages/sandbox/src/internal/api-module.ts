import type { SandboxRouteModule } from "../route-module.js"
import { type EnvelopeStyle, errorResponse, jsonResponse, okResponse } from "./envelope.js"
import { invalidRequest } from "./error-catalog.js"
import type { AccessTokens } from "./mia/access-tokens.js"
import { isJsonObject, type JsonObject } from "./mia/field-checks.js"
import type { Outcome } from "./outcome.js"
import { matchRoute, type RouteTemplate } from "./route-table.js"

/** What a route of the bank's `/v2` API receives. */
export interface ApiRouteInput {
  readonly params: Readonly<Record<string, string>>
  readonly body: JsonObject
  readonly query: URLSearchParams
}

/** One endpoint of the `/v2` API: its operation and who may call it. */
export interface ApiRoute {
  readonly authenticated: boolean
  /**
   * A control of the simulator that the real bank does not have (the payer's phone): no bearer
   * token (a payer holds no merchant credentials) and no firewall quirk (it is not the bank's host).
   */
  readonly sandboxOnly?: boolean
  readonly run: (input: ApiRouteInput) => Outcome<unknown> | Promise<Outcome<unknown>>
}

/** Settings of a `/v2` API module that are not bank state. */
export interface ApiModuleSettings {
  readonly envelope: EnvelopeStyle
  /** The WAF quirk of the real platform: a bodyless GET with `Content-Type` gets 403 `{"supportID": ...}`. */
  readonly firewall: boolean
}

/** Request bodies larger than this are refused before parsing; real ones are a few hundred bytes. */
const MAX_BODY_BYTES = 1_000_000

type ParsedBody =
  | { readonly ok: true; readonly body: JsonObject }
  | { readonly ok: false; readonly response: Response }

const readJsonBody = async (request: Request, envelope: EnvelopeStyle): Promise<ParsedBody> => {
  const refuse = (error: string, status: number): ParsedBody => ({
    ok: false,
    response: errorResponse([{ ...invalidRequest(error), status }], envelope)
  })
  const contentType = request.headers.get("content-type")
  if (contentType !== null && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim())) {
    return refuse(`Content-Type ${contentType} is not supported; send application/json`, 415)
  }
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.byteLength > MAX_BODY_BYTES) return refuse("The request body is too large", 413)
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === "") return { ok: true, body: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return refuse("The request body is not valid JSON", 400)
  }
  return isJsonObject(parsed)
    ? { ok: true, body: parsed }
    : refuse("The request body must be a JSON object", 400)
}

const supportId = (): string => {
  const digits = crypto.getRandomValues(new Uint32Array(2))
  return `${digits[0]}${digits[1]}`.padEnd(19, "0").slice(0, 19)
}

/**
 * A part of the bank's `/v2` API as a route module. The MIA QR and the RTP APIs share the host,
 * the token and the envelope, so they share this pipeline too. Order of checks follows the bank's
 * stack: firewall, routing (404/405), bearer token (401), body, then the operation.
 */
export const createApiModule = (
  owns: RegExp,
  table: ReadonlyArray<RouteTemplate<ApiRoute>>,
  tokens: AccessTokens,
  settings: ApiModuleSettings
): SandboxRouteModule => {
  const { envelope } = settings

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url)
    const path = url.pathname.replace(/\/+$/, "")
    if (!owns.test(path)) return undefined
    const method = request.method.toUpperCase()
    const match = matchRoute(table, method, path)
    const sandboxOnly = match.kind === "found" && match.route.sandboxOnly === true
    if (settings.firewall && !sandboxOnly && method === "GET" && request.headers.has("content-type")) {
      return jsonResponse(403, { supportID: supportId() })
    }
    if (match.kind === "not-found") {
      return errorResponse(
        [{ ...invalidRequest(`There is no ${method} ${path} endpoint`), status: 404 }],
        envelope
      )
    }
    if (match.kind === "method-not-allowed") {
      const allow = match.allow.join(", ")
      return errorResponse(
        [{ ...invalidRequest(`${method} is not allowed on ${path}; use ${allow}`), status: 405 }],
        envelope,
        { headers: { allow } }
      )
    }
    if (match.route.authenticated && !sandboxOnly) {
      const problem = tokens.check(request.headers.get("authorization"))
      if (problem !== undefined) {
        const description =
          problem === "missing"
            ? "No bearer token: send Authorization: Bearer <accessToken> from POST /v2/auth/token"
            : problem === "expired"
              ? "The access token expired: request a new one from POST /v2/auth/token"
              : "The access token is not valid: request a new one from POST /v2/auth/token"
        return errorResponse([{ ...invalidRequest(description), status: 401 }], envelope, {
          headers: { "www-authenticate": `Bearer error="invalid_token", error_description="${problem}"` }
        })
      }
    }
    let body: JsonObject = {}
    if (method === "POST") {
      const parsed = await readJsonBody(request, envelope)
      if (!parsed.ok) return parsed.response
      body = parsed.body
    }
    const outcome = await match.route.run({ params: match.params, body, query: url.searchParams })
    return outcome.ok ? okResponse(outcome.value) : errorResponse(outcome.errors, envelope)
  }

  return { handle }
}
