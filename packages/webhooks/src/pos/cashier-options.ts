import type { MiaPosPromiseClient } from "@mia-sdk/core"
import type { PosCashierStateStore } from "./cashier-state.js"

/**
 * The parts of the MiaPos client the cashier uses (`createMiaPosClient` from `@mia-sdk/core`).
 *
 * @example
 * const client: PosCashierClient = createMiaPosClient({ baseUrl, device, sessionStore })
 */
export type PosCashierClient = Pick<
  MiaPosPromiseClient,
  "activation" | "seller" | "session" | "shift" | "qr" | "reports"
>

/**
 * Options of `createPosCashier`.
 *
 * @example
 * const options: PosCashierOptions = {
 *   client: createMiaPosClient({ baseUrl, device, sessionStore }),
 *   terminal: { terminalId: "10001", merchantIdno: "1003600012345" }
 * }
 */
export interface PosCashierOptions {
  /** The MiaPos client: it holds the device, the session store (tokens, activation) and any seller credentials. */
  readonly client: PosCashierClient
  /** Terminal to activate when `startActivation` leaves the fields out. */
  readonly terminal?: { readonly terminalId: string; readonly merchantIdno: string } | undefined
  /**
   * Whether `startActivation` may name the terminal (default `false`: only the configured
   * `terminal` can be activated, so a cashier can't bind this server to another one).
   */
  readonly allowTerminalFromBody?: boolean | undefined
  /** Current time in epoch ms, for charge expiry (default `Date.now`). */
  readonly now?: (() => number) | undefined
  /** Told about best-effort calls that failed (seller info), default `console.warn`. Never given secrets. */
  readonly onWarning?: ((message: string, error: unknown) => void) | undefined
  /**
   * Where the cashier state lives (default `createMemoryPosCashierState()`: this process only;
   * `createSqlPosCashierState({ db, tillId })` for several servers of one till).
   */
  readonly state?: PosCashierStateStore | undefined
}
