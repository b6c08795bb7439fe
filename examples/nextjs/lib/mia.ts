import { createMiaQrClient } from "@mia-sdk/core"
import { createMemoryOrderStore, type OrderStore } from "@mia-sdk/webhooks"
import {
  createMiaCheckoutHandler,
  createMiaWebhookHandler,
  type MiaFetchHandler
} from "@mia-sdk/webhooks/web"

/** The shop's MIA pieces: one of each per server process. */
export interface Mia {
  readonly store: OrderStore
  /** `POST /api/mia/orders/:id/checkout`, `GET /api/mia/orders/:id`, `GET /api/mia/orders/:id/events`. */
  readonly checkout: MiaFetchHandler
  /** The bank's callback: `POST /api/mia/callback`. */
  readonly webhook: MiaFetchHandler
}

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set: copy .env.example to .env.local (see README.md)`)
  }
  return value
}

const create = (): Mia => {
  // In memory: orders are gone when the server stops. Production: createSqlOrderStore (PostgreSQL).
  const store = createMemoryOrderStore()
  const client = createMiaQrClient({
    baseUrl: env("MIA_BASE_URL"),
    clientId: env("MIA_CLIENT_ID"),
    clientSecret: env("MIA_CLIENT_SECRET")
  })
  return {
    store,
    checkout: createMiaCheckoutHandler({
      store,
      client,
      callbackUrl: env("MIA_CALLBACK_URL"),
      basePath: "/api/mia"
      // Order ids are random UUIDs here, so only the shopper who got one can see the order. With
      // accounts, also pass authorizeOrder: (request, orderId) => your session check.
    }),
    // Every callback is checked against the signature key, then confirmed with the bank.
    webhook: createMiaWebhookHandler({ signatureKey: env("MIA_SIGNATURE_KEY"), store, confirmWith: client })
  }
}

// Created on first use (so `next build` needs no credentials), then kept on globalThis: Next.js
// may evaluate this module more than once (in several bundles, and again after each edit in
// development), and every route and page must see the same orders.
const shared = globalThis as { __mia?: Mia }

export const mia = (): Mia => {
  shared.__mia ??= create()
  return shared.__mia
}
