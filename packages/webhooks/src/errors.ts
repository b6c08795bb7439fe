/**
 * Stable codes of {@link MiaOrderError}.
 *
 * @example
 * const code: MiaOrderErrorCode = "order_not_found"
 */
export type MiaOrderErrorCode =
  | "invalid_order"
  | "invalid_refund"
  | "invalid_rtp"
  | "rtp_not_configured"
  | "rtp_limit_reached"
  | "order_not_found"
  | "order_exists"
  | "order_not_payable"
  | "order_not_refundable"
  | "refund_in_progress"
  | "refund_failed"
  | "idempotency_key_reused"
  | "conflict"
  | "storage"

/**
 * An order operation was refused (bad input, unknown or conflicting order, an order that can't
 * be paid or refunded, an idempotency key reused for another request) or the database failed.
 * `field` names the input to fix for `invalid_order` and `invalid_refund`. `retryable` is true
 * for `conflict`, `refund_in_progress` and `storage`, where the same call may succeed later.
 *
 * @example
 * import { MiaOrderError } from "@mia-sdk/webhooks"
 *
 * try {
 *   await store.createOrder({ orderId: "1001", amount: 10.001 })
 * } catch (error) {
 *   if (error instanceof MiaOrderError && error.code === "invalid_order") console.log(error.field) // "amount"
 * }
 */
export class MiaOrderError extends Error {
  override readonly name = "MiaOrderError"
  readonly code: MiaOrderErrorCode
  readonly field: string | undefined

  constructor(code: MiaOrderErrorCode, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.field = options?.field
  }

  get retryable(): boolean {
    return this.code === "conflict" || this.code === "storage" || this.code === "refund_in_progress"
  }
}
