/**
 * A payment as the bank reports it (`GET /v2/mia/payments/{payId}`): the fields the webhook
 * needs to trust a callback, and a refund callback above all. The MIA QR client's `getPayment` returns a superset of this.
 *
 * @example
 * const payment: ConfirmedPayment = { payId: "p-1", qrId: "q-1", orderId: "1001", amount: 150.25, currency: "MDL", status: "Executed" }
 */
export interface ConfirmedPayment {
  readonly payId: string
  readonly qrId?: string | undefined
  readonly orderId?: string | undefined
  readonly amount: number
  /** `MDL` when the bank leaves it out. */
  readonly currency?: string | undefined
  /** `Executed` or `Refunded`: either way the money arrived. */
  readonly status: string
  readonly executedAt?: string | undefined
  /** Set once (part of) the payment was refunded. */
  readonly refundedAt?: string | undefined
}

/**
 * The port the callback handler uses to confirm a payment with the bank before trusting it.
 * Pass the MIA QR client (`createMiaQrClient(...)`) or anything with the same `getPayment`.
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * const confirmWith: PaymentConfirmationPort = createMiaQrClient({ clientId, clientSecret })
 */
export interface PaymentConfirmationPort {
  getPayment(payId: string): Promise<ConfirmedPayment>
}
