import type { PosRoute } from "./runtime.js"

interface CompiledRoute {
  readonly route: PosRoute
  readonly segments: ReadonlyArray<{ readonly literal: string } | { readonly param: string }>
  readonly literals: number
}

export interface RouteMatch {
  readonly route: PosRoute
  readonly params: Readonly<Record<string, string>>
}

export type MatchResult =
  | { readonly kind: "found"; readonly match: RouteMatch }
  | { readonly kind: "wrong-method"; readonly allowed: ReadonlyArray<string> }
  | { readonly kind: "none" }

const split = (path: string): string[] => path.split("/").filter((segment) => segment.length > 0)

const compile = (route: PosRoute): CompiledRoute => {
  const segments = split(route.path).map((segment) =>
    segment.startsWith("{") && segment.endsWith("}") ? { param: segment.slice(1, -1) } : { literal: segment }
  )
  return { route, segments, literals: segments.filter((segment) => "literal" in segment).length }
}

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

const matchSegments = (
  compiled: CompiledRoute,
  parts: ReadonlyArray<string>
): Record<string, string> | undefined => {
  if (compiled.segments.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, segment] of compiled.segments.entries()) {
    const part = parts[index]!
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined
    } else {
      const value = decode(part)
      if (value === undefined || value.length === 0) return undefined
      params[segment.param] = value
    }
  }
  return params
}

/**
 * Matches method + path against path templates (`/pos/api/v2/qr/{qrId}`). A route with more
 * literal segments wins, so `/qr/active` is never read as a QR id.
 */
export const createRouteMatcher = (routes: ReadonlyArray<PosRoute>) => {
  const compiled = routes.map(compile).sort((left, right) => right.literals - left.literals)
  return (method: string, path: string): MatchResult => {
    const parts = split(path)
    const allowed = new Set<string>()
    for (const candidate of compiled) {
      const params = matchSegments(candidate, parts)
      if (params === undefined) continue
      if (candidate.route.method === method)
        return { kind: "found", match: { route: candidate.route, params } }
      allowed.add(candidate.route.method)
    }
    return allowed.size > 0 ? { kind: "wrong-method", allowed: [...allowed] } : { kind: "none" }
  }
}
