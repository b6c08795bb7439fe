import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Tracer from "effect/Tracer"
import type { SellerLogin } from "../../internal/auth/pos-session-auth.js"
import type { MiaLogger } from "../../internal/observe/log-events.js"
import { toEffectTracer } from "../../internal/observe/tracer-option.js"
import { defaultRetryPolicy, type RetryPolicy } from "../../internal/pipeline/retry-policy.js"
import { toRedacted } from "../../internal/secret.js"
import {
  checkInteger,
  checkString,
  type Issue,
  isIssue,
  isLoopbackHost,
  issue,
  normalizeEnum
} from "../../internal/validation.js"
import { DEFAULT_POS_TIME_ZONE } from "../date-time.js"
import type { PosPlatformType } from "../model/common.js"
import type { MiaPosClientOptions } from "../options.js"
import { type PosRouteTable, resolvePosRoutes } from "../routes.js"
import { createMemoryPosSessionStore, type PosSessionStore } from "../session/session-store.js"

/** Options after validation and defaults: what a client is built from. */
export interface ResolvedPosOptions {
  readonly baseUrl: string
  readonly deviceHeaders: Readonly<Record<string, string>>
  readonly store: PosSessionStore
  readonly terminalActivationId: string | undefined
  readonly seller: SellerLogin | undefined
  readonly routes: PosRouteTable
  readonly timeoutMs: number
  readonly retry: RetryPolicy
  readonly refreshSkewMs: number
  readonly timeZone: string
  readonly fetch: typeof globalThis.fetch | undefined
  readonly transformClient: MiaPosClientOptions["transformClient"]
  readonly logger: MiaLogger | undefined
  readonly tracer: Tracer.Tracer | undefined
}

const PLATFORM_TYPES: ReadonlyArray<PosPlatformType> = ["ios", "android", "web", "external_system"]
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HEADER_TEXT = /^[\x20-\x7e]*$/

const headerText = (field: string, value: unknown, required: boolean): Issue | undefined =>
  checkString(field, value, { required, max: 200 }) ??
  (typeof value === "string" && !HEADER_TEXT.test(value)
    ? issue(
        field,
        "ascii",
        `${field} must be printable ASCII (it travels as an HTTP header), got ${JSON.stringify(value)}.`
      )
    : undefined)

const version = (field: string, value: unknown, required: boolean): Issue | undefined =>
  value === undefined && required
    ? issue(field, "required", `${field} is required: the integer version of your terminal application.`)
    : checkInteger(field, value, { min: 0, max: Number.MAX_SAFE_INTEGER })

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const resolveDevice = (device: unknown): Record<string, string> | Issue => {
  if (!isObject(device)) {
    return issue(
      "device",
      "required",
      "device is required: { device, platformType, installationId, posAppVersion } (sent as X-* headers)."
    )
  }
  const platformType = normalizeEnum("device.platformType", device.platformType, PLATFORM_TYPES)
  if (isIssue(platformType)) return platformType
  const problem =
    headerText("device.device", device.device, true) ??
    headerText("device.platformVersion", device.platformVersion, false) ??
    (typeof device.installationId === "string" && UUID.test(device.installationId)
      ? undefined
      : issue(
          "device.installationId",
          "uuid",
          "device.installationId must be a UUID generated once per installation (crypto.randomUUID()) and kept across restarts."
        )) ??
    version("device.posAppVersion", device.posAppVersion, true) ??
    version("device.nativeAppVersion", device.nativeAppVersion, false)
  if (problem) return problem
  return {
    "x-device": device.device as string,
    "x-platform-type": platformType,
    ...(device.platformVersion === undefined
      ? {}
      : { "x-platform-version": device.platformVersion as string }),
    "x-installation-id": (device.installationId as string).toLowerCase(),
    ...(device.nativeAppVersion === undefined
      ? {}
      : { "x-native-app-version": String(device.nativeAppVersion) }),
    "x-pos-app-version": String(device.posAppVersion)
  }
}

const resolveSeller = (seller: unknown): ResolvedPosOptions["seller"] | Issue => {
  if (seller === undefined) return undefined
  if (!isObject(seller)) return issue("seller", "required", "seller must be { username, password }.")
  const problem = checkString("seller.username", seller.username, { required: true, max: 200 })
  if (problem) return problem
  const password = Redacted.isRedacted(seller.password)
    ? Redacted.value(seller.password as Redacted.Redacted<unknown>)
    : seller.password
  if (typeof password !== "string" || password === "") {
    return issue("seller.password", "required", "seller.password is required with seller.username.")
  }
  return {
    username: seller.username as string,
    password: toRedacted(seller.password as string | Redacted.Redacted<string>)
  }
}

