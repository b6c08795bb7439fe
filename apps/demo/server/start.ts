import { randomUUID } from "node:crypto"
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import {
  createMiaPosClient,
  createMiaQrClient,
  createMiaRtpClient,
  type MiaQrPromiseClient,
  type MiaRtpPromiseClient
} from "@mia-sdk/core"
import { miaCheckout, miaErrorHandler, miaPos, miaWebhook } from "@mia-sdk/express"
import { createMiaSandbox, createPosSandbox, type MiaSandbox } from "@mia-sdk/sandbox"
import {
  createMiaReconciler,
  createSqlOrderStore,
  type MiaReconciler,
  type OrderReconciliation,
  type OrderStore,
  openRtp
} from "@mia-sdk/webhooks"
import type { DemoInfo, ReconcileSummary } from "../shared/types.js"
import { createAdminGuard } from "./admin-guard.js"
import { createDemoApp, WEBHOOK_PATH } from "./app.js"
import { assertDemoConfig, type DemoConfig, DEFAULT_STATIC_DIR, readDemoConfig } from "./config.js"
import { openDatabase } from "./database.js"
import { acquireDemoLock, DemoLockedError } from "./demo-lock.js"
import { createEmbeddedPhoneBank } from "./embedded-bank.js"
import { DEMO_POS_SANDBOX, DEMO_POS_DEFAULTS } from "./pos-sandbox.js"
import { createShopperOrders } from "./shopper-orders.js"

/**
 * Options of {@link startDemo}: anything left out comes from the environment ({@link readDemoConfig}).
 * @example
 * const demo = await startDemo({ port: 0, dataDir: "/tmp/demo-data", env: {} })
 */
export interface StartDemoOptions extends Partial<DemoConfig> {
  /** The environment to read the rest from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  /** The built storefront; default `apps/demo/dist`. */
  readonly staticDir?: string | undefined
  /** Start-up and background messages; default `console.log`. */
  readonly log?: ((line: string) => void) | undefined
}

/**
 * A running demo.
 * @example
 * const { url, close } = await startDemo({ port: 0 })
 */
export interface RunningDemo {
  /** `http://127.0.0.1:<port>`: the storefront and the merchant API. */
  readonly url: string
  readonly config: DemoConfig
  readonly info: DemoInfo
  /** The embedded bank's address (absent with a real bank). */
  readonly sandboxUrl?: string | undefined
  /** The embedded bank itself, for tests that look at its books. */
  readonly sandbox?: MiaSandbox | undefined
  /** Stops the background jobs, the servers and the database, in that order. */
  close(): Promise<void>
}

/** The MIA QR and RTP clients of a real bank (same credentials, same token endpoint). */
const realBankClients = (env: Readonly<Record<string, string | undefined>>) => {
  const clientSecret = env.MIA_CLIENT_SECRET
  if (!clientSecret)
    throw new Error(
      "MIA_CLIENT_ID is set but MIA_CLIENT_SECRET is not: set both (or neither for the embedded sandbox)."
    )
  const options = {
    clientId: env.MIA_CLIENT_ID ?? "",
    clientSecret,
    signatureKey: env.MIA_SIGNATURE_KEY || undefined,
    // readDemoConfig refused MIA_ENV=production and maib's production host already.
    environment: "sandbox" as const,
    baseUrl: env.MIA_BASE_URL || undefined
  }
  return { client: createMiaQrClient(options), rtp: createMiaRtpClient(options) }
}

/** Pending orders the admin's button checks beyond those already due, each a couple of bank calls. */
const ON_DEMAND_LIMIT = 50

const appliedCount = (order: OrderReconciliation) =>
  order.results.filter((result) => result.outcome === "applied").length

/**
 * The admin's "Reconcile now": one run of the reconciler (due orders, and pending refunds whose
 * bank answer was lost), then every other pending order with a QR or an open payment request, however recently it was shown,
 * because the button means "ask the bank now" and the schedule would wait half a minute.
 */
