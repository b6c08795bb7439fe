export type {
  CheckoutSession,
  OrderStatus,
  OrderView,
  ProblemDetails,
  RefundRequestBody,
  RefundView
} from "./checkout.js"
export type {
  PosActivationConfirmBody,
  PosActivationStartBody,
  PosChargeBody,
  PosChargeState,
  PosChargeView,
  PosLoginBody,
  PosReportLine,
  PosReportView,
  PosSessionView,
  PosShiftView
} from "./pos.js"
