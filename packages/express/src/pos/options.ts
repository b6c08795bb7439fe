import type { PosCashierClient, PosCashierOptions } from "@mia-sdk/webhooks"
import type { MiaRequest } from "../http-types.js"

/**
 * The parts of the MiaPos client the router uses (`createMiaPosClient` from `@mia-sdk/core`).
 * @example
 * const client: MiaPosRouterClient = createMiaPosClient({ baseUrl, device, sessionStore })
 */
export type MiaPosRouterClient = PosCashierClient

/**
 * The answer of an `authorize` hook: `true` or `{ actor }` to let the request through, `false`
 * to refuse it with a 403.
 * @example
 * const decision: MiaPosAuthorization = { actor: "cashier@cafe.md" }
 */
export type MiaPosAuthorization = boolean | { readonly actor: string }

/**
 * Options of {@link miaPos}: those of `createPosCashier` (`@mia-sdk/webhooks`) plus the HTTP ones.
 * @example
 * const options: MiaPosOptions = {
 *   client: createMiaPosClient({ baseUrl, device, sessionStore }),
 *   authorize: (req) => req.session?.role === "cashier",
 *   terminal: { terminalId: "10001", merchantIdno: "1003600012345" }
 * }
 */
export interface MiaPosOptions extends PosCashierOptions {
  /** The MiaPos client: it holds the device, the session store (tokens, activation) and any seller credentials. */
  readonly client: MiaPosRouterClient
  /**
   * Who may use the till, asked before every route: return `true` or `{ actor }` to allow, `false`
   * for a 403 (`pos_forbidden`). Required: whoever reaches the router can charge, close the shift
   * and read the reports. `"allow-all"` turns the check off, only for a kiosk on a closed network.
   */
  readonly authorize: ((req: MiaRequest) => MiaPosAuthorization | Promise<MiaPosAuthorization>) | "allow-all"
  /**
   * Origins besides the request's own that may call the state-changing routes from a browser
   * (`https://till.cafe.md`). Every other origin gets 403.
   */
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
  /** Largest accepted JSON body (default 16 KiB). */
  readonly bodyLimitBytes?: number | undefined
}
