import type { SandboxClock } from "./clock.js"
import type { CallbackFaults, FaultRule } from "./faults.js"
import type { SandboxRouteModule } from "./route-module.js"
import type { PosSandboxOptions } from "./pos/index.js"
import type { SandboxRtpOptions } from "./rtp-options.js"

/**
 * The credentials a sandbox uses unless told otherwise: the example values of maib's docs, so
 * snippets copied from the docs work against it out of the box.
 *
 * @example
 * import { DEFAULT_SANDBOX_CREDENTIALS } from "@mia-sdk/sandbox"
 * const { clientId, clientSecret, signatureKey } = DEFAULT_SANDBOX_CREDENTIALS
 */
export const DEFAULT_SANDBOX_CREDENTIALS = {
  clientId: "749c564f-1a65-48e3-a4bf-b7932b6ae3db",
  clientSecret: "0d922db8-9a2f-4c66-a60d-76a762c9bb04",
  signatureKey: "8508706b-3454-4733-8295-56e617c4abcf"
} as const

/**
 * Pauses between callback re-sends, in ms: maib's published schedule of 10 s, 60 s, 300 s,
 * 600 s, 1 h, 12 h and 24 h.
 *
 * @example
 * import { DEFAULT_CALLBACK_RETRY_DELAYS } from "@mia-sdk/sandbox"
 * DEFAULT_CALLBACK_RETRY_DELAYS[0] // 10_000
 */
export const DEFAULT_CALLBACK_RETRY_DELAYS: ReadonlyArray<number> = [
  10_000, 60_000, 300_000, 600_000, 3_600_000, 43_200_000, 86_400_000
]

/**
 * Behaviours of the real platform that a client must cope with, each one switchable.
 *
 * @example
 * const quirks: SandboxQuirks = { firewall: false, errorsWithHttp200: true, errorCodes: "namespaced" }
 */
export interface SandboxQuirks {
  /**
   * Answer a bodyless GET that carries `Content-Type` with the web application firewall's
   * HTTP 403 `{"supportID": "..."}`. Default `true`.
   */
  readonly firewall?: boolean
  /** Send business and validation errors with HTTP 200 and no `ok` field. Default `false`. */
  readonly errorsWithHttp200?: boolean
  /** `"14005"` (default, the docs' example) or `"maib.merchant.payments-14005"` (seen live). */
  readonly errorCodes?: "numeric" | "namespaced"
}

/**
 * How to build a sandbox. Every field is optional.
 *
 * @example
 * import { createMiaSandbox, createSandboxClock } from "@mia-sdk/sandbox"
 *
 * const sandbox = createMiaSandbox({
 *   clientId: "my-client", clientSecret: "my-secret", signatureKey: "my-key",
 *   tokenExpiresIn: 300,
 *   callbackRetryDelays: [5, 10, 20],
 *   clock: createSandboxClock(Date.parse("2026-01-01T00:00:00Z")),
 *   seed: 42,
 *   faults: [{ method: "GET", rate: 0.1, fault: { type: "status", status: 503 } }]
 * })
 */
export interface MiaSandboxOptions {
  /** Accepted by `POST /v2/auth/token`. Default {@link DEFAULT_SANDBOX_CREDENTIALS}. */
  readonly clientId?: string
  readonly clientSecret?: string
  /** The project's Signature Key that callbacks are signed with. */
  readonly signatureKey?: string
  /** Lifetime of an access token, in seconds. Default 300 (the docs' example). */
  readonly tokenExpiresIn?: number
  /** Pauses between callback re-sends, in ms. Default {@link DEFAULT_CALLBACK_RETRY_DELAYS}. */
  readonly callbackRetryDelays?: ReadonlyArray<number>
  /** How long one callback POST may take, in ms, before it counts as failed. Default 10000. */
  readonly callbackTimeout?: number
  /**
   * Which `http:` callback and redirect URLs to take besides `https:` ones: only loopback hosts
   * (`localhost`, `127.0.0.1`, `[::1]`; the default), any, or none (the bank's own rule).
   */
  readonly allowHttpUrls?: "loopback" | "always" | "never"
  /**
   * Delivers callbacks somewhere else than the URL the merchant registered, as `stripe listen
   * --forward-to` does: a base URL replaces the callback URL's origin (`https://shop.md/mia/cb`
   * -> `http://127.0.0.1:3000/mia/cb`); a function maps each URL. Lets a merchant keep the
   * HTTPS callback URL the bank requires while a local server receives the callbacks.
   */
  readonly forwardCallbacksTo?: string | ((callbackUrl: string) => string)
  /** The sandbox's time. Default: the system time, movable with `advance`. */
  readonly clock?: SandboxClock
  /** Origin the msw `handlers` answer for. Default `https://sandbox.maibmerchants.md`. */
  readonly baseUrl?: string
  /** Fee charged on each payment, as a fraction. Default 0.01 (1 %, as in the docs' example). */
  readonly commissionRate?: number
  /** Seed of the generator behind rate-based faults. Same seed, same requests: same faults. Default 1. */
  readonly seed?: number
  /** Fault rules in force from the start. */
  readonly faults?: ReadonlyArray<FaultRule>
  /** Callback faults in force from the start. */
  readonly callbackFaults?: CallbackFaults
  readonly quirks?: SandboxQuirks
  /** Extra route modules, tried in order before the MIA QR API. */
  readonly modules?: ReadonlyArray<SandboxRouteModule>
  /** The MiaPos terminal simulator behind `/pos/` paths (it shares this sandbox's clock). Zero config works. */
  readonly pos?: Omit<PosSandboxOptions, "clock">
  /** Switches for what the request-to-pay docs leave open; every default is the likeliest reading. */
  readonly rtp?: SandboxRtpOptions
  /**
   * Answer the control endpoints under `/v2/sandbox/` (clock, reset, deliveries, faults), which
   * let any HTTP client drive the sandbox. Default `true`; turn them off when the server is
   * reachable by people who should not reset it or move its clock (they then answer 404).
   */
  readonly controlEndpoints?: boolean
}

