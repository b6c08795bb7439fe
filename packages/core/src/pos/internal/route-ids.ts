import type { PreparedRequest } from "../../internal/pipeline/operation.js"
import { type Issue, issue } from "../../internal/validation.js"

const PLACEHOLDER = /\{(\w+)\}/g

/** An operation's request before it meets its route. */
export interface RouteRequest {
  /** Ids the route may use; those it does not use are sent as query parameters. */
  readonly ids?: Readonly<Record<string, string>> | undefined
  /** Ids the route may use; those it does not use are dropped (they travel in the body). */
  readonly pathOnly?: Readonly<Record<string, string>> | undefined
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  readonly body?: unknown
}

/**
 * Places an operation's ids on its route, which callers may override: an id goes into the path
 * where the route has a `{placeholder}` for it, and elsewhere as the request says. A placeholder
 * the operation has no value for is an issue, so a bad override fails before anything is sent.
 */
export const placeIds = (
  operation: string,
  template: string,
  request: RouteRequest
): PreparedRequest | Issue => {
  const params: Record<string, string> = { ...request.pathOnly, ...request.ids }
  const used = new Set<string>()
  for (const [, name = ""] of template.matchAll(PLACEHOLDER)) {
    if (params[name] === undefined) {
      const available =
        Object.keys(params)
          .map((key) => `{${key}}`)
          .join(", ") || "none"
      return issue(
        `routes.${operation}`,
        "path_placeholder",
        `the route ${template} uses {${name}}, which this operation does not have. Available: ${available}.`
      )
    }
    used.add(name)
  }
  const unused = Object.entries(request.ids ?? {}).filter(([name]) => !used.has(name))
  return {
    params,
    query: unused.length === 0 ? request.query : { ...request.query, ...Object.fromEntries(unused) },
    body: request.body
  }
}
