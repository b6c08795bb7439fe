import { fromMinorUnits } from "@mia-sdk/core/money"
import { createMiaCheckout } from "../checkout/mia-checkout-service.js"
import { toOrderView } from "../order.js"
import type { MiaCheckoutHandlerOptions, RefundAuthorization } from "./checkout-options.js"
import type { MiaFetchHandler } from "./fetch-handler.js"
import { MiaHttpError, validationError } from "./http-error.js"
import { checkNumber, errorListener } from "./internal/handler-options.js"
import { orderEventsResponse } from "./internal/order-events.js"
import { readJson } from "./internal/read-body.js"
import { jsonResponse } from "./internal/respond.js"
import { createRouter } from "./internal/router.js"
import { createStreamLimits } from "./internal/stream-limits.js"

const OWNER = "createMiaCheckoutHandler"

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

const validateOrderId = (orderId: string | undefined): string => {
  if (orderId === undefined || orderId.trim() === "")
    throw validationError("orderId", "orderId must not be empty")
  if (orderId.length > 100) throw validationError("orderId", "orderId must be at most 100 characters")
  return orderId
}

/**
 * The checkout API for the storefront's hooks (`<MiaProvider apiBase>`) as one Web-standard
 * handler, for Next.js route handlers, Hono, Bun, Deno and Workers: a thin skin over
 * `createMiaCheckout`, answering exactly as `miaCheckout` of `@mia-sdk/express` does. Routes,
 * relative to `basePath` (the contract of `@mia-sdk/core/wire`):
 * - `POST /orders/:orderId/checkout`: create (201) or reuse (200) the order's Dynamic QR;
 * - `GET /orders/:orderId`: the order's status;
 * - `GET /orders/:orderId/events`: server-sent events of its status changes, as a stream that
 *   ends when the client goes away;
 * - `POST /orders/:orderId/refunds`: `{ amount?, reason }` with an optional `Idempotency-Key`
 *   header, allowed by `authorizeRefund` (403 otherwise); 201 accepted, 202 still pending at the
 *   bank; the same key replays the first answer (`Idempotent-Replayed: true`).
 *
 * The first three are allowed by `authorizeOrder`. Every POST accepts only `application/json`
 * (415) and refuses cross-site browser requests (403) unless their origin is in
 * `allowedOrigins`. The amount always comes from the store, never from the browser. Errors are
 * RFC 9457 problem+json; an unknown path is a 404 problem, another method a 405 with `Allow`.
 *
 * @example
 * // app/api/mia/[...mia]/route.ts (Next.js App Router)
 * import { createMiaQrClient } from "@mia-sdk/core"
 * import { createMiaCheckoutHandler } from "@mia-sdk/webhooks/web"
 * import { store } from "@/lib/orders"
 *
 * const client = createMiaQrClient({ clientId: process.env.MIA_CLIENT_ID!, clientSecret: process.env.MIA_CLIENT_SECRET! })
 * const handler = createMiaCheckoutHandler({
 *   store,
 *   client,
 *   callbackUrl: "https://shop.md/api/mia/callback",
 *   basePath: "/api/mia",
 *   authorizeOrder: (request, orderId) => request.headers.get("cookie")?.includes(`order=${orderId}`) === true
 * })
 * export const GET = handler
 * export const POST = handler
 * export const runtime = "nodejs"
 */
export const createMiaCheckoutHandler = (options: MiaCheckoutHandlerOptions): MiaFetchHandler => {
  checkNumber(OWNER, "keepAliveMs", options?.keepAliveMs, 10)
  checkNumber(OWNER, "bodyLimitBytes", options?.bodyLimitBytes, 1)
  checkNumber(OWNER, "maxStreamsPerOrder", options?.maxStreamsPerOrder, 1)
  checkNumber(OWNER, "maxStreams", options?.maxStreams, 1)
  const checkout = createMiaCheckout({ ...options, bank: options?.client }, OWNER)
  const keepAliveMs = options.keepAliveMs ?? 15_000
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024
  const report = errorListener(OWNER, options.onError)
  const streams = createStreamLimits({
    perOrder: options.maxStreamsPerOrder ?? 10,
    total: options.maxStreams ?? 1000
  })

  const orderOf = async (request: Request, params: Readonly<Record<string, string>>): Promise<string> => {
    const orderId = validateOrderId(params.orderId)
    if (options.authorizeOrder !== undefined && (await options.authorizeOrder(request, orderId)) !== true) {
      throw new MiaHttpError(
        403,
        "order_forbidden",
        "Order not accessible",
        "This request may not see or pay this order."
      )
    }
    return orderId
  }

  const refundActor = async (request: Request, orderId: string): Promise<string> => {
    const actor =
      options.authorizeRefund === undefined
        ? undefined
        : actorOf(await options.authorizeRefund(request, orderId))
    if (actor !== undefined) return actor
    const detail =
      options.authorizeRefund === undefined
        ? `Refunds are disabled: pass an authorizeRefund hook to ${OWNER} to allow them.`
        : "This request is not allowed to refund."
    throw new MiaHttpError(403, "refund_forbidden", "Refund not allowed", detail)
  }

  return createRouter(
    [
      [
        "POST",
        "/orders/:orderId/checkout",
        async (request, params) => {
          const outcome = await checkout.checkout(await orderOf(request, params))
          return jsonResponse(outcome.created ? 201 : 200, outcome.session)
        }
      ],
      [
        "POST",
        "/orders/:orderId/rtp",
        async (request, params) => {
          const orderId = await orderOf(request, params)
          const outcome = await checkout.requestRtp(orderId, await readJson(request, bodyLimit))
          return jsonResponse(outcome.created ? 201 : 200, outcome.session)
        }
      ],
      [
        "GET",
        "/orders/:orderId",
        async (request, params) =>
          jsonResponse(200, toOrderView(await checkout.getOrder(await orderOf(request, params))))
      ],
      [
        "GET",
        "/orders/:orderId/events",
        async (request, params) => {
          const orderId = await orderOf(request, params)
          return orderEventsResponse((signal) => checkout.watch(orderId, { signal }), {
            keepAliveMs,
            signal: request.signal,
            release: streams.take(orderId),
            onError: (error) => report(error, request)
          })
        }
      ],
      [
        "POST",
        "/orders/:orderId/refunds",
        async (request, params) => {
          const orderId = validateOrderId(params.orderId)
          const actor = await refundActor(request, orderId)
          const { refund, order, replayed } = await checkout.refund(
            orderId,
            await readJson(request, bodyLimit),
            {
              actor,
              idempotencyKey: request.headers.get("idempotency-key") ?? undefined
            }
          )
          return jsonResponse(
            refund.status === "accepted" ? 201 : 202,
            {
              refundId: refund.bankRefundId ?? refund.refundKey,
              amount: fromMinorUnits(refund.amountMinor),
              status: refund.status === "accepted" ? (refund.bankStatus ?? "Accepted") : "Pending",
              order: toOrderView(order)
            },
            replayed ? { "Idempotent-Replayed": "true" } : {}
          )
        }
      ]
    ],
    {
      owner: OWNER,
      basePath: options.basePath,
      allowedOrigins: options.allowedOrigins,
      onError: options.onError
    }
  )
}