const isTimeZone = (timeZone: string): boolean => Option.isSome(DateTime.zoneMakeNamed(timeZone))

const isFunctionOrUndefined = (value: unknown): boolean => value === undefined || typeof value === "function"

/** 30 s per attempt, like the MIA QR client. */
const DEFAULT_POS_TIMEOUT_MS = 30_000

/** How long before expiry the access token is refreshed, at most. */
const DEFAULT_REFRESH_SKEW_MS = 30_000

/**
 * Validates the options of a MiaPos client (never echoing the password) and fills defaults.
 * Every way of building a client validates once, here.
 */
export const resolvePosOptions = (options: MiaPosClientOptions): ResolvedPosOptions | Issue => {
  if (!isObject(options)) {
    return issue("options", "required", "Pass { baseUrl, device } to create a MiaPos client.")
  }
  if (typeof options.baseUrl !== "string" || options.baseUrl.trim() === "") {
    return issue(
      "baseUrl",
      "required",
      "baseUrl is required: the MiaPos host your bank gave you (there is no public default), or a local sandbox."
    )
  }
  let url: URL | undefined
  try {
    url = new URL(options.baseUrl)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return issue("baseUrl", "url", `baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}.`)
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return issue(
      "baseUrl",
      "https",
      `baseUrl must use https unless it is a local sandbox (localhost, 127.0.0.1, [::1]): over plain http the seller's password and tokens would travel in clear. Got ${JSON.stringify(options.baseUrl)}.`
    )
  }
  if (/\/pos\/api(\/|$)/.test(url.pathname)) {
    return issue(
      "baseUrl",
      "host_only",
      "baseUrl is the host only: the routes already start with /pos/api/..."
    )
  }
  const deviceHeaders = resolveDevice(options.device)
  if (isIssue(deviceHeaders)) return deviceHeaders
  const seller = resolveSeller(options.seller)
  if (isIssue(seller)) return seller
  const store = options.sessionStore ?? createMemoryPosSessionStore()
  if (!isObject(store) || typeof store.load !== "function" || typeof store.save !== "function") {
    return issue("sessionStore", "interface", "sessionStore must have load() and save(session) methods.")
  }
  const activationProblem = checkString("terminalActivationId", options.terminalActivationId, { max: 100 })
  if (activationProblem) return activationProblem
  const routes = resolvePosRoutes(options.routes)
  if (Array.isArray(routes)) {
    const first = routes[0]!
    return issue(`routes.${first.operation}`, "route", `routes.${first.operation}: ${first.message}.`)
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_POS_TIMEOUT_MS
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return issue(
      "timeoutMs",
      "positive",
      `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`
    )
  }
  const numbers =
    checkInteger("maxRetries", options.maxRetries, { min: 0, max: 10 }) ??
    checkInteger("retryBaseDelayMs", options.retryBaseDelayMs, { min: 0, max: 60_000 }) ??
    checkInteger("refreshSkewMs", options.refreshSkewMs, { min: 0, max: 3_600_000 })
  if (numbers) return numbers
  const timeZone = options.timeZone ?? DEFAULT_POS_TIME_ZONE
  if (typeof timeZone !== "string" || !isTimeZone(timeZone)) {
    return issue(
      "timeZone",
      "time_zone",
      `timeZone must be an IANA zone such as "Europe/Chisinau", got ${JSON.stringify(timeZone)}.`
    )
  }
  if (!isFunctionOrUndefined(options.fetch))
    return issue("fetch", "function", "fetch must be a fetch function.")
  if (!isFunctionOrUndefined(options.logger)) {
    return issue(
      "logger",
      "function",
      "logger must be a function that receives each request and answer event."
    )
  }
  const tracer = options.tracer
  if (tracer !== undefined && (typeof tracer !== "object" || tracer === null)) {
    return issue(
      "tracer",
      "tracer",
      "tracer must be an OpenTelemetry tracer (trace.getTracer(name)) or an Effect Tracer."
    )
  }
  return {
    baseUrl: options.baseUrl.trim().replace(/\/+$/, ""),
    deviceHeaders,
    store,
    terminalActivationId: options.terminalActivationId,
    seller,
    routes: routes as PosRouteTable,
    timeoutMs,
    retry: {
      ...defaultRetryPolicy,
      maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? defaultRetryPolicy.baseDelayMs
    },
    refreshSkewMs: options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS,
    timeZone,
    fetch: options.fetch,
    transformClient: options.transformClient,
    logger: options.logger,
    tracer: tracer === undefined ? undefined : toEffectTracer(tracer)
  }
}
