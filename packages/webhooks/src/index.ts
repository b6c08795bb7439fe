export type { ConfirmedPayment, PaymentConfirmationPort } from "./callback/payment-confirmation.js"
export type {
  MiaCallbackHandler,
  MiaCallbackHandlerOptions,
  MiaCallbackOutcome,
  MiaCallbackResult
} from "./callback/handle-callback.js"
export { createMiaCallbackHandler, handleMiaCallback } from "./callback/handle-callback.js"
export type { IgnoreCode, OrderChanges, TransitionDecision } from "./decide-transition.js"
export { decideTransition, isPremature } from "./decide-transition.js"
export type { MiaOrderErrorCode } from "./errors.js"
export { MiaOrderError } from "./errors.js"
export type {
  OrderChange,
  OrderChangeListener,
  OrderEventBus,
  OrderEventBusOptions
} from "./events/order-event-bus.js"
export { createOrderEventBus } from "./events/order-event-bus.js"
export { amountProblem, formatMoney, fromMinorUnits, MAX_AMOUNT, toMinorUnits } from "./money.js"
export type {
  NewOrder,
  Order,
  OrderQr,
  OrderStatus,
  OrderTransition,
  TransitionCode,
  UnmatchedPayment
} from "./order.js"
export { ORDER_STATUSES, toOrderView } from "./order.js"
export type { ManualEvent, OrderEvent, PaymentEvent, QrClosedEvent, RefundEvent } from "./order-event.js"
export { eventKey } from "./order-event.js"
export type {
  MiaReconciler,
  MiaReconcilerOptions,
  OrderReconciliation,
  ReconciliationPort,
  ReconciliationReport
} from "./reconciliation/reconciler.js"
export { createMiaReconciler } from "./reconciliation/reconciler.js"
export type { MemoryOrderStoreOptions } from "./store/memory-store.js"
export { createMemoryOrderStore } from "./store/memory-store.js"
export type { OpenedSqlOrderStore, OpenSqlOrderStoreOptions } from "./store/open-sql-store.js"
export { openSqlOrderStore } from "./store/open-sql-store.js"
export type { ApplyOptions, ApplyResult, ListOrdersFilter, OrderStore } from "./store/order-store.js"
export type { SqlClient, SqlQueryable } from "./store/sql-client.js"
export type { SqlMigration } from "./store/sql-migrations.js"
export { MIA_MIGRATIONS, migrateMiaSchema } from "./store/sql-migrations.js"
export type { SqlOrderStore, SqlOrderStoreOptions } from "./store/sql-store.js"
export { createSqlOrderStore } from "./store/sql-store.js"