/** The options with every default filled in and checked. */
export interface ResolvedSandboxOptions {
  readonly clientId: string
  readonly clientSecret: string
  readonly signatureKey: string
  readonly tokenExpiresIn: number
  readonly callbackRetryDelays: ReadonlyArray<number>
  readonly callbackTimeout: number
  readonly allowHttpUrls: "loopback" | "always" | "never"
  readonly forwardCallback: (callbackUrl: string) => string
  readonly baseUrl: string
  readonly commissionRate: number
  readonly seed: number
  readonly quirks: Required<SandboxQuirks>
  readonly controlEndpoints: boolean
}

const nonEmpty = (name: string, value: string | undefined, fallback: string): string => {
  if (value === undefined) return fallback
  if (typeof value !== "string" || value.trim() === "")
    throw new TypeError(`${name} must be a non-empty string.`)
  return value
}

const resolveForwarding = (target: MiaSandboxOptions["forwardCallbacksTo"]): ((url: string) => string) => {
  if (target === undefined) return (url) => url
  if (typeof target === "function") return target
  let base: URL
  try {
    base = new URL(target)
  } catch {
    throw new TypeError(
      `forwardCallbacksTo must be an absolute URL such as http://127.0.0.1:3000, got ${target}.`
    )
  }
  const prefix = base.href.replace(/\/+$/, "")
  return (url) => {
    const original = new URL(url)
    return `${prefix}${original.pathname}${original.search}`
  }
}

/**
 * Fills in defaults and rejects settings that can't work, naming the option to fix.
 *
 * @throws RangeError or TypeError for an invalid option.
 */
export const resolveSandboxOptions = (options: MiaSandboxOptions): ResolvedSandboxOptions => {
  const tokenExpiresIn = options.tokenExpiresIn ?? 300
  if (!Number.isInteger(tokenExpiresIn) || tokenExpiresIn <= 0) {
    throw new RangeError("tokenExpiresIn must be a whole number of seconds > 0.")
  }
  const callbackRetryDelays = [...(options.callbackRetryDelays ?? DEFAULT_CALLBACK_RETRY_DELAYS)]
  if (callbackRetryDelays.some((delay) => !(Number.isFinite(delay) && delay >= 0))) {
    throw new RangeError("callbackRetryDelays must be milliseconds >= 0.")
  }
  const callbackTimeout = options.callbackTimeout ?? 10_000
  if (!(Number.isFinite(callbackTimeout) && callbackTimeout > 0)) {
    throw new RangeError("callbackTimeout must be milliseconds > 0.")
  }
  const commissionRate = options.commissionRate ?? 0.01
  if (!(commissionRate >= 0 && commissionRate < 1)) throw new RangeError("commissionRate must be in [0, 1).")
  const seed = options.seed ?? 1
  if (!Number.isFinite(seed)) throw new RangeError("seed must be a finite number.")
  const baseUrl = (options.baseUrl ?? "https://sandbox.maibmerchants.md").replace(/\/+$/, "")
  try {
    new URL(baseUrl)
  } catch {
    throw new TypeError(
      `baseUrl must be an absolute URL such as https://sandbox.maibmerchants.md, got ${baseUrl}.`
    )
  }
  return {
    forwardCallback: resolveForwarding(options.forwardCallbacksTo),
    clientId: nonEmpty("clientId", options.clientId, DEFAULT_SANDBOX_CREDENTIALS.clientId),
    clientSecret: nonEmpty("clientSecret", options.clientSecret, DEFAULT_SANDBOX_CREDENTIALS.clientSecret),
    signatureKey: nonEmpty("signatureKey", options.signatureKey, DEFAULT_SANDBOX_CREDENTIALS.signatureKey),
    tokenExpiresIn,
    callbackRetryDelays,
    callbackTimeout,
    allowHttpUrls: options.allowHttpUrls ?? "loopback",
    baseUrl,
    commissionRate,
    seed,
    controlEndpoints: options.controlEndpoints ?? true,
    quirks: {
      firewall: options.quirks?.firewall ?? true,
      errorsWithHttp200: options.quirks?.errorsWithHttp200 ?? false,
      errorCodes: options.quirks?.errorCodes ?? "numeric"
    }
  }
}
