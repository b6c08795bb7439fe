import type { MiaPosPromiseClient } from "@mia-sdk/core"

/**
 * The parts of the MiaPos client the router uses (`createMiaPosClient` from `@mia-sdk/core`).
 * @example
 * const client: MiaPosRouterClient = createMiaPosClient({ baseUrl, device, sessionStore })
 */
export type MiaPosRouterClient = Pick<
  MiaPosPromiseClient,
  "activation" | "seller" | "session" | "shift" | "qr" | "reports"
>

/**
 * Options of {@link miaPos}.
 * @example
 * const options: MiaPosOptions = {
 *   client: createMiaPosClient({ baseUrl, device, sessionStore }),
 *   terminal: { terminalId: "10001", merchantIdno: "1003600012345" }
 * }
 */
export interface MiaPosOptions {
  /** The MiaPos client: it holds the device, the session store (tokens, activation) and any seller credentials. */
  readonly client: MiaPosRouterClient
  /** Terminal to activate when `POST /activation` leaves the fields out. */
  readonly terminal?: { readonly terminalId: string; readonly merchantIdno: string } | undefined
  /**
   * Whether the browser may name the terminal in `POST /activation` (default `false`: only the
   * configured `terminal` can be activated, so a cashier can't bind this server to another one).
   */
  readonly allowTerminalFromBody?: boolean | undefined
  /** Current time in epoch ms, for charge expiry (default `Date.now`). */
  readonly now?: (() => number) | undefined
  /** Largest accepted JSON body (default 16 KiB). */
  readonly bodyLimitBytes?: number | undefined
  /** Told about best-effort calls that failed (seller info), default `console.warn`. Never given secrets. */
  readonly onWarning?: ((message: string, error: unknown) => void) | undefined
}
