import type { MiaErrorListener, MiaFetchHandler } from "../fetch-handler.js"
import { MiaHttpError } from "../http-error.js"
import { problemResponse, toProblem } from "../problem-details.js"
import { errorListener, normaliseBasePath } from "./handler-options.js"
import { allowedOriginSet, guardStateChange } from "./request-guard.js"

/** A route's work: the answer, or a thrown error the router answers as problem+json. */
export type RouteHandler = (request: Request, params: Readonly<Record<string, string>>) => Promise<Response>

/** One route: method, path relative to `basePath` with `:name` segments, handler. */
export type RouteDefinition = readonly [method: string, path: string, handler: RouteHandler]

/** What every routed handler takes. */
export interface RouterOptions {
  readonly owner: string
  readonly basePath?: string | undefined
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
  readonly onError?: MiaErrorListener | undefined
}

interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly names: ReadonlyArray<string>
  readonly handler: RouteHandler
}

const compile = ([method, path, handler]: RouteDefinition): Route => {
  const names: Array<string> = []
  const source = path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      names.push(segment.slice(1))
      return "([^/]+)"
    })
    .join("/")
  return { method, handler, names, pattern: new RegExp(`^${source}/?$`) }
}

const decode = (value: string, name: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    const message = `${name} is not a valid URL segment`
    throw new MiaHttpError(400, "validation", "Invalid request", message, {
      errors: [{ field: name, message }]
    })
  }
}

const notFound = (pathname: string, basePath: string) =>
  new MiaHttpError(
    404,
    "not_found",
    "Not found",
    `No route matches ${pathname}; routes are relative to basePath "${basePath || "/"}".`
  )

/** HEAD is answered by the GET route, without its body (an event stream is closed at once). */
const withoutBody = async (response: Response): Promise<Response> => {
  await response.body?.cancel()
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers
  })
}

/**
 * A tiny router of its own, so one handler serves every path under `basePath` in any framework
 * that hands it a `Request`. Unknown paths answer 404 (there is no `next()` to fall through to); a
 * known path with another method 405 with `Allow`. Every state-changing route is guarded by
 * {@link guardStateChange} (JSON only, no cross-site requests) before its handler runs. Errors
 * become problem+json; those answered with a 5xx are told to `onError`.
 */
export const createRouter = (
  definitions: ReadonlyArray<RouteDefinition>,
  options: RouterOptions
): MiaFetchHandler => {
  const basePath = normaliseBasePath(options.owner, options.basePath)
  const allowedOrigins = allowedOriginSet(options.allowedOrigins, options.owner)
  const report = errorListener(options.owner, options.onError)
  const routes = definitions.map(compile)

  const route = async (request: Request): Promise<Response> => {
    const pathname = new URL(request.url).pathname
    const inside = pathname === basePath || pathname.startsWith(`${basePath}/`)
    const relative = inside ? pathname.slice(basePath.length) || "/" : undefined
    const matching = routes
      .map((candidate) => ({
        route: candidate,
        match: relative === undefined ? null : candidate.pattern.exec(relative)
      }))
      .filter((candidate) => candidate.match !== null)
    if (matching.length === 0) throw notFound(pathname, basePath)
    const method = request.method === "HEAD" ? "GET" : request.method
    const found = matching.find((candidate) => candidate.route.method === method)
    if (found === undefined) {
      const allow = [...new Set(matching.map((candidate) => candidate.route.method))].join(", ")
      throw new MiaHttpError(405, "method_not_allowed", "Method not allowed", `Use ${allow} on this path.`, {
        headers: { Allow: allow }
      })
    }
    guardStateChange(request, allowedOrigins)
    const params: Record<string, string> = {}
    found.route.names.forEach((name, index) => {
      params[name] = decode(found.match?.[index + 1] ?? "", name)
    })
    return found.route.handler(request, params)
  }

  return async (request) => {
    const response = await route(request).catch((error: unknown) => {
      if (toProblem(error).status >= 500) report(error, request)
      return problemResponse(error, request)
    })
    return request.method === "HEAD" ? withoutBody(response) : response
  }
}
