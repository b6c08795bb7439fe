import { fromMinorUnits } from "@mia-sdk/core/money"
import { createMiaCheckout, toOrderView } from "@mia-sdk/webhooks"
import { createStreamLimits } from "@mia-sdk/webhooks/web"
import { MiaHttpError } from "../errors/mia-http-error.js"
import type { MiaMiddleware, MiaRequest } from "../http-types.js"
import { streamOrderEvents } from "../internal/order-events-stream.js"
import { jsonBody } from "../internal/read-body.js"
import { allowedOriginSet } from "../internal/request-guard.js"
import { createRoutes } from "../internal/routes.js"
import { sendJson } from "../internal/send.js"
import { idempotencyKeyOf, validateOrderId, validateRouterOptions } from "../internal/validate-checkout.js"
import type { MiaCheckoutOptions, RefundAuthorization } from "./options.js"

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
 * The checkout router, mounted where the storefront's hooks point (`<MiaProvider apiBase>`): a
 * thin skin over `createMiaCheckout` from `@mia-sdk/webhooks`. Routes, relative to the mount path
 * (the contract of `@mia-sdk/core/wire`):
 * - `POST /orders/:orderId/checkout`: create (201) or reuse (200) the order's Dynamic QR;
 * - `GET /orders/:orderId`: the order's status;
 * - `GET /orders/:orderId/events`: server-sent events of its status changes;
 * - `POST /orders/:orderId/refunds`: `{ amount?, reason }` with an optional `Idempotency-Key`
 *   header, allowed by `authorizeRefund` (403 otherwise); 201 accepted, 202 still pending at the
 *   bank; the same key replays the first answer (`Idempotent-Replayed: true`).
 *
 * The first three are allowed by `authorizeOrder`. Every POST accepts only `application/json`
 * and refuses cross-site browser requests (403) unless their origin is in `allowedOrigins`. The
 * amount always comes from the store, never from the browser. Errors go to `next(error)`: mount
 * {@link miaErrorHandler} after the router. Works on Express 4 and 5.
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
 * app.post("/mia/callback", miaWebhook({ signatureKey: process.env.MIA_SIGNATURE_KEY!, store, confirmWith: client }))
 * app.use("/api/mia", miaCheckout({
 *   store,
 *   client,
 *   callbackUrl: "https://shop.md/mia/callback",
 *   authorizeOrder: (req, orderId) => req.headers.cookie?.includes(`order=${orderId}`) === true,
 *   authorizeRefund: (req) => (req.headers["x-admin-token"] === process.env.ADMIN_TOKEN ? { actor: "admin" } : false)
 * }))
 * app.use(miaErrorHandler())
 * await store.createOrder({ orderId: "1001", amount: 150.25, description: "2 books" })
 * app.listen(3000)
 */
export const miaCheckout = (options: MiaCheckoutOptions): MiaMiddleware => {
  validateRouterOptions(options)
  const checkout = createMiaCheckout({ ...options, bank: options.client }, "miaCheckout")
  const allowedOrigins = allowedOriginSet(options.allowedOrigins, "miaCheckout")
  const keepAliveMs = options.keepAliveMs ?? 15_000
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024
  const streams = createStreamLimits({
    perOrder: options.maxStreamsPerOrder ?? 10,
    total: options.maxStreams ?? 1000
  })

  const orderOf = async (req: MiaRequest, params: Readonly<Record<string, string>>): Promise<string> => {
    const orderId = validateOrderId(params.orderId ?? "")
    if (options.authorizeOrder !== undefined && (await options.authorizeOrder(req, orderId)) !== true) {
      throw new MiaHttpError(
        403,
        "order_forbidden",
        "Order not accessible",
        "This request may not see or pay this order."
      )
    }
    return orderId
  }

  const refundActor = async (req: MiaRequest, orderId: string): Promise<string> => {
    const actor =
      options.authorizeRefund === undefined ? undefined : actorOf(await options.authorizeRefund(req, orderId))
    if (actor !== undefined) return actor
    const detail =
      options.authorizeRefund === undefined
        ? "Refunds are disabled: pass an authorizeRefund hook to miaCheckout to allow them."
        : "This request is not allowed to refund."
    throw new MiaHttpError(403, "refund_forbidden", "Refund not allowed", detail)
  }

  return createRoutes(
    [
      [
        "POST",
        "/orders/:orderId/checkout",
        async (req, res, params) => {
          const outcome = await checkout.checkout(await orderOf(req, params))
          sendJson(res, outcome.created ? 201 : 200, outcome.session)
        }
      ],
      [
        "POST",
        "/orders/:orderId/rtp",
        async (req, res, params) => {
          const orderId = await orderOf(req, params)
          const outcome = await checkout.requestRtp(orderId, await jsonBody(req, bodyLimit))
          sendJson(res, outcome.created ? 201 : 200, outcome.session)
        }
      ],
      [
        "GET",
        "/orders/:orderId",
        async (req, res, params) => {
          sendJson(res, 200, toOrderView(await checkout.getOrder(await orderOf(req, params))))
        }
      ],
      [
        "GET",
        "/orders/:orderId/events",
        async (req, res, params) => {
          const orderId = await orderOf(req, params)
          const release = streams.take(orderId)
          try {
            await streamOrderEvents((signal) => checkout.watch(orderId, { signal }), keepAliveMs, req, res)
          } finally {
            release()
          }
        }
      ],
      [
        "POST",
        "/orders/:orderId/refunds",
        async (req, res, params) => {
          const orderId = validateOrderId(params.orderId ?? "")
          const actor = await refundActor(req, orderId)
          const { refund, order, replayed } = await checkout.refund(orderId, await jsonBody(req, bodyLimit), {
            actor,
            idempotencyKey: idempotencyKeyOf(req)
          })
          if (replayed) res.setHeader("Idempotent-Replayed", "true")
          sendJson(res, refund.status === "accepted" ? 201 : 202, {
            refundId: refund.bankRefundId ?? refund.refundKey,
            amount: fromMinorUnits(refund.amountMinor),
            status: refund.status === "accepted" ? (refund.bankStatus ?? "Accepted") : "Pending",
            order: toOrderView(order)
          })
        }
      ]
    ],
    allowedOrigins
  )
}
