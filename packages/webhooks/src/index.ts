export type { ConfirmedPayment, PaymentConfirmationPort } from "./callback/payment-confirmation.js"
export type { CheckoutBankPort } from "./checkout/checkout-bank-port.js"
export type { MiaCheckout, MiaCheckoutServiceOptions } from "./checkout/mia-checkout-service.js"
export { createMiaCheckout } from "./checkout/mia-checkout-service.js"
export type { CheckoutOutcome } from "./checkout/open-checkout.js"
export type { RtpOutcome } from "./rtp/request-rtp.js"
export type { RtpBankPort } from "./rtp/rtp-bank-port.js"
export type { WatchOrderOptions } from "./events/watch-order.js"
export { watchOrder } from "./events/watch-order.js"
export type { RefundRequestOptions, RefundResult } from "./refunds/refund-order.js"
export type { ValidRefundInput } from "./refunds/validate-refund.js"
export { validateRefundInput } from "./refunds/validate-refund.js"
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
export { formatMoney } from "./money.js"
export type {
  NewOrder,
  Order,
  OrderQr,
  OrderRtp,
  OrderStatus,
  OrderTransition,
  TransitionCode,
  UnmatchedPayment
} from "./order.js"
export {
  FINAL_STATUSES,
  ORDER_STATUSES,
  openRtp,
  PAID_STATUSES,
  placeholderPayId,
  toOrderView,
  toRtpView
} from "./order.js"
export type {
  ManualEvent,
  OrderEvent,
  PaymentEvent,
  QrClosedEvent,
  RefundEvent,
  RtpClosedEvent,
  RtpRequestedEvent
} from "./order-event.js"
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
export type {
  ApplyOptions,
  ApplyResult,
  ListDueOrdersFilter,
  ListOrdersFilter,
  OrderStore
} from "./store/order-store.js"
export type {
  BeginRefundResult,
  FinishRefundResult,
  ListRefundsFilter,
  NewRefund,
  RefundNotice,
  RefundOutcome,
  RefundRecord,
  RefundStatus
} from "./refunds/refund-record.js"
export { nextCheckAt } from "./reconciliation/check-schedule.js"
export type { SqlClient, SqlQueryable } from "./store/sql-client.js"
export type { SqlMigration } from "./store/sql-migrations.js"
export { MIA_MIGRATIONS, migrateMiaSchema } from "./store/sql-migrations.js"
export type { SqlListenConnection, SqlListenOptions } from "./store/sql-order-listener.js"
export type { SqlOrderStore, SqlOrderStoreOptions } from "./store/sql-store.js"
export { createSqlOrderStore } from "./store/sql-store.js"
export type { MiaCashierErrorCode } from "./pos/cashier-error.js"
export { MiaCashierError } from "./pos/cashier-error.js"
export type {
  PosCashierState,
  PosCashierStateStore,
  PosChargeMemo,
  VersionedPosCashierState
} from "./pos/cashier-state.js"
export type { MemoryPosCashierStateOptions } from "./pos/memory-cashier-state.js"
export { createMemoryPosCashierState } from "./pos/memory-cashier-state.js"
export type { PosCashierClient, PosCashierOptions } from "./pos/cashier-options.js"
export type { PosCashierReport, PosReportOptions } from "./pos/cashier-report.js"
export type { PosCashier } from "./pos/pos-cashier.js"
export { createPosCashier } from "./pos/pos-cashier.js"
export type { SqlPosCashierStateOptions } from "./pos/sql-cashier-state.js"
export { createSqlPosCashierState } from "./pos/sql-cashier-state.js"
export type { SqlPosSessionStoreOptions } from "./pos/sql-session-store.js"
export { createSqlPosSessionStore } from "./pos/sql-session-store.js"
