import { fromMinorUnits } from "@mia-sdk/core"
import { type SandboxClock, createSandboxClock } from "./clock.js"
import { createCallbackDispatcher } from "./internal/callback-dispatcher.js"
import { createControlModule } from "./internal/control/control-module.js"
import { errorResponse, wireErrors } from "./internal/envelope.js"
import { invalidRequest } from "./internal/error-catalog.js"
import { createFaultInjector } from "./internal/fault-injector.js"
import { parseGuid, qrIdFromUrl } from "./internal/ids.js"
import { createAccessTokens } from "./internal/mia/access-tokens.js"
import type { BankContext } from "./internal/mia/bank-context.js"
import { createMiaModule } from "./internal/mia/mia-module.js"
import { SANDBOX_TEST_IBAN, testPay } from "./internal/mia/payment-operations.js"
import { currentTerms } from "./internal/mia/qr-status.js"
import { emptyBooks } from "./internal/mia/records.js"
import { paymentView, qrView, refundView } from "./internal/mia/views.js"
import { mswHandlersFor } from "./internal/msw-adapter.js"
import { listenOnNode, type NodeServerHandle } from "./internal/node-adapter.js"
import { seededRandom } from "./internal/prng.js"
import { emptyRtpBooks } from "./internal/rtp/records.js"
import { createRtpModule } from "./internal/rtp/rtp-module.js"
import { resolveRtpSettings } from "./internal/rtp/rtp-settings.js"
import { type MiaSandboxOptions, resolveSandboxOptions } from "./options.js"
import { createPosSandbox } from "./pos/index.js"
import type { SandboxRouteModule } from "./route-module.js"
import { type MiaSandbox, SandboxPaymentError, type SandboxState } from "./sandbox.js"

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Builds a sandbox bank: in-process state, clock, faults and callback delivery log, reachable
 * through `handle`, msw `handlers` or a loopback server from `listen()`.
 *
 * @throws RangeError or TypeError when an option can't work (the message names it).
 * @example
 * import { setupServer } from "msw/node"
 * import { createMiaSandbox } from "@mia-sdk/sandbox"
 * import { createMiaQrClient } from "@mia-sdk/core"
 *
 * const sandbox = createMiaSandbox({ callbackRetryDelays: [5, 10, 20] })
 * const server = setupServer(...sandbox.handlers)
 * server.listen({ onUnhandledRequest: "bypass" })
 * const client = createMiaQrClient({ baseUrl: sandbox.baseUrl, ...sandbox.credentials })
 */
