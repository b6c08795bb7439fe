import type * as HttpClient from "effect/http/HttpClient"
import type { MiaLogger } from "../internal/observe/log-events.js"
import type { MiaTracer } from "../internal/observe/tracer-option.js"
import type { PosSellerCredentials } from "./inputs.js"
import type { PosPlatformType } from "./model/common.js"
import type { PosRouteOverrides } from "./routes.js"
import type { PosSessionStore } from "./session/session-store.js"

/**
 * The device the terminal app runs on, sent as headers on every call (`X-DEVICE`,
 * `X-PLATFORM-TYPE`, `X-PLATFORM-VERSION`, `X-INSTALLATION-ID`, `X-NATIVE-APP-VERSION`,
 * `X-POS-APP-VERSION`). Values must be printable ASCII.
 *
 * @example
 * const device: PosDeviceInfo = {
 *   device: "Cash register 3", platformType: "external_system", installationId: "628f8a47-50a4-47e4-be12-af6c4dac9573",
 *   posAppVersion: 1
 * }
 */
export interface PosDeviceInfo {
  /** `X-DEVICE`: device model or browser name, e.g. "iPhone 14". */
  readonly device: string
  /** `X-PLATFORM-TYPE`: `external_system` for a server or cash register integration. */
  readonly platformType: PosPlatformType
  /** `X-PLATFORM-VERSION`, e.g. "14.2". */
  readonly platformVersion?: string | undefined
  /** `X-INSTALLATION-ID`: a UUID generated once per installation; keep it stable across restarts. */
  readonly installationId: string
  /** `X-NATIVE-APP-VERSION`: integer container version. */
  readonly nativeAppVersion?: number | undefined
  /** `X-POS-APP-VERSION`: integer application version. */
  readonly posAppVersion: number
}

/**
 * Settings of a MiaPos terminal client. There is no public default host: every bank runs its
 * own deployment, so `baseUrl` is required (https; plain http only for a local sandbox).
 *
 * @example
 * const options: MiaPosClientOptions = {
 *   baseUrl: "https://miapos.example-bank.md",
 *   device: { device: "Kiosk 3", platformType: "external_system", installationId, posAppVersion: 1 },
 *   seller: { username: "seller", password: Redacted.make(process.env.MIAPOS_SELLER_PASSWORD!) }
 * }
 */
export interface MiaPosClientOptions {
  /** Origin (and optional prefix) of your bank's MiaPos deployment; routes start with `/pos/api/...`. Plain http only for localhost, 127.0.0.1 and [::1]. */
  readonly baseUrl: string
  readonly device: PosDeviceInfo
  /** Where the activation id, tokens and current shift are kept. Default: in memory. */
  readonly sessionStore?: PosSessionStore | undefined
  /** An activation made elsewhere; used when the store holds none. */
  readonly terminalActivationId?: string | undefined
  /**
   * Seller credentials. With them the client logs in by itself when there is no token pair or
   * the refresh token is refused; without them it fails with `MiaPosSessionError("login_required")`.
   */
  readonly seller?: PosSellerCredentials | undefined
  /** Per-operation path (and method) overrides, for deployments whose paths differ. */
  readonly routes?: PosRouteOverrides | undefined
  /** Per HTTP attempt, default 30 000 ms. */
  readonly timeoutMs?: number | undefined
  /** Automatic retries of safe operations (reads and login) on network errors, timeouts, 429 and 5xx. Default 2. */
  readonly maxRetries?: number | undefined
  /** Base delay of the exponential backoff, default 500 ms. */
  readonly retryBaseDelayMs?: number | undefined
  /** The access token is refreshed this long before it expires (at most a tenth of its lifetime). Default 30 000 ms. */
  readonly refreshSkewMs?: number | undefined
  /** Zone of the offset-less date-times the API prints. Default `Europe/Chisinau`. */
  readonly timeZone?: string | undefined
  /** A `fetch` implementation (proxies, tests); default `globalThis.fetch` at call time. */
  readonly fetch?: typeof globalThis.fetch | undefined
  /** With `makeMiaPosClientWithHttpClient` / `MiaPosClient.layerHttpClient`: wraps the HTTP client (proxy, logging, extra headers). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
  /** Receives every request and answer, with secrets and payer data redacted. It must not throw. */
  readonly logger?: MiaLogger | undefined
  /** Where the spans go (`MiaPosClient.createQr`, ...): an OpenTelemetry tracer or an Effect `Tracer`. Default: the Effect context's tracer. */
  readonly tracer?: MiaTracer | undefined
}
