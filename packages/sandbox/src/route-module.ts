/**
 * One part of the simulated bank. `createMiaSandbox` tries its modules in order and the first
 * answer wins, so the MiaPos terminal API (paths under `/pos/`) or a merchant's own fake
 * endpoints plug into the same `handle`, the same server and the same msw handlers.
 *
 * @example
 * import { createMiaSandbox, type SandboxRouteModule } from "@mia-sdk/sandbox"
 *
 * const health: SandboxRouteModule = {
 *   handle: async (request) =>
 *     new URL(request.url).pathname === "/health" ? Response.json({ up: true }) : undefined
 * }
 * const sandbox = createMiaSandbox({ modules: [health] })
 */
export interface SandboxRouteModule {
  /** The response for a request this module owns, or `undefined` to pass it on. */
  handle(request: Request): Promise<Response | undefined>
  /** Forgets the module's state; called by `sandbox.reset()`. */
  reset?(): void
  /** Stops the module's timers; called by `sandbox.close()`. */
  close?(): void | Promise<void>
}
