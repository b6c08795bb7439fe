export type {
  CheckoutSession,
  OrderStatus,
  OrderView,
  PosActivationStartBody,
  PosChargeState,
  PosChargeView,
  PosLoginBody,
  PosReportLine,
  PosReportView,
  PosSessionView,
  PosShiftView,
  ProblemDetails,
  RefundRequestBody,
  RefundView
} from "@mia-sdk/core/wire"
export {
  createMiaClient,
  type EventSourceConstructor,
  type EventSourceLike,
  type MiaClient,
  type MiaClientOptions,
  type MiaResponse,
  type PollingOptions
} from "./client/create-client.js"
export { MiaRequestError } from "./client/mia-request-error.js"
export { MiaQrCode, type MiaQrCodeProps } from "./react/mia-qr-code.js"
export { MiaProvider, type MiaProviderProps, useMiaClient } from "./react/provider.js"
export { type UseChargeResult, useCharge } from "./react/use-charge.js"
export { type UseCheckoutResult, useCheckout } from "./react/use-checkout.js"
export { type UsePaymentStatusResult, usePaymentStatus } from "./react/use-payment-status.js"
export { type UsePosReportsResult, usePosReports } from "./react/use-pos-reports.js"
export {
  type UsePosSessionResult,
  type UsePosShiftResult,
  usePosSession,
  usePosShift
} from "./react/use-pos-session.js"
export {
  type ChargePhase,
  type ChargeSnapshot,
  type ChargeStore,
  createChargeStore
} from "./store/charge-store.js"
export {
  type CheckoutPhase,
  type CheckoutSnapshot,
  type CheckoutStore,
  type CheckoutStoreOptions,
  createCheckoutStore
} from "./store/checkout-store.js"
export type { ReadableStore, Transport } from "./store/external-store.js"
export { isFinalStatus, type OrderPhase, orderPhase } from "./store/order-phase.js"
export {
  createPaymentStatusStore,
  type PaymentStatusSnapshot,
  type PaymentStatusStore
} from "./store/payment-status-store.js"
export {
  createPosReportsStore,
  type PosReportKind,
  type PosReportsSnapshot,
  type PosReportsStore
} from "./store/pos-reports-store.js"
export {
  createPosSessionStore,
  type PosSessionAction,
  type PosSessionSnapshot,
  type PosSessionStore
} from "./store/pos-session-store.js"
