/**
 * A route of the POS simulator, as listed by `GET /pos/api/sandbox/routes`.
 *
 * @example
 * const inferred = createPosSandbox().routes.filter((route) => route.source === "inferred")
 */
export interface PosSandboxRoute {
  readonly method: "GET" | "POST" | "DELETE"
  readonly path: string
  readonly operation: string
  /** `confirmed`: the path is in seed 000; `inferred`: best guess; `sandbox`: simulator-only. */
  readonly source: "confirmed" | "inferred" | "sandbox"
  /** Whether the route needs `Authorization: Bearer <accessToken>`. */
  readonly auth: boolean
}
