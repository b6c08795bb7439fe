import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"
import type { MiaLogger } from "../internal/observe/log-events.js"
import { toEffectTracer } from "../internal/observe/tracer-option.js"
import { defaultRetryPolicy, type RetryPolicy } from "../internal/pipeline/retry-policy.js"
import { toRedacted } from "../internal/secret.js"
import { checkInteger, type Issue, isIssue, issue, isLoopbackHost } from "../internal/validation.js"
import { MIA_BASE_URLS, type MiaEnvironment } from "./environment.js"
import type { MiaQrClientOptions } from "./options.js"

/**
 * Options of any client on the MIA host (QR, RTP) after validation and defaults.
 *
 * @example
 * const resolved = resolveMiaOptions({ clientId: "id", clientSecret: "secret" })
 */
export interface ResolvedMiaOptions {
  readonly clientId: Redacted.Redacted<string>
  readonly clientSecret: Redacted.Redacted<string>
  readonly signatureKey: Redacted.Redacted<string> | undefined
  readonly baseUrl: string
  readonly timeoutMs: number
  readonly retry: RetryPolicy
  readonly transformClient: MiaQrClientOptions["transformClient"]
  readonly fetch: typeof globalThis.fetch | undefined
  readonly logger: MiaLogger | undefined
  readonly tracer: Tracer.Tracer | undefined
}

/**
 * MIA QR options after validation and defaults: the shared MIA options and the refund endpoint.
 *
 * @example
 * const resolved = resolveQrOptions({ clientId: "id", clientSecret: "secret" })
 */
export interface ResolvedQrOptions extends ResolvedMiaOptions {
  readonly refundPath: "current" | "legacy"
}

/** 30 s per attempt: generous for a bank, short enough that a hung connection surfaces. */
export const DEFAULT_TIMEOUT_MS = 30_000

const isNonBlankSecret = (value: unknown): boolean => {
  const text = Redacted.isRedacted(value) ? Redacted.value(value as Redacted.Redacted<unknown>) : value
  return typeof text === "string" && text.trim() !== ""
}

/**
 * Validates the options every MIA client shares (never echoing a secret) and fills defaults:
 * environment `sandbox`, timeout 30 s, 2 retries.
 *
 * @example
 * resolveMiaOptions({ clientId: "", clientSecret: "s" }) // { field: "clientId", rule: "required", ... }
 */
export const resolveMiaOptions = (
  options: Omit<MiaQrClientOptions, "refundPath">
): ResolvedMiaOptions | Issue => {
  if (typeof options !== "object" || options === null) {
    return issue("options", "required", "Pass { clientId, clientSecret } (from maib) to create a client.")
  }
  if (!isNonBlankSecret(options.clientId)) {
    return issue(
      "clientId",
      "required",
      "clientId is required: the project's Client ID from maibmerchants (MIA_CLIENT_ID)."
    )
  }
  if (!isNonBlankSecret(options.clientSecret)) {
    return issue(
      "clientSecret",
      "required",
      "clientSecret is required: the project's Client Secret from maibmerchants (MIA_CLIENT_SECRET)."
    )
  }
  if (options.signatureKey !== undefined && !isNonBlankSecret(options.signatureKey)) {
    return issue(
      "signatureKey",
      "required",
      "signatureKey, when given, must be the project's non-empty Signature Key."
    )
  }
  const environment: MiaEnvironment = options.environment ?? "sandbox"
  if (environment !== "sandbox" && environment !== "production") {
    return issue(
      "environment",
      "one_of",
      `environment must be "sandbox" or "production", got ${JSON.stringify(environment)}.`
    )
  }
  let baseUrl = MIA_BASE_URLS[environment]
  if (options.baseUrl !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(options.baseUrl)
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      return issue(
        "baseUrl",
        "url",
        `baseUrl must be an http(s) URL such as https://sandbox.maibmerchants.md, got ${JSON.stringify(options.baseUrl)}.`
      )
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
      return issue(
        "baseUrl",
        "https",
        `baseUrl must use https unless it is a local sandbox (localhost, 127.0.0.1, [::1]): over plain http the client secret would travel in clear. Got ${JSON.stringify(options.baseUrl)}.`
      )
    }
    if (/\/v2\/?$/.test(url.pathname)) {
      return issue(
        "baseUrl",
        "host_only",
        "baseUrl is the host only (e.g. https://sandbox.maibmerchants.md): the client adds /v2/... itself."
      )
    }
    baseUrl = options.baseUrl.replace(/\/+$/, "")
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return issue(
      "timeoutMs",
      "positive",
      `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`
    )
  }
  const retries =
    checkInteger("maxRetries", options.maxRetries, { min: 0, max: 10 }) ??
    checkInteger("retryBaseDelayMs", options.retryBaseDelayMs, { min: 0, max: 60_000 })
  if (retries) return retries
  return {
    clientId: toRedacted(options.clientId),
    clientSecret: toRedacted(options.clientSecret),
    signatureKey: options.signatureKey === undefined ? undefined : toRedacted(options.signatureKey),
    baseUrl,
    timeoutMs,
    retry: {
      ...defaultRetryPolicy,
      maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? defaultRetryPolicy.baseDelayMs
    },
    transformClient: options.transformClient,
    fetch: options.fetch,
    logger: typeof options.logger === "function" ? options.logger : undefined,
    tracer: options.tracer === undefined ? undefined : toEffectTracer(options.tracer)
  }
}

/**
 * Validates MIA QR client options and fills defaults: those of {@link resolveMiaOptions} and the
 * current refund endpoint.
 *
 * @example
 * resolveQrOptions({ clientId: "", clientSecret: "s" }) // { field: "clientId", rule: "required", ... }
 */
export const resolveQrOptions = (options: MiaQrClientOptions): ResolvedQrOptions | Issue => {
  const shared = resolveMiaOptions(options)
  if (isIssue(shared)) return shared
  const refundPath = options.refundPath ?? "current"
  if (refundPath !== "current" && refundPath !== "legacy") {
    return issue(
      "refundPath",
      "one_of",
      `refundPath must be "current" or "legacy", got ${JSON.stringify(refundPath)}.`
    )
  }
  return { ...shared, refundPath }
}
