import type { ProblemDetails } from "@mia-sdk/core/wire"

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

const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  const parsed: unknown = text === "" ? undefined : JSON.parse(text)
  if (!response.ok) {
    throw new ApiError(
      response.status,
      parsed as ProblemDetails | undefined,
      `${method} ${path}: ${response.status}`
    )
  }
  return parsed as T
}

/**
 * JSON calls to the demo's own server routes.
 * @example
 * const products = await api.get<Product[]>("/api/shop/products")
 */
export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body)
}