const reconcileNow = async (
  store: OrderStore,
  reconciler: MiaReconciler,
  log: (line: string) => void
): Promise<ReconcileSummary> => {
  const report = await reconciler.runOnce()
  const orders = [...report.orders]
  const failed = [...report.failed]
  let bankCalls = report.bankCalls
  let checked = report.checked
  const seen = new Set([...orders, ...failed].map((o) => o.orderId))
  for (const order of await store.listOrders({ statuses: ["pending"], limit: ON_DEMAND_LIMIT })) {
    if ((order.qrId === undefined && openRtp(order) === undefined) || seen.has(order.orderId)) continue
    checked++
    try {
      const outcome = await reconciler.reconcileOrder(order.orderId)
      orders.push(outcome)
      bankCalls += outcome.bankCalls
    } catch (error) {
      failed.push({ orderId: order.orderId, error })
    }
  }
  // The admin reads a sentence; the bank's own words, written for developers, go to the console.
  for (const f of failed) {
    log(
      `reconciliation of order ${f.orderId} failed: ${f.error instanceof Error ? f.error.message : String(f.error)}`
    )
  }
  return {
    checked,
    changed: orders.reduce((sum, order) => sum + appliedCount(order), 0),
    bankCalls,
    details: [
      ...orders.filter((o) => appliedCount(o) > 0).map((o) => `Order ${o.orderId} is now ${o.status}.`),
      ...(report.refundsSettled > 0
        ? [`${report.refundsSettled} pending refund(s) settled with the bank.`]
        : []),
      ...(report.deferred > 0 ? [`${report.deferred} due order(s) left for the next run.`] : []),
      ...failed.map(
        (f) => `Order ${f.orderId} could not be checked with the bank; the server's console says why.`
      )
    ]
  }
}

/** The data folder for this server, or an error that says who has it and what to do. */
const lockDataDir = async (dataDir: string) => {
  try {
    return await acquireDemoLock(dataDir, "demo")
  } catch (error) {
    if (!(error instanceof DemoLockedError)) throw error
    throw new DemoLockedError(
      `${error.message} Open that one, or stop it first; a second demo needs its own MIA_DEMO_DATA_DIR.`,
      error.holder
    )
  }
}

/**
 * Starts the whole demo: the database (PGlite in the data folder, or PostgreSQL), the embedded
 * sandbox bank (MIA QR API and MiaPos) unless MIA_* variables name a real one, and the merchant
 * server with the SDK's routers and the built storefront.
 * @example
 * const demo = await startDemo({ port: 3000 })
 * console.log(`open ${demo.url}`)
 * process.on("SIGINT", () => demo.close())
 */
