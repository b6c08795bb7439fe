import type { SandboxRouteModule } from "../../route-module.js"
import { type EnvelopeStyle, errorResponse, jsonResponse, okResponse } from "../envelope.js"
import { invalidRequest } from "../error-catalog.js"
import type { Outcome } from "../outcome.js"
import { matchRoute, type RouteTemplate } from "../route-table.js"
import type { AccessTokens } from "./access-tokens.js"
import type { BankContext } from "./bank-context.js"
import { isJsonObject, type JsonObject } from "./field-checks.js"
import { listPayments, listQrs } from "./list-operations.js"
import { getPayment, getRefund, refundPayment, testPay } from "./payment-operations.js"
import {
  cancelExtension,
  cancelQr,
  createExtension,
  createHybridQr,
  createQr,
  getQr
} from "./qr-operations.js"

interface RouteInput {
  readonly params: Readonly<Record<string, string>>
  readonly body: JsonObject
  readonly query: URLSearchParams
}

interface MiaRoute {
  readonly authenticated: boolean
  readonly run: (input: RouteInput) => Outcome<unknown>
}

/** Request bodies larger than this are refused before parsing; real ones are a few hundred bytes. */
const MAX_BODY_BYTES = 1_000_000

const routeTable = (context: BankContext, tokens: AccessTokens): ReadonlyArray<RouteTemplate<MiaRoute>> => {
  const route = (method: string, path: string, run: MiaRoute["run"], authenticated = true) => ({
    method,
    path,
    route: { authenticated, run }
  })
  const id = (input: RouteInput, name: string): string => input.params[name] ?? ""
  return [
    route("POST", "/v2/auth/token", ({ body }) => tokens.issue(body), false),
    route("POST", "/v2/mia/qr", ({ body }) => createQr(context, body)),
    route("GET", "/v2/mia/qr", ({ query }) => listQrs(context, query)),
    route("POST", "/v2/mia/qr/hybrid", ({ body }) => createHybridQr(context, body)),
    route("GET", "/v2/mia/qr/{qrId}", (input) => getQr(context, id(input, "qrId"))),
    route("POST", "/v2/mia/qr/{qrId}/extension", (input) =>
      createExtension(context, id(input, "qrId"), input.body)
    ),
    route("POST", "/v2/mia/qr/{qrId}/cancel", (input) => cancelQr(context, id(input, "qrId"), input.body)),
    route("POST", "/v2/mia/qr/{qrId}/extension/cancel", (input) =>
      cancelExtension(context, id(input, "qrId"), input.body)
    ),
    route("GET", "/v2/mia/payments", ({ query }) => listPayments(context, query)),
    route("GET", "/v2/mia/payments/{payId}", (input) => getPayment(context, id(input, "payId"))),
    route("POST", "/v2/mia/payments/{payId}/refund", (input) =>
      refundPayment(context, id(input, "payId"), input.body, "legacy")
    ),
    route("POST", "/v2/payments/{payId}/refund", (input) =>
      refundPayment(context, id(input, "payId"), input.body, "current")
    ),
    route("GET", "/v2/payments/refunds/{refundId}", (input) => getRefund(context, id(input, "refundId"))),
    route("POST", "/v2/mia/test-pay", ({ body }) => testPay(context, body))
  ]
}

/** Settings of the MIA QR module that are not bank state. */
export interface MiaModuleSettings {
  readonly envelope: EnvelopeStyle
  /** The WAF quirk of spec §1.1: a bodyless GET with `Content-Type` gets 403 `{"supportID": ...}`. */
  readonly firewall: boolean
}

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
 * The MIA QR API (spec §5) as a route module: everything under `/v2/`. Order of checks follows
 * the bank's stack: firewall, routing (404/405), bearer token (401), body, then the operation.
 */
export const createMiaModule = (
  context: BankContext,
  tokens: AccessTokens,
  settings: MiaModuleSettings
): SandboxRouteModule => {
  const table = routeTable(context, tokens)
  const { envelope } = settings

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url)
    const path = url.pathname.replace(/\/+$/, "")
    if (!/^\/v2(\/|$)/i.test(path)) return undefined
    const method = request.method.toUpperCase()
    if (settings.firewall && method === "GET" && request.headers.has("content-type")) {
      return jsonResponse(403, { supportID: supportId() })
    }
    const match = matchRoute(table, method, path)
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
    if (match.route.authenticated) {
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
    const outcome = match.route.run({ params: match.params, body, query: url.searchParams })
    return outcome.ok ? okResponse(outcome.value) : errorResponse(outcome.errors, envelope)
  }

  return { handle, reset: tokens.clear }
}
