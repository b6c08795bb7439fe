import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { MiaTransportError } from "../errors/mia-transport-error.js"
import { currentRequestTimeoutMs } from "./request-timeout.js"
import { parseRetryAfter } from "./retry-policy.js"

/**
 * One HTTP request, described without any client state.
 *
 * @example
 * const spec: HttpRequestSpec = { operation: "getQr", method: "GET", path: `/v2/mia/qr/${encodeURIComponent(id)}` }
 */
export interface HttpRequestSpec {
  /** Name of the SDK operation, used in errors and spans. */
  readonly operation: string
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  /** Path with already-encoded parameters, starting with `/`. Appended to the base URL. */
  readonly path: string
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * JSON body. When `undefined` no body and no `Content-Type` are sent: maib's firewall answers
   * 403 to a bodyless request that claims to be JSON (spec §1.1).
   */
  readonly body?: unknown
}

/**
 * What came back, before any envelope interpretation.
 *
 * @example
 * const ok = (reply: HttpReply) => reply.status === 200 && reply.json !== undefined
 */
export interface HttpReply {
  readonly status: number
  /** A response header by (case-insensitive) name. */
  readonly header: (name: string) => string | undefined
  readonly text: string
  /** The parsed body; `undefined` when it is empty or not JSON. */
  readonly json: unknown
  /** `Retry-After` in milliseconds, when present and parseable. */
  readonly retryAfterMs: number | undefined
}

/**
 * Settings fixed when a client is built.
 *
 * @example
 * const config: HttpExecutorConfig = { baseUrl: "https://sandbox.maibmerchants.md", timeoutMs: 30_000 }
 */
export interface HttpExecutorConfig {
  /** Origin (and optional path prefix) without a trailing slash. */
  readonly baseUrl: string
  readonly timeoutMs: number
  /** Sent on every request, e.g. `{ accept: "application/json" }`. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Applied once to the `HttpClient` taken from the context (proxies, logging, extra headers). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * Executes one request.
 *
 * @example
 * const reply = yield* execute({ operation: "getQr", method: "GET", path: "/v2/mia/qr/1" })
 */
export type HttpExecutor = (spec: HttpRequestSpec) => Effect.Effect<HttpReply, MiaTransportError>

const parseJson = (text: string): unknown => {
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// Only the underlying failure is kept: the platform error carries the request, whose body may
// hold the client secret.
const innerCause = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "cause" in error ? error.cause : error

const transportFailure = (operation: string, error: unknown) => {
  const cause = innerCause(error)
  return new MiaTransportError({
    reason: "network",
    operation,
    message: `${operation}: the request failed before a response arrived (${describeCause(cause)}). It is safe to retry a read; reconcile before repeating a payment operation.`,
    cause
  })
}

const describeCause = (inner: unknown): string => {
  if (inner instanceof Error) {
    const code = "code" in inner && typeof inner.code === "string" ? ` ${inner.code}` : ""
    return `${inner.name}${code}: ${inner.message}`
  }
  return String(inner)
}

/**
 * The executor over `@effect/platform`'s `HttpClient` (taken from the context), for Effect users
 * who want its middleware and HTTP spans. Builds the bare request executor: base URL, default headers, JSON body (with `Content-Type` only
 * when there is one), per-request timeout (the client default or `currentRequestTimeoutMs`), and
 * conversion of transport failures into `MiaTransportError`. Interrupting the returned effect
 * (an `AbortSignal`, a timeout) aborts the underlying `fetch`. No retries, no auth: those are
 * layered on top by each API client. Build it once per client.
 *
 * @example
 * const execute = yield* makeHttpExecutor({ baseUrl: "https://sandbox.maibmerchants.md", timeoutMs: 30_000 })
 * const reply = yield* execute({ operation: "token", method: "POST", path: "/v2/auth/token", body: { clientId, clientSecret } })
 */
export const makeHttpExecutor = (
  config: HttpExecutorConfig
): Effect.Effect<HttpExecutor, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (client): HttpExecutor => {
    // Trace headers would leak our span ids to the bank and are not part of its contract.
    const http = HttpClient.withTracerPropagation(config.transformClient?.(client) ?? client, false)
    const baseUrl = config.baseUrl.replace(/\/+$/, "")
    const defaultHeaders = config.headers ?? {}
    return (spec) => {
      const { operation } = spec
      let request = HttpClientRequest.make(spec.method)(baseUrl + spec.path)
      request = HttpClientRequest.setHeaders(
        request,
        spec.headers === undefined ? defaultHeaders : { ...defaultHeaders, ...spec.headers }
      )
      if (spec.query !== undefined) {
        const params: Array<[string, string]> = []
        for (const key in spec.query) {
          const value = spec.query[key]
          if (value !== undefined) params.push([key, value])
        }
        request = HttpClientRequest.setUrlParams(request, params)
      }
      if (spec.body !== undefined) request = HttpClientRequest.bodyUnsafeJson(request, spec.body)
      const exchange = Effect.flatMap(http.execute(request), (response) =>
        Effect.map(response.text, (text): HttpReply => {
          const headers = response.headers
          return {
            status: response.status,
            header: (name) => headers[name.toLowerCase()],
            text,
            json: parseJson(text),
            retryAfterMs: parseRetryAfter(headers["retry-after"], Date.now())
          }
        })
      ).pipe(Effect.mapError((error) => transportFailure(operation, error)))
      return Effect.flatMap(currentRequestTimeoutMs, (override) => {
        const timeoutMs = Option.getOrElse(override, () => config.timeoutMs)
        return Effect.timeoutFail(exchange, {
          duration: Duration.millis(timeoutMs),
          onTimeout: () =>
            new MiaTransportError({
              reason: "timeout",
              operation,
              message: `${operation}: no response within ${timeoutMs} ms. Raise timeoutMs if the bank is slow; reconcile before repeating a payment operation.`
            })
        })
      })
    }
  })
