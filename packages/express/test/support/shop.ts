import { createMemoryOrderStore, type OrderStore } from "@mia-sdk/webhooks"
import { type MiaCheckoutOptions, miaCheckout, miaErrorHandler, miaWebhook } from "../../src/index.js"
import type { TestBank } from "./bank.js"
import { CALLBACK_URL } from "./bank.js"
import { type ExpressFactory, type RunningServer, serve } from "./express-versions.js"

export interface Shop {
  readonly url: string
  readonly store: OrderStore
  readonly api: (path: string, init?: RequestInit) => Promise<Response>
  /** While down, the callback route answers 503 as an unreachable server would fail: callbacks get lost. */
  setCallbacksDown(down: boolean): void
  close(): Promise<void>
}

let counter = 0
/** A fresh order id per call. */
export const newOrderId = (): string => `order-${Date.now().toString(36)}-${++counter}`

/**
 * A merchant server as the README shows it: webhook at /mia/callback, checkout under /api/mia,
 * the error handler last. Callbacks of `bank` are forwarded here.
 */
export const startShop = async (
  express: ExpressFactory,
  bank: TestBank,
  options: Partial<MiaCheckoutOptions> & { readonly jsonEverywhere?: boolean } = {}
): Promise<Shop> => {
  const store = options.store ?? createMemoryOrderStore({ now: bank.sandbox.clock.now })
  const app = express()
  let callbacksDown = false
  app.use("/mia/callback", (_req, res, next) => {
    if (!callbacksDown) return next()
    res.status(503).end()
  })
  if (options.jsonEverywhere === true) app.use(express.json())
  app.post(
    "/mia/callback",
    miaWebhook({ signatureKey: bank.signatureKey, store, rtp: options.rtp, onError: () => undefined })
  )
  app.use(
    "/api/mia",
    miaCheckout({
      client: bank.client,
      callbackUrl: CALLBACK_URL,
      now: bank.sandbox.clock.now,
      onWarning: () => undefined,
      ...options,
      store
    })
  )
  app.use(miaErrorHandler({ log: () => undefined }))
  const server: RunningServer = await serve(app)
  bank.forwardTo(server.url)
  return {
    url: server.url,
    store,
    api: (path, init) => fetch(`${server.url}/api/mia${path}`, init),
    setCallbacksDown(down) {
      callbacksDown = down
    },
    close: () => server.close()
  }
}

export const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body)
})
