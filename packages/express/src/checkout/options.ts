import type { OrderStore, ReconciliationPort } from "@mia-sdk/webhooks"
import type { MiaRequest } from "../http-types.js"

/**
 * What the checkout router asks the bank. The MIA QR client (`createMiaQrClient(...)` from
 * `@mia-sdk/core`) fits as is; the narrow shape keeps test doubles small.
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * const client: CheckoutBankPort = createMiaQrClient({ clientId, clientSecret })
 */
export interface CheckoutBankPort extends ReconciliationPort {
  createQr(input: {
    readonly type: "Dynamic"
    readonly amountType: "Fixed"
    readonly amount: number
    readonly currency: "MDL"
    readonly description: string
    readonly orderId: string
    readonly expiresAt: string
    readonly callbackUrl: string
    readonly redirectUrl?: string | undefined
  }): Promise<{ readonly qrId: string; readonly url: string; readonly expiresAt?: string | undefined }>
  getQr(qrId: string): Promise<{ readonly qrId: string; readonly status: string }>
  cancelQr(qrId: string, input: { readonly reason: string }): Promise<unknown>
  refundPayment(
    payId: string,
    input: {
      readonly amount?: number | undefined
      readonly reason: string
      readonly callbackUrl?: string | undefined
    }
  ): Promise<{ readonly refundId?: string | undefined; readonly status: string }>
}

/**
 * The answer of an `authorizeRefund` hook: `true` to allow (recorded as actor `checkout`), an
 * object to allow and name who refunds (recorded in the order history), `false` to refuse (403).
 *
 * @example
 * const decision: RefundAuthorization = { actor: "admin@shop.md" }
 */
export type RefundAuthorization = boolean | { readonly actor: string }

/**
 * Options of {@link miaCheckout}.
 *
 * @example
 * const options: MiaCheckoutOptions = {
 *   store,
 *   client,
 *   callbackUrl: "https://shop.md/mia/callback",
 *   authorizeRefund: (req) => (req.session?.isAdmin ? { actor: req.session.email } : false)
 * }
 */
export interface MiaCheckoutOptions {
  /** Where orders live; the router reads amount and description from it, never from the browser. */
  readonly store: OrderStore
  readonly client: CheckoutBankPort
  /** HTTPS URL where maib sends payment callbacks (the route with `miaWebhook`). */
  readonly callbackUrl: string
  /** HTTPS URL the payer's bank app opens after paying. */
  readonly redirectUrl?: string | undefined
  /** How long a new QR can be paid. Default 15 minutes; 1 minute to 60 days. */
  readonly qrValidityMinutes?: number | undefined
  /**
   * An existing Active QR is shown again while at least this fraction of its validity is left
   * (default 0.5, like the maib WooCommerce plugin); otherwise a new QR replaces it.
   */
  readonly reuseMinRemainingFraction?: number | undefined
  /** Decides who may refund. Without it every refund is refused with 403. */
  readonly authorizeRefund?:
    | ((req: MiaRequest) => RefundAuthorization | Promise<RefundAuthorization>)
    | undefined
  /** HTTPS URL the bank notifies when a refund is processed. */
  readonly refundCallbackUrl?: string | undefined
  /** Interval of keep-alive comments on the event stream. Default 15 seconds. */
  readonly keepAliveMs?: number | undefined
  /** Largest accepted request body. Default 16 KiB. */
  readonly bodyLimitBytes?: number | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Told about failures that do not fail the request (cancelling a replaced QR). Default `console.warn`. */
  readonly onWarning?: ((message: string, error: unknown) => void) | undefined
}