export const createMiaSandbox = (options: MiaSandboxOptions = {}): MiaSandbox => {
  const settings = resolveSandboxOptions(options)
  const clock: SandboxClock = options.clock ?? createSandboxClock()
  const envelope = {
    errorCodes: settings.quirks.errorCodes,
    errorsWithHttp200: settings.quirks.errorsWithHttp200
  }
  const books = emptyBooks()
  const injector = createFaultInjector(
    seededRandom(settings.seed),
    options.faults ?? [],
    options.callbackFaults ?? {}
  )
  const dispatcher = createCallbackDispatcher({
    signatureKey: settings.signatureKey,
    retryDelays: settings.callbackRetryDelays,
    timeoutMs: settings.callbackTimeout,
    forward: settings.forwardCallback,
    clock,
    plan: injector.callbackPlan
  })
  const context: BankContext = {
    books,
    clock,
    commissionRate: settings.commissionRate,
    urlPolicy: settings.allowHttpUrls,
    signatureKey: settings.signatureKey,
    notify: dispatcher.enqueue
  }
  const tokens = createAccessTokens(settings, settings.tokenExpiresIn, clock)
  const mia = createMiaModule(context, tokens, { envelope, firewall: settings.quirks.firewall })
  // Request to pay shares the host, the token, the envelope and the callback sender with MIA QR.
  const rtp = createRtpModule(
    {
      books: emptyRtpBooks(),
      clock,
      urlPolicy: settings.allowHttpUrls,
      signatureKey: settings.signatureKey,
      settings: resolveRtpSettings(options.rtp ?? {}, settings.commissionRate),
      notify: dispatcher.enqueue
    },
    tokens,
    { envelope, firewall: settings.quirks.firewall }
  )

  // The route modules, tried in order; the first answer wins. Each owns a set of paths and
  // returns `undefined` for the rest. The MiaPos terminal simulator (src/pos, paths under
  // `/pos/`) plugs in here as one more module, next to any the caller passes. RTP comes before
  // MIA QR, which answers every other `/v2/` path (404 for unknown ones).
  const pos = createPosSandbox({ ...options.pos, clock })
  const modules: ReadonlyArray<SandboxRouteModule> = [...(options.modules ?? []), pos, rtp.module, mia]

  const reset = (): void => {
    books.qrs.clear()
    books.payments.clear()
    books.refunds.clear()
    books.sequence = 0
    dispatcher.reset()
    for (const module of modules) module.reset?.()
  }
  // The HTTP face of `clock`, `reset`, `deliveries` and `faults`, for callers without JavaScript.
  const control = settings.controlEndpoints
    ? createControlModule({ clock, reset, deliveries: dispatcher.log, faults: injector.controls }, tokens)
    : undefined

  const handle = async (request: Request): Promise<Response> => {
    try {
      // Control requests skip fault injection: a "drop every request" rule must not lock out the
      // request that removes it.
      const controlled = await control?.handle(request)
      if (controlled) return controlled
      const path = new URL(request.url).pathname
      const decision = injector.decide(request.method, path)
      if (decision.latencyMs > 0) await sleep(decision.latencyMs)
      if (decision.response) return decision.response
      for (const module of modules) {
        const response = await module.handle(request)
        if (response) return response
      }
      return errorResponse(
        [{ ...invalidRequest(`There is no ${request.method} ${path} endpoint`), status: 404 }],
        envelope
      )
    } catch {
      // A bug must still look like the bank's 500, never an unhandled rejection in the server.
      return errorResponse([{ code: "10000" }], envelope)
    }
  }

  const resolveQrId = (qrIdOrUrl: string): string | undefined =>
    parseGuid(qrIdOrUrl) ?? qrIdFromUrl(qrIdOrUrl)

  const state: SandboxState = {
    qrs: () => [...books.qrs.values()].map((qr) => qrView(qr, clock.now())),
    qr: (qrIdOrUrl) => {
      const qr = books.qrs.get(resolveQrId(qrIdOrUrl) ?? "")
      return qr && qrView(qr, clock.now())
    },
    payments: (filter = {}) =>
      [...books.payments.values()]
        .filter((payment) => filter.qrId === undefined || payment.qrId === filter.qrId)
        .filter((payment) => filter.orderId === undefined || payment.orderId === filter.orderId)
        .map(paymentView),
    payment: (payId) => {
      const payment = books.payments.get(payId.toLowerCase())
      return payment && paymentView(payment)
    },
    refunds: (filter = {}) =>
      [...books.refunds.values()]
        .filter((refund) => filter.payId === undefined || refund.payId === filter.payId)
        .map(refundView),
    refund: (refundId) => {
      const refund = books.refunds.get(refundId.toLowerCase())
      return refund && refundView(refund)
    }
  }

  const pay: MiaSandbox["pay"] = async (input) => {
    const qrId = resolveQrId(input.qrId) ?? input.qrId
    const qr = books.qrs.get(qrId)
    const terms = qr && currentTerms(qr)
    const defaultAmount = terms?.amount ?? terms?.amountMin
    const outcome = testPay(context, {
      qrId,
      amount: input.amount ?? (defaultAmount === undefined ? undefined : fromMinorUnits(defaultAmount)),
      iban: input.iban ?? SANDBOX_TEST_IBAN,
      currency: "MDL",
      payerName: input.payerName ?? "TEST QR PAYMENT"
    })
    if (!outcome.ok) throw new SandboxPaymentError(wireErrors(outcome.errors, envelope.errorCodes))
    return outcome.value
  }

  const servers = new Set<NodeServerHandle>()
  const listen: MiaSandbox["listen"] = async (listenOptions = {}) => {
    const server = await listenOnNode(handle, {
      port: listenOptions.port ?? 0,
      host: listenOptions.host ?? "127.0.0.1"
    })
    servers.add(server)
    return {
      url: server.url,
      port: server.port,
      close: async () => {
        servers.delete(server)
        await server.close()
      }
    }
  }

  const close = async (): Promise<void> => {
    dispatcher.close()
    await Promise.all([...servers].map((server) => server.close()))
    servers.clear()
    for (const module of modules) await module.close?.()
  }

  let handlers: MiaSandbox["handlers"] | undefined
  return {
    handle,
    get handlers() {
      handlers ??= mswHandlersFor(settings.baseUrl, handle)
      return handlers
    },
    baseUrl: settings.baseUrl,
    clock,
    credentials: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      signatureKey: settings.signatureKey
    },
    state,
    faults: injector.controls,
    deliveries: dispatcher.log,
    pos,
    rtp: rtp.sandbox,
    pay,
    listen,
    reset,
    close,
    [Symbol.asyncDispose]: close
  }
}
