import type { IgnoreCode } from "../decide-transition.js"
import type { OrderEventBus } from "../events/order-event-bus.js"
import type { NewOrder, Order, OrderQr, OrderStatus, OrderTransition, UnmatchedPayment } from "../order.js"
import type { OrderEvent } from "../order-event.js"
import type {
  BeginRefundResult,
  FinishRefundResult,
  ListRefundsFilter,
  NewRefund,
  RefundNotice,
  RefundOutcome,
  RefundRecord
} from "../refunds/refund-record.js"

/**
 * What applying an event did:
 * - `applied`: the order changed (status and/or recorded fields) and the transition was recorded;
 * - `duplicate`: this `payId` / `refundId` / QR closure was processed before; nothing changed;
 * - `ignored`: the lifecycle says nothing should change (e.g. a late QR expiry on a paid order);
 * - `unmatched`: a payment kept in the unmatched payments: its order is unknown, or it names an
 *   order through a QR that order never created (`payment.code`); it never pays an order.
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
  | { readonly outcome: "unmatched"; readonly payment: UnmatchedPayment; readonly order?: Order | undefined }

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
 * Filter of {@link OrderStore.listDueOrders}.
 *
 * @example
 * const due = await store.listDueOrders({ now: new Date().toISOString(), limit: 50 })
 */
export interface ListDueOrdersFilter {
  /** ISO 8601: orders whose next check is at or before this. */
  readonly now: string
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
  /** Orders whose next reconciliation check is due, the longest overdue first. */
  listDueOrders(filter: ListDueOrdersFilter): Promise<ReadonlyArray<Order>>
  /**
   * Claims the longest overdue orders for one reconciliation run: their next check moves to
   * `leaseUntil`, so no other server (or run) takes them meanwhile; rows another server is
   * claiming at this moment are skipped (`FOR UPDATE SKIP LOCKED` on PostgreSQL). The caller
   * sets the real next check when it is done; if it dies, the lease runs out and another takes over.
   */
  claimDueOrders(filter: ListDueOrdersFilter & { readonly leaseUntil: string }): Promise<ReadonlyArray<Order>>
  /** Sets when reconciliation next looks at an order (`undefined`: never). */
  scheduleCheck(orderId: string, at: string | undefined): Promise<void>
  /** Payments kept aside (unknown order, foreign QR, mismatched terms), oldest first. */
  listUnmatchedPayments(): Promise<ReadonlyArray<UnmatchedPayment>>
  /**
   * Writes a refund as pending before the bank is asked, atomically with the refundable check
   * (pending refunds count against the remainder), once per `(orderId, idempotencyKey)`.
   * Fails with `order_not_found`, `order_not_refundable`, `refund_in_progress`,
   * `invalid_refund` (amount over the remainder) or `idempotency_key_reused`.
   */
  beginRefund(request: NewRefund): Promise<BeginRefundResult>
  /**
   * Records the bank's answer to a pending refund; an accepted one is applied to its order in
   * the same atomic step. A refund that is no longer pending is returned unchanged.
   */
  finishRefund(refundKey: string, outcome: RefundOutcome): Promise<FinishRefundResult>
  /** The ledger, newest first. */
  listRefunds(filter?: ListRefundsFilter): Promise<ReadonlyArray<RefundRecord>>
  /** Keeps a refund callback the bank did not confirm; `false` when it was kept before. */
  recordRefundNotice(notice: RefundNotice): Promise<boolean>
  /** Unconfirmed refund callbacks, oldest first. */
  listRefundNotices(): Promise<ReadonlyArray<RefundNotice>>
  /**
   * Runs `work` while holding the order's lock, across every server on the database (an
   * advisory lock on PostgreSQL): what checkout uses so two servers never create two payable
   * QRs for one order. `work` may use the store; keep it short (it may call the bank once).
   */
  withOrderLock<T>(orderId: string, work: () => Promise<T>): Promise<T>
}