export const startDemo = async (options: StartDemoOptions = {}): Promise<RunningDemo> => {
  const env = options.env ?? process.env
  const { env: _env, staticDir: _static, log: _log, ...overrides } = options
  const config: DemoConfig = assertDemoConfig({ ...readDemoConfig(env), ...overrides })
  const log = options.log ?? ((line: string) => console.log(line))
  const closers: Array<() => Promise<unknown>> = []
  const close = async () => {
    for (const closer of closers.splice(0).reverse())
      await closer().catch((e: unknown) => log(`shutdown: ${String(e)}`))
  }

  try {
    // PGlite's files belong to one server at a time, and `demo:reset` must not delete them under
    // it: the data folder's lock says who is using them (PostgreSQL is shared, so no lock there).
    const lock = config.databaseUrl === undefined ? await lockDataDir(config.dataDir) : undefined
    if (lock !== undefined) closers.push(() => lock.release())
    const db = await openDatabase(config)
    closers.push(() => db.close())
    const store = createSqlOrderStore({ db: db.client })
    await store.ready()
    const shopperOrders = await createShopperOrders(db.client)
    // Only a real bank asks for the token: the embedded one moves no money.
    const adminGuard = createAdminGuard(config.bank === "embedded" ? undefined : config.adminToken)
    const mayReadOrder = (req: IncomingMessage, orderId: string) =>
      shopperOrders.owns(req, orderId) || adminGuard.hasToken(req)

    let client: MiaQrPromiseClient
    let rtp: MiaRtpPromiseClient
    let sandbox: MiaSandbox | undefined
    let sandboxUrl: string | undefined
    let signatureKey: string | undefined
    const pos = config.bank === "embedded" ? createPosSandbox(DEMO_POS_SANDBOX) : undefined
    if (config.bank === "embedded") {
      // Callback re-sends a few seconds apart (not the bank's hours), so a demo server that was
      // down for a moment still receives its payments soon after it is back.
      sandbox = createMiaSandbox({
        callbackRetryDelays: [1_000, 5_000, 15_000, 60_000],
        modules: pos ? [pos] : []
      })
      const server = await sandbox.listen({ port: 0 })
      closers.push(() => (sandbox as MiaSandbox).close())
      sandboxUrl = server.url
      client = createMiaQrClient({ baseUrl: server.url, ...sandbox.credentials })
      rtp = createMiaRtpClient({ baseUrl: server.url, ...sandbox.credentials })
      signatureKey = sandbox.credentials.signatureKey
    } else {
      ;({ client, rtp } = realBankClients(env))
      signatureKey = env.MIA_SIGNATURE_KEY || undefined
    }
    closers.push(
      () => client.close(),
      () => rtp.close()
    )

    const http = createServer()
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject)
      http.listen(config.port, config.host, () => resolve())
    })
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          http.close(() => resolve())
          // Server-sent event streams never end by themselves.
          http.closeAllConnections()
        })
    )
    const { port } = http.address() as AddressInfo
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`
    await lock?.address(url)
    const callbackUrl = `${config.publicUrl ?? url}${WEBHOOK_PATH}`
    if (config.bank !== "embedded" && config.publicUrl === undefined) {
      log(
        "MIA_PUBLIC_URL is not set: the bank can't reach this server's webhook, so payments arrive by reconciliation only."
      )
    }
    if (signatureKey === undefined) {
      throw new Error(
        "MIA_SIGNATURE_KEY is required with a real bank: the webhook verifies every callback with it."
      )
    }

    // Once per order: after a restart the embedded bank no longer knows older QRs, and saying so
    // every half minute would bury everything else in the console.
    const reported = new Set<string>()
    const reconciler = createMiaReconciler({
      store,
      api: client,
      rtp,
      intervalMs: config.reconcileEveryMs || 60_000,
      onError: (error, orderId) => {
        if (reported.has(orderId)) return
        reported.add(orderId)
        log(
          `reconciliation of order ${orderId} failed: ${error instanceof Error ? error.message : String(error)}`
        )
      }
    })
    if (config.reconcileEveryMs > 0) {
      reconciler.start()
      closers.push(() => reconciler.stop())
    }
    const onDemand = createMiaReconciler({
      store,
      api: client,
      rtp,
      actor: "admin-reconcile",
      // reconcileNow logs the failures once, with the order they belong to.
      onError: () => undefined
    })

    // The till's terminal lives in the embedded sandbox, which starts fresh on every run: its
    // session (activation, tokens, shift) is kept in memory, like the sandbox's own books.
    const posClient =
      pos === undefined || sandboxUrl === undefined
        ? undefined
        : createMiaPosClient({
            baseUrl: sandboxUrl,
            device: {
              device: "Cafeneaua Mia web till",
              platformType: "web",
              installationId: randomUUID(),
              posAppVersion: 1
            }
          })
    if (posClient !== undefined) closers.push(() => posClient.close())

    const info: DemoInfo = {
      bank: config.bank,
      database: db.kind,
      phone: sandbox !== undefined,
      pos: pos !== undefined,
      posDefaults: pos === undefined ? undefined : DEMO_POS_DEFAULTS,
      adminTokenRequired: adminGuard.required
    }
    const app = createDemoApp({
      info,
      store,
      reconcile: () => reconcileNow(store, onDemand, log),
      adminGuard,
      shopperOrders,
      mayReadOrder,
      checkout: miaCheckout({
        store,
        client,
        rtp,
        callbackUrl,
        // A shopper follows the orders this browser created; the admin token opens any of them.
        authorizeOrder: mayReadOrder,
        // The demo has no accounts: with the embedded bank anyone on this machine is the shop
        // owner, with a real one whoever has the admin token. A real shop checks its session here.
        authorizeRefund: (req) => {
          adminGuard.check(req)
          return { actor: "admin (demo)" }
        }
      }),
      webhook: miaWebhook({ store, signatureKey, confirmWith: client, rtp }),
      pos:
        posClient === undefined
          ? undefined
          : miaPos({
              client: posClient,
              // The same rule as the admin page; a real shop checks its cashier's session here.
              authorize: (req) => {
                adminGuard.check(req)
                return { actor: "cashier (demo)" }
              },
              terminal: {
                terminalId: DEMO_POS_DEFAULTS.terminalId,
                merchantIdno: DEMO_POS_DEFAULTS.merchantIdno
              },
              onWarning: (message) => log(message)
            }),
      errorHandler: miaErrorHandler(),
      phone:
        sandbox === undefined || sandboxUrl === undefined
          ? undefined
          : createEmbeddedPhoneBank({
              sandbox,
              sandboxUrl,
              client,
              pos,
              onDeclined: async (orderId) => {
                if (orderId !== undefined) await onDemand.reconcileOrder(orderId).catch(() => undefined)
              }
            }),
      smsInbox:
        pos === undefined
          ? undefined
          : async () =>
              pos.inbox.messages().map((m) => ({
                to: m.phoneNumber,
                text: m.text,
                code: m.otpCode,
                sentAt: new Date(m.sentAt).toISOString()
              })),
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR
    })
    http.on("request", app)
    return { url, config, info, sandboxUrl, sandbox, close }
  } catch (error) {
    await close()
    throw error
  }
}
