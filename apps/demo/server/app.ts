import { existsSync } from "node:fs"
import type { IncomingMessage } from "node:http"
import { join } from "node:path"
import express, { type ErrorRequestHandler, type Express, type Handler, type Router } from "express"
import type { ProblemDetails } from "@mia-sdk/core/wire"
import type { OrderStore } from "@mia-sdk/webhooks"
import type { DemoInfo, ReconcileSummary, SmsMessage } from "../shared/types.js"
import type { AdminGuard } from "./admin-guard.js"
import { PNPM } from "./commands.js"
import { DemoInputError } from "./demo-input-error.js"
import { adminRoutes } from "./routes/admin.js"
import { demoRoutes } from "./routes/demo.js"
import { type PhoneBank, phoneRoutes } from "./routes/phone.js"
import { shopRoutes } from "./routes/shop.js"
import type { ShopperOrders } from "./shopper-orders.js"

/**
 * Where the bank's signed callbacks arrive.
 * @example
 * const callbackUrl = `${publicUrl}${WEBHOOK_PATH}`
 */
export const WEBHOOK_PATH = "/webhooks/mia"

/**
 * Everything the demo's HTTP app is assembled from, already wired to the bank and the database.
 * @example
 * const app = createDemoApp({ info, store, reconcile, adminGuard, shopperOrders, mayReadOrder, checkout, webhook, errorHandler })
 */
export interface DemoAppParts {
  readonly info: DemoInfo
  readonly store: OrderStore
  readonly reconcile: () => Promise<ReconcileSummary>
  /** Guards `/api/admin` (and, wired in by the caller, refunds and the till). */
  readonly adminGuard: AdminGuard
  /** The browser's own orders, remembered when the shop creates one. */
  readonly shopperOrders: ShopperOrders
  /** Who may read an order through the shop's API: the same rule as `miaCheckout`'s `authorizeOrder`. */
  readonly mayReadOrder: (req: IncomingMessage, orderId: string) => boolean
  /** `miaCheckout(...)`, mounted at `/api/mia`. */
  readonly checkout: Router | Handler
  /** `miaWebhook(...)`, mounted at {@link WEBHOOK_PATH} with its own raw-body parser. */
  readonly webhook: Router | Handler
  /** `miaPos(...)`, mounted at `/api/pos`. */
  readonly pos?: Router | Handler | undefined
  /** `miaErrorHandler()`: SDK errors as problem+json. */
  readonly errorHandler: ErrorRequestHandler
  readonly phone?: PhoneBank | undefined
  readonly smsInbox?: (() => Promise<ReadonlyArray<SmsMessage>>) | undefined
  /** The built storefront (`vite build` output); without it the pages answer how to build it. */
  readonly staticDir?: string | undefined
}

const problem = (
  status: number,
  title: string,
  detail: string,
  code: string,
  field?: string
): ProblemDetails => ({
  type: `https://mia-sdk.dev/problems/${code}`,
  title,
  status,
  detail,
  code,
  retryable: false,
  ...(field === undefined ? {} : { errors: [{ field, message: detail }] })
})

const demoErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof DemoInputError)) return next(error)
  const [title, code] =
    error.status === 403
      ? ["Forbidden", "forbidden"]
      : error.status === 404
        ? ["Not found", "not_found"]
        : error.status === 409
          ? ["Conflict", "conflict"]
          : ["Invalid request", "validation"]
  res
    .status(error.status)
    .type("application/problem+json")
    .json(problem(error.status, title, error.message, code, error.field))
}

/**
 * The merchant server: the SDK's routers (checkout, webhook, POS), the demo's own routes (shop,
 * admin, phone, info) and the built storefront, with every error answered as problem+json.
 * @example
 * const server = http.createServer(createDemoApp(parts)).listen(3000)
 */
export const createDemoApp = (parts: DemoAppParts): Express => {
  const app = express()
  app.disable("x-powered-by")
  // The webhook parses its own raw body (the signature covers the exact bytes): mount it first.
  app.use(WEBHOOK_PATH, parts.webhook)
  app.use("/api", express.json({ limit: "100kb" }))
  app.use("/api/demo", demoRoutes({ info: parts.info, smsInbox: parts.smsInbox }))
  app.use(
    "/api/shop",
    shopRoutes({ store: parts.store, shopperOrders: parts.shopperOrders, mayRead: parts.mayReadOrder })
  )
  app.use(
    "/api/admin",
    parts.adminGuard.middleware,
    adminRoutes({ store: parts.store, reconcile: parts.reconcile })
  )
  if (parts.phone !== undefined) app.use("/api/phone", phoneRoutes(parts.phone))
  app.use("/api/mia", parts.checkout)
  if (parts.pos !== undefined) app.use("/api/pos", parts.pos)
  app.use("/api", (req, res) => {
    res
      .status(404)
      .type("application/problem+json")
      .json(problem(404, "Not found", `No route ${req.method} ${req.originalUrl}.`, "not_found"))
  })
  const staticDir = parts.staticDir
  if (staticDir !== undefined && existsSync(join(staticDir, "index.html"))) {
    app.use(express.static(staticDir, { index: false, maxAge: "1h" }))
    // Client-side routes (/checkout/…, /admin, …) all load the single page.
    app.use((req, res, next) => (req.method === "GET" ? res.sendFile(join(staticDir, "index.html")) : next()))
  } else {
    app.use((_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send(`The storefront is not built: run \`${PNPM} --filter @mia-sdk/demo build\`.`)
    })
  }
  app.use(demoErrors)
  app.use(parts.errorHandler)
  return app
}
