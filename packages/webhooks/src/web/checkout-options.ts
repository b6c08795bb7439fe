import type { CheckoutBankPort } from "../checkout/checkout-bank-port.js"
import type { MiaCheckoutServiceOptions } from "../checkout/mia-checkout-service.js"
import type { MiaErrorListener } from "./fetch-handler.js"

/**
 * The answer of an `authorizeRefund` hook: `true` to allow (recorded as actor `checkout`), an
 * object to allow and name who refunds (recorded in the ledger and the order history), `false`
 * to refuse (403).
 *
 * @example
 * import type { RefundAuthorization } from "@mia-sdk/webhooks/web"
 *
 * const decision: RefundAuthorization = { actor: "admin@shop.md" }
 */
export type RefundAuthorization = boolean | { readonly actor: string }

/**
 * Options of {@link createMiaCheckoutHandler}: those of `createMiaCheckout` (with the bank client
 * as `client`) plus the HTTP-facing ones, the same as `miaCheckout` of `@mia-sdk/express` takes.
 *
 * @example
 * import type { MiaCheckoutHandlerOptions } from "@mia-sdk/webhooks/web"
 *
 * const options: MiaCheckoutHandlerOptions = {
 *   store,
 *   client,
 *   callbackUrl: "https://shop.md/api/mia/callback",
 *   basePath: "/api/mia",
 *   authorizeOrder: (request, orderId) => request.headers.get("cookie")?.includes(`order=${orderId}`) === true,
 *   authorizeRefund: async (request) => ((await adminOf(request)) ? { actor: "admin@shop.md" } : false)
 * }
 */
export interface MiaCheckoutHandlerOptions extends Omit<MiaCheckoutServiceOptions, "bank"> {
  /** The MIA QR client (`createMiaQrClient` from `@mia-sdk/core`). */
  readonly client: CheckoutBankPort
  /**
   * The path the routes hang under, as the request's URL shows it (`/api/mia` for a Next.js
   * `app/api/mia/[...mia]/route.ts` or a Hono `app.all("/api/mia/*", ...)`). Default `/`.
   */
  readonly basePath?: string | undefined
  /**
   * Who may check out, read and watch an order (403 otherwise). Without it anyone who knows an
   * order id can: use unguessable order ids, or pass a hook that checks the shopper's session.
   */
  readonly authorizeOrder?: ((request: Request, orderId: string) => boolean | Promise<boolean>) | undefined
  /** Who may refund. Without it every refund is refused with 403. */
  readonly authorizeRefund?:
    | ((request: Request, orderId: string) => RefundAuthorization | Promise<RefundAuthorization>)
    | undefined
  /**
   * Origins besides the request's own that may call the state-changing routes from a browser
   * (`https://admin.shop.md`). Cross-site requests from anywhere else get 403.
   */
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
  /** Open event streams allowed per order (more answer 503 and the hooks poll). Default 10. */
  readonly maxStreamsPerOrder?: number | undefined
  /** Open event streams allowed by this handler. Default 1000. */
  readonly maxStreams?: number | undefined
  /** Interval of keep-alive comments on the event stream. Default 15 seconds. */
  readonly keepAliveMs?: number | undefined
  /** Largest accepted request body. Default 16 KiB. */
  readonly bodyLimitBytes?: number | undefined
  /** Told about every request answered with a 5xx. Default `console.error`. */
  readonly onError?: MiaErrorListener | undefined
}
