import type { ProblemDetails } from "@mia-sdk/core/wire"
import { adminHeaders } from "./admin-token.js"

/**
 * An API answer that was not 2xx, with the problem+json details when the server sent them.
 * @example
 * try { await api.post("/api/shop/orders", body) } catch (e) { if (e instanceof ApiError) alert(e.message) }
 */
export class ApiError extends Error {
  readonly status: number
  readonly problem: ProblemDetails | undefined
  constructor(status: number, problem: ProblemDetails | undefined, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback)
    this.name = "ApiError"
    this.status = status
    this.problem = problem
  }
}

/**
 * A successful answer: its status (201 and 202 differ for refunds) and parsed body.
 * @example
 * const { status, body } = await api.send<RefundView>("POST", path, { body, headers })
 */
export interface ApiAnswer<T> {
  readonly status: number
  readonly body: T
}

const send = async <T>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {}
): Promise<ApiAnswer<T>> => {
  const { body } = options
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? { accept: "application/json" } : { "content-type": "application/json" }),
        // Only there once the admin typed it, and only ever sent to this same server.
        ...adminHeaders(),
        ...options.headers
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
  } catch {
    // No answer at all (server stopped, network down): status 0, as the SDK's hooks report it.
    throw new ApiError(0, undefined, `${method} ${path}: no answer`)
  }
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text === "" ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      parsed as ProblemDetails | undefined,
      `${method} ${path}: ${response.status}`
    )
  }
  return { status: response.status, body: parsed as T }
}

/**
 * JSON calls to the demo's own server routes (and, with `send`, to the SDK's routers when a call
 * needs its own headers, such as a refund's `Idempotency-Key`).
 * @example
 * const products = await api.get<Product[]>("/api/shop/products")
 */
export const api = {
  get: async <T>(path: string) => (await send<T>("GET", path)).body,
  post: async <T>(path: string, body: unknown = {}) => (await send<T>("POST", path, { body })).body,
  send
}
