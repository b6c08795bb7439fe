import { MiaHttpError } from "../errors/mia-http-error.js"
import { toHttpError } from "../errors/to-http-error.js"
import type { MiaMiddleware, MiaNext, MiaRequest, MiaResponse } from "../http-types.js"
import { guardStateChange } from "./request-guard.js"

/** A route handler; may be async: rejections are forwarded to `next(error)`. */
export type RouteHandler = (
  req: MiaRequest,
  res: MiaResponse,
  params: Readonly<Record<string, string>>
) => unknown | Promise<unknown>

interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly names: ReadonlyArray<string>
  readonly handler: RouteHandler
}

const compile = (path: string): { pattern: RegExp; names: Array<string> } => {
  const names: Array<string> = []
  const source = path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      names.push(segment.slice(1))
      return "([^/]+)"
    })
    .join("/")
  return { pattern: new RegExp(`^${source}/?$`), names }
}

const decode = (value: string, name: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new MiaHttpError(400, "validation", "Invalid request", `${name} is not a valid URL segment`, {
      errors: [{ field: name, message: `${name} is not a valid URL segment` }]
    })
  }
}

/**
 * A tiny router of its own, so the same code runs inside Express 4 and 5 (whose path syntaxes
 * differ) without importing either. Paths are matched against `req.url`, which Express makes
 * relative to the mount point. Unknown paths fall through to `next()`; a known path with another
 * method gets a 405. Every state-changing route is guarded by {@link guardStateChange} (JSON only,
 * no cross-site requests) before its handler runs.
 */
export const createRoutes = (
  definitions: ReadonlyArray<readonly [method: string, path: string, handler: RouteHandler]>,
  allowedOrigins: ReadonlySet<string> = new Set()
): MiaMiddleware => {
  const routes: ReadonlyArray<Route> = definitions.map(([method, path, handler]) => ({
    method,
    handler,
    ...compile(path)
  }))
  return (req: MiaRequest, res: MiaResponse, next: MiaNext) => {
    const pathname = (req.url ?? "/").split("?")[0] ?? "/"
    const matching = routes
      .map((route) => ({ route, match: route.pattern.exec(pathname) }))
      .filter((candidate) => candidate.match !== null)
    if (matching.length === 0) {
      next()
      return
    }
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET")
    const found = matching.find((candidate) => candidate.route.method === method)
    if (found === undefined) {
      const allow = [...new Set(matching.map((candidate) => candidate.route.method))].join(", ")
      next(
        new MiaHttpError(405, "method_not_allowed", "Method not allowed", `Use ${allow} on this path.`, {
          headers: { Allow: allow }
        })
      )
      return
    }
    try {
      guardStateChange(req, allowedOrigins)
      const params: Record<string, string> = {}
      found.route.names.forEach((name, index) => {
        params[name] = decode(found.match?.[index + 1] ?? "", name)
      })
      Promise.resolve(found.route.handler(req, res, params)).catch((error: unknown) =>
        next(toHttpError(error))
      )
    } catch (error) {
      next(toHttpError(error))
    }
  }
}
