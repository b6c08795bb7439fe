import type { CheckoutBankPort, MiaCheckoutServiceOptions } from "@mia-sdk/webhooks"
import type { MiaRequest } from "../http-types.js"

export type { CheckoutBankPort } from "@mia-sdk/webhooks"

/**
 * The answer of an `authorizeRefund` hook: `true` to allow (recorded as actor `checkout`), an
 * object to allow and name who refunds (recorded in the ledger and the order history), `false`
 * to refuse (403).
 *
 * @example
 * const decision: RefundAuthorization = { actor: "admin@shop.md" }
 */
export type RefundAuthorization = boolean | { readonly actor: string }

/**
 * Options of {@link miaCheckout}: those of the framework-free checkout service
 * (`createMiaCheckout` from `@mia-sdk/webhooks`, with the bank client as `client`) plus the
 * HTTP-facing ones.
 *
 * @example
 * const options: MiaCheckoutOptions = {
 *   store,
 *   client,
 *   callbackUrl: "https://shop.md/mia/callback",
 *   authorizeOrder: (req, orderId) => req.session?.orderIds?.includes(orderId) === true,
 *   authorizeRefund: (req) => (req.session?.isAdmin ? { actor: req.session.email } : false)
 * }
 */
export interface MiaCheckoutOptions extends Omit<MiaCheckoutServiceOptions, "bank"> {
  /** The MIA QR client (`createMiaQrClient` from `@mia-sdk/core`). */
  readonly client: CheckoutBankPort
  /**
   * Who may check out, read and watch an order (403 otherwise). Without it anyone who knows an
   * order id can: use unguessable order ids, or pass a hook that checks the shopper's session.
   */
  readonly authorizeOrder?: ((req: MiaRequest, orderId: string) => boolean | Promise<boolean>) | undefined
  /** Who may refund. Without it every refund is refused with 403. */
  readonly authorizeRefund?:
    | ((req: MiaRequest, orderId: string) => RefundAuthorization | Promise<RefundAuthorization>)
    | undefined
  /**
   * Origins besides the request's own that may call the state-changing routes from a browser
   * (`https://admin.shop.md`). Cross-site requests from anywhere else get 403.
   */
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
  /** Open event streams allowed per order (more answer 503 and the hooks poll). Default 10. */
  readonly maxStreamsPerOrder?: number | undefined
  /** Open event streams allowed on this instance. Default 1000. */
  readonly maxStreams?: number | undefined
  /** Interval of keep-alive comments on the event stream. Default 15 seconds. */
  readonly keepAliveMs?: number | undefined
  /** Largest accepted request body. Default 16 KiB. */
  readonly bodyLimitBytes?: number | undefined
}
