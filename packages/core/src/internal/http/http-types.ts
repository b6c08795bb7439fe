import type * as Effect from "effect/Effect"
import { MiaTransportError } from "../../errors/mia-transport-error.js"

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** One HTTP request as the pipeline hands it to a transport. */
export interface HttpRequestSpec {
  /** Name of the SDK operation, used in errors, spans and log events. */
  readonly operation: string
  readonly method: HttpMethod
  /** Path with already-encoded parameters, starting with `/`. Appended to the base URL. */
  readonly path: string
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * JSON body. When `undefined` no body and no `Content-Type` are sent: maib's firewall answers
   * 403 to a bodyless request that claims to be JSON.
   */
  readonly body?: unknown
}

/** What came back, read once: status, headers, the text and its JSON parse. */
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

/** Sends one attempt: the only stage that touches the network. */
export type Transport = (
  spec: HttpRequestSpec,
  timeoutMs: number
) => Effect.Effect<HttpReply, MiaTransportError>

export interface TransportConfig {
  /** Origin (and optional path prefix) without a trailing slash. */
  readonly baseUrl: string
  /** Sent on every request, e.g. `{ accept: "application/json" }`. */
  readonly headers: Readonly<Record<string, string>>
}

export const parseJson = (text: string): unknown => {
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return String(cause)
  const inner = cause.cause
  const code =
    typeof inner === "object" && inner !== null && "code" in inner && typeof inner.code === "string"
      ? ` (${inner.code})`
      : "code" in cause && typeof cause.code === "string"
        ? ` (${cause.code})`
        : ""
  return `${cause.name}: ${cause.message}${code}`
}

export const buildUrl = (baseUrl: string, spec: HttpRequestSpec): string => {
  let url = baseUrl + spec.path
  if (spec.query !== undefined) {
    const params = new URLSearchParams()
    for (const key in spec.query) {
      const value = spec.query[key]
      if (value !== undefined) params.append(key, value)
    }
    const search = params.toString()
    if (search !== "") url += `?${search}`
  }
  return url
}

export const timeoutError = (operation: string, timeoutMs: number): MiaTransportError =>
  new MiaTransportError({
    reason: "timeout",
    operation,
    message: `${operation}: no response within ${timeoutMs} ms. Raise timeoutMs if the bank is slow; reconcile before repeating a payment operation.`
  })

export const networkError = (operation: string, error: unknown): MiaTransportError =>
  new MiaTransportError({
    reason: "network",
    operation,
    message: `${operation}: the request failed before a response arrived (${describeCause(error)}). It is safe to retry a read; reconcile before repeating a payment operation.`,
    cause: error
  })
