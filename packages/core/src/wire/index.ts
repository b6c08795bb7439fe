export type {
  CheckoutSession,
  OrderStatus,
  OrderView,
  ProblemDetails,
  RefundRequestBody,
  RefundView
} from "./checkout.js"
