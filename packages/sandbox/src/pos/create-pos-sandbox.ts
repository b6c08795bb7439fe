import type { SandboxClock } from "../clock.js"
import { activationRoutes } from "./handlers/activation.js"
import { qrV1Routes } from "./handlers/qr-v1.js"
import { qrV2Routes } from "./handlers/qr-v2.js"
import { reportRoutes } from "./handlers/reports.js"
import { sandboxToolRoutes } from "./handlers/sandbox-tools.js"
import { sellerRoutes } from "./handlers/seller.js"
import { settingsRoutes } from "./handlers/settings.js"
import { shiftRoutes } from "./handlers/shift.js"
import { transactionRoutes } from "./handlers/transactions.js"
import { authenticate } from "./internal/authenticate.js"
import { resolvePosConfig } from "./internal/config.js"
import { formatPosDateTime } from "@mia-sdk/core"
import { toMinor } from "../internal/money.js"
import { type PosPaymentOutcome, type PosPaymentRequest, payQr } from "./internal/pay-qr.js"
import { jsonResponse, PosHttpError } from "./internal/responses.js"
import { createRouteMatcher } from "./internal/route-matcher.js"
import type { PosRequestContext, PosRoute, PosRuntime } from "./internal/runtime.js"
import type { PosSandboxOptions } from "./options.js"
import { createOtpInbox, type PosOtpInbox } from "./otp-inbox.js"
import type { PosRecordedRequest } from "./records.js"
import type { PosSandboxRoute } from "./sandbox-route.js"
import { createPosStore, type PosSandboxState } from "./state.js"

/**
 * A running MiaPos terminal-API simulator. `handle` is the whole simulator; the msw handlers,
 * the HTTP server and the CLI of `@mia-sdk/sandbox` are adapters over it.
 *
 * @example
 * const pos = createPosSandbox()
 * const response = await pos.handle(new Request("http://sandbox/pos/api/v1/shift/check"))
 * response?.status // 401: no bearer token yet
 */
export interface PosSandbox {
  /** Answers a MiaPos request, or resolves `undefined` when the path is not under `/pos/`. */
  handle(request: Request): Promise<Response | undefined>
  readonly state: PosSandboxState
  /** The "SMS" inbox where activation codes arrive. */
  readonly inbox: PosOtpInbox
  readonly clock: SandboxClock
  /** Every route the simulator answers, with where its path comes from. */
  readonly routes: ReadonlyArray<PosSandboxRoute>
  /**
   * Pays a QR as a customer would (same as `POST /pos/api/sandbox/qr/{qrId}/pay`).
   * @throws RangeError when `amount` is not a positive amount of at most 100000 with 2 decimals.
   */
  pay(qrId: string, payment?: PosPaymentRequest): PosPaymentOutcome
  /** Forgets activations, sessions, shifts, QRs, transactions and inbox messages; settings return to configuration. */
  reset(): void
}

const MAX_BODY_BYTES = 1_048_576

const readJsonBody = async (request: Request): Promise<unknown> => {
  if (request.method === "GET" || request.method === "HEAD") return undefined
  const text = await request.text()
  if (text.length > MAX_BODY_BYTES) {
    throw new PosHttpError(413, "payload_too_large", "The request body is larger than 1 MiB.")
  }
  if (text.trim().length === 0) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new PosHttpError(400, "bad_request", "The request body is not valid JSON.")
  }
}

const recordedHeaders = (request: Request): Record<string, string> => {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    // Tokens are secrets: tests learn that one was sent, not what it was.
    headers[name] = name === "authorization" ? value.replace(/^(\S+)\s+.*$/, "$1 ***") : value
  })
  return headers
}

/**
 * Creates the MiaPos terminal simulator: terminals and sellers from configuration, activation
 * with OTP codes delivered to {@link PosSandbox.inbox}, seller tokens that expire on the given
 * clock, shifts, v2 and v1 QR flows, transactions and returns, X/Z reports and receipts in pdf,
 * png, txt and json, and QR settings. Sandbox-only helpers live under `/pos/api/sandbox/`.
 *
 * @example
 * import { createPosSandbox, createSandboxClock } from "@mia-sdk/sandbox"
 *
 * const clock = createSandboxClock(Date.parse("2026-03-01T08:00:00Z"))
 * const pos = createPosSandbox({ clock, accessTokenLifetimeSeconds: 60 })
 * const init = await pos.handle(
 *   new Request("http://localhost/pos/api/v1/terminal-activation/init", {
 *     method: "POST",
 *     headers: {
 *       "content-type": "application/json",
 *       "x-device": "Pixel 8",
 *       "x-platform-type": "android",
 *       "x-installation-id": crypto.randomUUID(),
 *       "x-pos-app-version": "1"
 *     },
 *     body: JSON.stringify({ terminalId: "10001", merchantIdno: "1003600012345" })
 *   })
 * )
 * const { terminalActivationId } = await init!.json()
 * const otpCode = pos.inbox.latestCode({ terminalActivationId })
 */
