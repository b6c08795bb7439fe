import { createMiaReconciler, toOrderView } from "@mia-sdk/webhooks"
import { MiaHttpError } from "../errors/mia-http-error.js"
import type { MiaMiddleware, MiaRequest } from "../http-types.js"
import { createKeyedLock, createSingleFlight } from "../internal/keyed-lock.js"
import { jsonBody } from "../internal/read-body.js"
import { createRoutes } from "../internal/routes.js"
import { sendJson } from "../internal/send.js"
import { checkoutOrder } from "../internal/checkout-session.js"
import type { MiaCheckoutOptions, RefundAuthorization } from "./options.js"
import { streamOrderEvents } from "../internal/order-events-stream.js"
import { refundOrder } from "../internal/refund-order.js"
import {
  validateCheckoutOptions,
  validateOrderId,
  validateRefundBody
} from "../internal/validate-checkout.js"

const denyRefunds = (): RefundAuthorization => false

const actorOf = (decision: RefundAuthorization): string | undefined => {
  if (decision === true) return "checkout"
  if (
    typeof decision === "object" &&
    decision !== null &&
    typeof decision.actor === "string" &&
    decision.actor !== ""
  ) {
    return decision.actor
  }
  return undefined
}

/**
 * The checkout router, mounted where the storefront's hooks point (`<MiaProvider apiBase>`).
 * Routes, relative to the mount path (the contract of `@mia-sdk/core/wire`):
 * - `POST /orders/:orderId/checkout`: create (201) or reuse (200) the order's Dynamic QR;
 * - `GET /orders/:orderId`: the order's status;
 * - `GET /orders/:orderId/events`: server-sent events of its status changes;
 * - `POST /orders/:orderId/refunds`: `{amount?, reason}`, allowed by `authorizeRefund` (403 otherwise).
 *
 * The amount always comes from the store, never from the browser. Errors go to `next(error)`:
 * mount {@link miaErrorHandler} after the router. Works on Express 4 and 5.
 *
 * @example
 * import express from "express"
 * import { createMiaQrClient } from "@mia-sdk/core"
 * import { createMemoryOrderStore } from "@mia-sdk/webhooks"
 * import { miaCheckout, miaErrorHandler, miaWebhook } from "@mia-sdk/express"
 *
 * const store = createMemoryOrderStore()
 * const client = createMiaQrClient({ clientId: process.env.MIA_CLIENT_ID!, clientSecret: process.env.MIA_CLIENT_SECRET! })
 * const app = express()
 * app.post("/mia/callback", miaWebhook({ signatureKey: process.env.MIA_SIGNATURE_KEY!, store }))
 * app.use("/api/mia", miaCheckout({
 *   store,
 *   client,
 *   callbackUrl: "https://shop.md/mia/callback",
 *   authorizeRefund: (req) => req.headers["x-admin-token"] === process.env.ADMIN_TOKEN
 * }))
 * app.use(miaErrorHandler())
 * await store.createOrder({ orderId: "1001", amount: 150.25, description: "2 books" })
 */
export const miaCheckout = (options: MiaCheckoutOptions): MiaMiddleware => {
  validateCheckoutOptions(options)
  const now = options.now ?? Date.now
  const { store, client } = options
  const warn =
    options.onWarning ??
    ((message: string, error: unknown) => console.warn(`[@mia-sdk/express] ${message}`, error))
  const checkoutContext = {
    store,
    client,
    reconciler: createMiaReconciler({ store, api: client, now, actor: "checkout" }),
    callbackUrl: options.callbackUrl,
    redirectUrl: options.redirectUrl,
    validityMs: (options.qrValidityMinutes ?? 15) * 60_000,
    reuseMinRemainingFraction: options.reuseMinRemainingFraction ?? 0.5,
    now,
    warn
  }
  const refundContext = { store, client, refundCallbackUrl: options.refundCallbackUrl, now }
  const streamContext = { store, keepAliveMs: options.keepAliveMs ?? 15_000 }
  const authorizeRefund = options.authorizeRefund ?? denyRefunds
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024
  const checkoutOnce = createSingleFlight()
  const refundsInOrder = createKeyedLock()

  const authorize = async (req: MiaRequest): Promise<string> => {
    const actor = actorOf(await authorizeRefund(req))
    if (actor !== undefined) return actor
    const detail =
      options.authorizeRefund === undefined
        ? "Refunds are disabled: pass an authorizeRefund hook to miaCheckout to allow them."
        : "This request is not allowed to refund."
    throw new MiaHttpError(403, "refund_forbidden", "Refund not allowed", detail)
  }

  return createRoutes([
    [
      "POST",
      "/orders/:orderId/checkout",
      async (_req, res, params) => {
        const orderId = validateOrderId(params.orderId ?? "")
        const outcome = await checkoutOnce(orderId, () => checkoutOrder(checkoutContext, orderId))
        sendJson(res, outcome.created ? 201 : 200, outcome.session)
      }
    ],
    [
      "GET",
      "/orders/:orderId",
      async (_req, res, params) => {
        const orderId = validateOrderId(params.orderId ?? "")
        const order = await store.getOrder(orderId)
        if (order === undefined)
          throw new MiaHttpError(404, "not_found", "Order not found", `No order ${orderId}.`)
        sendJson(res, 200, toOrderView(order))
      }
    ],
    [
      "GET",
      "/orders/:orderId/events",
      (req, res, params) => streamOrderEvents(streamContext, req, res, validateOrderId(params.orderId ?? ""))
    ],
    [
      "POST",
      "/orders/:orderId/refunds",
      async (req, res, params) => {
        const orderId = validateOrderId(params.orderId ?? "")
        const actor = await authorize(req)
        const request = validateRefundBody(await jsonBody(req, bodyLimit))
        const refund = await refundsInOrder(orderId, () =>
          refundOrder(refundContext, orderId, request, actor)
        )
        sendJson(res, 201, refund)
      }
    ]
  ])
}
