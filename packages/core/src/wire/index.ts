export type {
  CheckoutSession,
  OrderStatus,
  OrderRtpView,
  OrderView,
  ProblemDetails,
  RefundRequestBody,
  RefundView,
  RtpRequestBody,
  RtpSession
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