export const createPosSandbox = (options: PosSandboxOptions = {}): PosSandbox => {
  const config = resolvePosConfig(options)
  const store = createPosStore()
  const inbox = createOtpInbox()
  const runtime: PosRuntime = {
    config,
    store,
    inbox,
    terminals: new Map(config.terminals.map((terminal) => [terminal.terminalId, terminal])),
    sellers: new Map(config.sellers.map((seller) => [seller.id, seller])),
    local: (epochMilliseconds) => formatPosDateTime(epochMilliseconds, config.timeZone)
  }
  const seedSettings = () => {
    const now = config.clock.now()
    for (const terminal of config.terminals)
      store.settings.set(terminal.terminalId, { ...terminal.settings, whenUpdated: now })
  }
  seedSettings()

  const routeTable: PosRoute[] = [
    ...activationRoutes(runtime),
    ...sellerRoutes(runtime),
    ...shiftRoutes(runtime),
    ...qrV2Routes(runtime),
    ...qrV1Routes(runtime),
    ...reportRoutes(runtime),
    ...transactionRoutes(runtime),
    ...settingsRoutes(runtime),
    ...sandboxToolRoutes(runtime, () => routes)
  ]
  const routes: ReadonlyArray<PosSandboxRoute> = routeTable.map(
    ({ method, path, operation, source, auth }) => ({
      method,
      path,
      operation,
      source,
      auth
    })
  )
  const match = createRouteMatcher(routeTable)

  const dispatch = async (request: Request, url: URL): Promise<Response> => {
    const found = match(request.method.toUpperCase(), url.pathname)
    if (found.kind === "none") {
      throw new PosHttpError(
        404,
        "route_not_found",
        `No MiaPos route for ${request.method} ${url.pathname}; GET /pos/api/sandbox/routes lists them.`
      )
    }
    if (found.kind === "wrong-method") {
      throw new PosHttpError(
        405,
        "method_not_allowed",
        `${url.pathname} answers ${found.allowed.join(", ")}, not ${request.method}.`,
        { allow: found.allowed.join(", ") }
      )
    }
    const { route, params } = found.match
    const body = await readJsonBody(request)
    const context: PosRequestContext = {
      request,
      url,
      params,
      body,
      now: config.clock.now(),
      terminalId: undefined
    }
    try {
      if (!route.auth) return await route.handle(context)
      const seller = authenticate(runtime, request, context.now)
      context.terminalId = seller.terminal.terminalId
      return await route.handle(context, seller)
    } finally {
      if (context.terminalId !== undefined && route.source !== "sandbox") {
        const recorded: PosRecordedRequest = {
          method: request.method.toUpperCase(),
          path: url.pathname,
          operation: route.operation,
          headers: recordedHeaders(request),
          at: context.now
        }
        store.lastRequests.set(context.terminalId, recorded)
      }
    }
  }

  return {
    handle: async (request) => {
      let url: URL
      try {
        url = new URL(request.url)
      } catch {
        return undefined
      }
      if (!url.pathname.startsWith("/pos/")) return undefined
      let response: Response
      try {
        response = await dispatch(request, url)
      } catch (error) {
        response =
          error instanceof PosHttpError
            ? error.toResponse()
            : jsonResponse(
                {
                  result: "internal_error",
                  errorCode: "internal_error",
                  errorMessage: `The MiaPos sandbox failed on ${request.method} ${url.pathname}: ${
                    error instanceof Error ? error.message : String(error)
                  }`
                },
                500
              )
      }
      const correlationId = request.headers.get("x-correlation-id")
      if (correlationId !== null) response.headers.set("x-correlation-id", correlationId)
      return response
    },
    state: store,
    inbox,
    clock: config.clock,
    routes,
    pay: (qrId, payment = {}) => {
      const amountMinor = payment.amount === undefined ? undefined : toMinor(payment.amount)
      if (payment.amount !== undefined && amountMinor === undefined) {
        throw new RangeError(
          `amount must be greater than 0 and at most 100000 with at most 2 decimals, got ${payment.amount}.`
        )
      }
      return payQr(runtime, qrId, amountMinor, payment, config.clock.now())
    },
    reset: () => {
      store.clear()
      inbox.clear()
      seedSettings()
    }
  }
}
