import type { OrderStatus, OrderView } from "@mia-sdk/core/wire"

/**
 * The request header that carries the admin token, when the demo asks for one
 * ({@link DemoInfo.adminTokenRequired}).
 * @example
 * fetch("/api/admin/orders", { headers: { [ADMIN_TOKEN_HEADER]: token } })
 */
export const ADMIN_TOKEN_HEADER = "x-demo-admin-token"

/**
 * Which bank the merchant server talks to. Never maib production: the demo refuses to start there.
 * @example
 * const bank: BankMode = "embedded"
 */
export type BankMode = "embedded" | "maib-sandbox"

/**
 * `GET /api/demo/info`: how this demo is wired, so pages can show or hide what only the embedded
 * sandbox can do (the simulated phone, the SMS inbox).
 * @example
 * const info = await api.get<DemoInfo>("/api/demo/info")
 * if (info.phone) showPhoneLink()
 */
export interface DemoInfo {
  readonly bank: BankMode
  readonly database: "pglite" | "postgresql" | "memory"
  /** The simulated customer phone (and the SMS inbox) exist only with the embedded sandbox. */
  readonly phone: boolean
  readonly pos: boolean
  /** Prefilled cashier credentials of the embedded sandbox's terminal; absent with a real bank. */
  readonly posDefaults?: PosDefaults | undefined
  /**
   * Whether the admin API, refunds and the till ask for the admin token (header
   * {@link ADMIN_TOKEN_HEADER}): with a real bank only.
   */
  readonly adminTokenRequired: boolean
}

/**
 * Terminal and seller credentials the embedded sandbox accepts.
 * @example
 * const defaults: PosDefaults = { terminalId: "T0000001", merchantIdno: "1003600012345", username: "cashier", password: "demo" }
 */
export interface PosDefaults {
  readonly terminalId: string
  readonly merchantIdno: string
  readonly username: string
  readonly password: string
}

/**
 * One item of the shop's catalog. Prices are in MDL.
 * @example
 * const product: Product = { id: "espresso-beans", name: "Espresso beans", description: "…", price: 189.5, art: "beans" }
 */
export interface Product {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly price: number
  /** Which drawing the storefront shows (plain SVG: no emoji font needed). */
  readonly art: ProductArtKind
}

/**
 * The drawings the storefront has for products.
 * @example
 * const art: ProductArtKind = "cup"
 */
export type ProductArtKind = "beans" | "bag" | "pot" | "cup" | "pie" | "gift"

/**
 * `POST /api/shop/orders` body: the cart. Prices come from the server's catalog, never the browser.
 * @example
 * const body: CreateOrderBody = { items: [{ productId: "espresso-beans", quantity: 2 }] }
 */
export interface CreateOrderBody {
  readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>
}

/**
 * `POST /api/shop/orders` answer.
 * @example
 * navigate(`/checkout/${created.orderId}`)
 */
export interface CreatedOrder {
  readonly orderId: string
  readonly amount: number
  readonly currency: string
  readonly description: string
}

/**
 * One recorded status change of an order.
 * @example
 * const t: OrderTransitionView = { at: "…", from: "pending", to: "processing", actor: "webhook", reason: "payment executed" }
 */
export interface OrderTransitionView {
  readonly at: string
  readonly from: OrderStatus | null
  readonly to: OrderStatus
  readonly actor: string
  readonly reason: string
}

/**
 * An order with its history, as the admin page shows it.
 * @example
 * const detail = await api.get<AdminOrder>(`/api/admin/orders/${orderId}`)
 */
export interface AdminOrder {
  readonly order: OrderView
  readonly description: string
  readonly createdAt: string
  readonly transitions: ReadonlyArray<OrderTransitionView>
}

/**
 * `POST /api/admin/reconcile` answer: what the poller found for the pending orders.
 * @example
 * const { checked, changed } = await api.post<ReconcileSummary>("/api/admin/reconcile")
 */
export interface ReconcileSummary {
  readonly checked: number
  readonly changed: number
  /** Requests made to the bank. */
  readonly bankCalls: number
  readonly details: ReadonlyArray<string>
}

/**
 * A QR the simulated phone can pay: an e-commerce QR (MIA QR API) or a cashier's QR (MiaPos).
 * @example
 * const qrs = await api.get<PhoneQr[]>("/api/phone/qrs")
 */
export interface PhoneQr {
  readonly qrId: string
  readonly source: "shop" | "pos"
  readonly amount: number
  readonly currency: string
  readonly description: string
  readonly merchant: string
  readonly expiresAt?: string | undefined
}

/**
 * `POST /api/phone/pay` answer.
 * @example
 * const receipt = await api.post<PhonePayment>("/api/phone/pay", { qrId })
 */
export interface PhonePayment {
  readonly qrId: string
  readonly payId: string
  readonly amount: number
  readonly currency: string
}

/**
 * One SMS the embedded sandbox "sent" (the activation OTP).
 * @example
 * const [latest] = await api.get<SmsMessage[]>("/api/demo/sms-inbox")
 */
export interface SmsMessage {
  readonly to: string
  readonly text: string
  readonly code: string
  readonly sentAt: string
}

/**
 * A payment request waiting on the simulated phone (the payer's banking app).
 * @example
 * const requests = await api.get<PhoneRequest[]>("/api/phone/requests?alias=37369112221")
 */
export interface PhoneRequest {
  readonly rtpId: string
  readonly amount: number
  readonly currency: string
  readonly description: string
  readonly merchant: string
  readonly expiresAt: string
}

/**
 * What the payer answered to a payment request.
 * @example
 * const answer = await api.post<PhoneRequestAnswer>(`/api/phone/requests/${rtpId}/accept`, {})
 */
export interface PhoneRequestAnswer {
  readonly rtpId: string
  readonly answer: "accepted" | "declined"
  readonly payId?: string | undefined
}
