import type { OrderStatus } from "@mia-sdk/core/wire"

/**
 * Where an order stands for the shopper. `paid` covers `processing`, `completed` and `on-hold`
 * (money arrived; on-hold waits for the merchant's review), `cancelled` covers `cancelled` and
 * `failed`. `paid`, `cancelled` and `refunded` are final: live updates stop there.
 * @example
 * if (phase === "paid") navigate("/thank-you")
 */
export type OrderPhase = "awaiting_payment" | "paid" | "cancelled" | "refunded"

/**
 * Maps an order status to its {@link OrderPhase}; unknown statuses count as still awaiting payment.
 * @example
 * orderPhase("completed") // "paid"
 */
export const orderPhase = (status: OrderStatus | (string & {})): OrderPhase => {
  switch (status.toLowerCase()) {
    case "processing":
    case "completed":
    case "on-hold":
      return "paid"
    case "cancelled":
    case "failed":
      return "cancelled"
    case "refunded":
      return "refunded"
    default:
      return "awaiting_payment"
  }
}

/**
 * Whether live updates for an order can stop: its status will not change on its own any more.
 * @example
 * isFinalStatus("pending") // false
 */
export const isFinalStatus = (status: OrderStatus | (string & {})): boolean =>
  orderPhase(status) !== "awaiting_payment"
