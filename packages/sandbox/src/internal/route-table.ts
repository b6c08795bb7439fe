/** A path template such as `/v2/mia/qr/{qrId}`, matched segment by segment. */
export interface RouteTemplate<R> {
  readonly method: string
  readonly path: string
  readonly route: R
}

/** The outcome of looking a request up in a route table. */
export type RouteMatch<R> =
  | { readonly kind: "found"; readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: "method-not-allowed"; readonly allow: ReadonlyArray<string> }
  | { readonly kind: "not-found" }

const segmentsOf = (path: string): Array<string> => path.split("/").filter((segment) => segment !== "")

const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  const expected = segmentsOf(template)
  const actual = segmentsOf(path)
  if (expected.length !== actual.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of expected.entries()) {
    const value = actual[index] ?? ""
    const name = /^\{(\w+)\}$/.exec(part)?.[1]
    if (name !== undefined) {
      try {
        params[name] = decodeURIComponent(value)
      } catch {
        params[name] = value
      }
    } else if (part.toLowerCase() !== value.toLowerCase()) return undefined
  }
  return params
}

const literalCount = (template: string): number =>
  segmentsOf(template).filter((part) => !part.startsWith("{")).length

/**
 * Finds the route for a method and path. Literal segments match case-insensitively (ASP.NET
 * routing, as the bank runs) and beat parameters, so `POST /v2/mia/qr/hybrid` is not a `{qrId}`.
 */
export const matchRoute = <R>(
  table: ReadonlyArray<RouteTemplate<R>>,
  method: string,
  path: string
): RouteMatch<R> => {
  const candidates = table
    .map((entry) => ({ entry, params: matchPath(entry.path, path) }))
    .filter((candidate) => candidate.params !== undefined)
  if (candidates.length === 0) return { kind: "not-found" }
  const best = candidates
    .filter((candidate) => candidate.entry.method === method.toUpperCase())
    .sort((a, b) => literalCount(b.entry.path) - literalCount(a.entry.path))[0]
  if (!best?.params) {
    return {
      kind: "method-not-allowed",
      allow: [...new Set(candidates.map((candidate) => candidate.entry.method))]
    }
  }
  return { kind: "found", route: best.entry.route, params: best.params }
}
