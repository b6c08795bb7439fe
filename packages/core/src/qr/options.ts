import type * as HttpClient from "effect/http/HttpClient"
import type * as Redacted from "effect/Redacted"
import type { MiaLogger } from "../internal/observe/log-events.js"
import type { MiaTracer } from "../internal/observe/tracer-option.js"
import type { MiaEnvironment } from "./environment.js"

/**
 * Settings of a MIA QR client. Secrets may be plain strings or `Redacted`; they are kept
 * `Redacted` inside the client and never logged.
 *
 * @example
 * const options: MiaQrClientOptions = {
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: Redacted.make(process.env.MIA_CLIENT_SECRET!),
 *   environment: "sandbox"
 * }
 */
export interface MiaQrClientOptions {
  readonly clientId: string | Redacted.Redacted<string>
  readonly clientSecret: string | Redacted.Redacted<string>
  /** The project's Signature Key, for `verifyCallback`. */
  readonly signatureKey?: string | Redacted.Redacted<string> | undefined
  /** Default `"sandbox"`, so a forgotten setting never moves real money. Ignored when `baseUrl` is set. */
  readonly environment?: MiaEnvironment | undefined
  /** Host only, e.g. `https://sandbox.maibmerchants.md` or a local sandbox; the client adds `/v2/...`. */
  readonly baseUrl?: string | undefined
  /** Per HTTP attempt, default 30 000 ms. */
  readonly timeoutMs?: number | undefined
  /** Automatic retries of GETs and token calls on network errors, timeouts, 429 and 5xx. Default 2. */
  readonly maxRetries?: number | undefined
  /** Base delay of the exponential backoff, default 500 ms. */
  readonly retryBaseDelayMs?: number | undefined
  /**
   * Refund endpoint: `"current"` (`/v2/payments/{payId}/refund`, default) or `"legacy"`
   * (`/v2/mia/payments/{payId}/refund`, older accounts; full refunds only).
   */
  readonly refundPath?: "current" | "legacy" | undefined
  /**
   * Receives an event per request and answer (secrets and payer data redacted). Must not throw.
   */
  readonly logger?: MiaLogger | undefined
  /**
   * Where the operation spans (`MiaQrClient.getQr`, …) go: an OpenTelemetry tracer
   * (`trace.getTracer("shop")`) or an Effect `Tracer`. Effect users can provide a tracer layer instead.
   */
  readonly tracer?: MiaTracer | undefined
  /** A `fetch` implementation (proxies, tests); default `globalThis.fetch` at call time. */
  readonly fetch?: typeof globalThis.fetch | undefined
  /** Wraps the `HttpClient` (proxy, logging, extra headers); only used by `MiaQrClient.layerHttpClient`. */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}
