import type { IgnoreCode } from "../decide-transition.js"
import type { OrderEventBus } from "../events/order-event-bus.js"
import type { NewOrder, Order, OrderQr, OrderStatus, OrderTransition, UnmatchedPayment } from "../order.js"
import type { OrderEvent } from "../order-event.js"

/**
 * What applying an event did:
 * - `applied`: the order changed (status and/or recorded fields) and the transition was recorded;
 * - `duplicate`: this `payId` / `refundId` / QR closure was processed before; nothing changed;
 * - `ignored`: the lifecycle says nothing should change (e.g. a late QR expiry on a paid order);
 * - `unmatched`: a payment for an unknown order, kept in the unmatched payments.
 *
 * @example
 * const result = await store.applyEvent(event)
 * if (result.outcome === "applied") console.log(result.transition.from, "->", result.transition.to)
 */
export type ApplyResult =
  | { readonly outcome: "applied"; readonly order: Order; readonly transition: OrderTransition }
  | { readonly outcome: "duplicate"; readonly order?: Order | undefined; readonly eventKey: string }
  | {
      readonly outcome: "ignored"
      readonly order?: Order | undefined
      readonly code: IgnoreCode | "unknown_order"
      readonly reason: string
    }
  | { readonly outcome: "unmatched"; readonly payment: UnmatchedPayment }

/**
 * Who applies an event, recorded with the transition (`mia-callback`, `reconciliation`,
 * `checkout`, an admin's e-mail, ...).
 *
 * @example
 * await store.applyEvent(event, { actor: "admin@shop.md" })
 */
export interface ApplyOptions {
  readonly actor?: string | undefined
}

/**
 * Filter of {@link OrderStore.listOrders}.
 *
 * @example
 * const stale: ListOrdersFilter = { statuses: ["pending"], updatedBefore: new Date(Date.now() - 120_000).toISOString() }
 */
export interface ListOrdersFilter {
  readonly statuses?: ReadonlyArray<OrderStatus> | undefined
  /** ISO 8601: only orders whose last change is older than this. */
  readonly updatedBefore?: string | undefined
  /** Defaults to 100. */
  readonly limit?: number | undefined
}

/**
 * Where orders live. Every implementation enforces the same contract (one shared test suite runs
 * against all of them): `applyEvent` decides with {@link decideTransition} and applies atomically,
 * once per `payId` / `refundId`, even under concurrent identical deliveries; every change is
 * recorded in `history` and published on `events` after it is committed.
 *
 * @example
 * const order = await store.createOrder({ orderId: "1001", amount: 150.25, description: "2 books" })
 * const result = await store.applyEvent({ type: "payment", payId: "p-1", orderId: "1001", amountMinor: 15025, currency: "MDL" })
 */
export interface OrderStore {
  /** Change notifications, published after each commit. */
  readonly events: OrderEventBus
  /**
   * Creates a `pending` order. Creating the same order again with the same amount, currency and
   * description returns the existing one; with different values it fails with `order_exists`.
   */
  createOrder(input: NewOrder, options?: ApplyOptions): Promise<Order>
  getOrder(orderId: string): Promise<Order | undefined>
  findOrderByQrId(qrId: string): Promise<Order | undefined>
  /** Records the QR the checkout created for an order (fails with `order_not_found`). */
  attachQr(orderId: string, qr: OrderQr, options?: ApplyOptions): Promise<Order>
  /** Decides and applies one event atomically. */
  applyEvent(event: OrderEvent, options?: ApplyOptions): Promise<ApplyResult>
  /** Orders by status and age, oldest change first: what reconciliation looks at. */
  listOrders(filter?: ListOrdersFilter): Promise<ReadonlyArray<Order>>
  /** Payments that arrived for unknown orders, oldest first. */
  listUnmatchedPayments(): Promise<ReadonlyArray<UnmatchedPayment>>
}
