import type { PosCashierClient, PosCashierOptions } from "../pos/cashier-options.js"
import type { MiaErrorListener } from "./fetch-handler.js"

/**
 * The answer of an `authorize` hook: `true` or `{ actor }` to let the request through, `false`
 * to refuse it with a 403.
 *
 * @example
 * import type { MiaPosAuthorization } from "@mia-sdk/webhooks/web"
 *
 * const decision: MiaPosAuthorization = { actor: "cashier@cafe.md" }
 */
export type MiaPosAuthorization = boolean | { readonly actor: string }

/**
 * Options of {@link createMiaPosHandler}: those of `createPosCashier` plus the HTTP ones, the
 * same as `miaPos` of `@mia-sdk/express` takes.
 *
 * @example
 * import type { MiaPosHandlerOptions } from "@mia-sdk/webhooks/web"
 *
 * const options: MiaPosHandlerOptions = {
 *   client: createMiaPosClient({ baseUrl, device, sessionStore }),
 *   authorize: async (request) => (await cashierOf(request)) !== undefined,
 *   terminal: { terminalId: "10001", merchantIdno: "1003600012345" },
 *   basePath: "/api/pos"
 * }
 */
export interface MiaPosHandlerOptions extends PosCashierOptions {
  /** The MiaPos client: it holds the device, the session store (tokens, activation) and any seller credentials. */
  readonly client: PosCashierClient
  /**
   * Who may use the till, asked before every route: return `true` or `{ actor }` to allow, `false`
   * for a 403 (`pos_forbidden`). Required: whoever reaches the handler can charge, close the shift
   * and read the reports. `"allow-all"` turns the check off, only for a kiosk on a closed network.
   */
  readonly authorize: ((request: Request) => MiaPosAuthorization | Promise<MiaPosAuthorization>) | "allow-all"
  /** The path the routes hang under, as the request's URL shows it (`/api/pos`). Default `/`. */
  readonly basePath?: string | undefined
  /**
   * Origins besides the request's own that may call the state-changing routes from a browser
   * (`https://till.cafe.md`). Every other origin gets 403.
   */
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
  /** Largest accepted JSON body (default 16 KiB). */
  readonly bodyLimitBytes?: number | undefined
  /** Told about every request answered with a 5xx. Default `console.error`. */
  readonly onError?: MiaErrorListener | undefined
}
