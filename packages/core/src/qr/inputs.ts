/**
 * Body of `createQr`. Field names are the API's own.
 * - `Fixed`: `amount` required. `Controlled`: `amountMin` < `amountMax` required, `amount` optional
 *   within them. `Free`: no amount fields, Static only.
 * - `expiresAt` (a `Date` or an ISO 8601 string): required for Dynamic, 1 minute to 60 days ahead;
 *   not used for Static.
 * - `currency` defaults to `MDL`, the only currency.
 *
 * @example
 * const input: MiaCreateQrInput = {
 *   type: "Dynamic",
 *   amountType: "Fixed",
 *   amount: 50,
 *   description: "Order #123",
 *   orderId: "123",
 *   expiresAt: new Date(Date.now() + 15 * 60_000),
 *   callbackUrl: "https://shop.md/mia/callback"
 * }
 */
export interface MiaCreateQrInput {
  readonly type: "Static" | "Dynamic"
  readonly amountType: "Fixed" | "Controlled" | "Free"
  readonly amount?: number | undefined
  readonly amountMin?: number | undefined
  readonly amountMax?: number | undefined
  readonly currency?: "MDL" | undefined
  /** Up to 500 characters, shown to the payer. */
  readonly description: string
  readonly expiresAt?: Date | string | undefined
  /** Your order reference, up to 100 characters. */
  readonly orderId?: string | undefined
  /** HTTPS, up to 1000 characters: where maib POSTs the signed payment notification. */
  readonly callbackUrl?: string | undefined
  /** HTTPS, up to 1000 characters: where the payer's bank app sends them after paying. */
  readonly redirectUrl?: string | undefined
  /** Up to 100 characters; the account default is used when omitted. */
  readonly terminalId?: string | undefined
}

/**
 * An extension of a Hybrid QR: the amount, validity and order it currently collects.
 * The amount fields follow the QR's amount type (`Fixed`: `amount`; `Controlled`: `amountMin`,
 * `amountMax` and optionally `amount`).
 *
 * @example
 * const extension: MiaExtensionInput = {
 *   expiresAt: new Date(Date.now() + 60 * 60_000),
 *   amount: 100,
 *   description: "Table 4",
 *   orderId: "456"
 * }
 */
export interface MiaExtensionInput {
  readonly expiresAt: Date | string
  readonly amount?: number | undefined
  readonly amountMin?: number | undefined
  readonly amountMax?: number | undefined
  readonly description: string
  readonly orderId?: string | undefined
  readonly callbackUrl?: string | undefined
  readonly redirectUrl?: string | undefined
}

/**
 * Body of `createHybridQr`, optionally with a first extension.
 *
 * @example
 * const input: MiaCreateHybridQrInput = {
 *   amountType: "Fixed",
 *   terminalId: "P011111",
 *   extension: { expiresAt: new Date(Date.now() + 3_600_000), amount: 50, description: "Order #123" }
 * }
 */
export interface MiaCreateHybridQrInput {
  readonly amountType: "Fixed" | "Controlled"
  readonly currency?: "MDL" | undefined
  readonly terminalId?: string | undefined
  readonly extension?: MiaExtensionInput | undefined
}

/**
 * Body of `cancelQr`: why the QR is cancelled (required, up to 500 characters).
 *
 * @example
 * await client.cancelQr(qrId, { reason: "Order cancelled by the customer" })
 */
export interface MiaCancelQrInput {
  readonly reason: string
}

/**
 * Body of `cancelExtension`: an optional reason (up to 500 characters).
 *
 * @example
 * await client.cancelExtension(qrId, { reason: "Table closed" })
 */
export interface MiaCancelExtensionInput {
  readonly reason?: string | undefined
}

/**
 * Body of `refundPayment`: omit `amount` for a full refund.
 *
 * @example
 * await client.refundPayment(payId, { amount: 20.5, reason: "One item returned" })
 */
export interface MiaRefundInput {
  readonly amount?: number | undefined
  /** Required, up to 500 characters. */
  readonly reason: string
  /** HTTPS URL notified when the refund is processed. */
  readonly callbackUrl?: string | undefined
}

/**
 * Filter and paging of `listQrs`. `count` defaults to 20, `offset` to 0; both are
 * always sent. Amount bounds and date ranges are inclusive.
 *
 * @example
 * const page = await client.listQrs({ orderId: "123", status: "Active", sortBy: "createdAt", order: "desc" })
 */
export interface MiaListQrsFilter {
  readonly count?: number | undefined
  readonly offset?: number | undefined
  readonly sortBy?: "orderId" | "type" | "amountType" | "status" | "createdAt" | "expiresAt" | undefined
  readonly order?: "asc" | "desc" | undefined
  readonly qrId?: string | undefined
  readonly extensionId?: string | undefined
  readonly orderId?: string | undefined
  readonly type?: "Static" | "Dynamic" | "Hybrid" | undefined
  readonly amountType?: "Fixed" | "Controlled" | "Free" | undefined
  readonly amountFrom?: number | undefined
  readonly amountTo?: number | undefined
  readonly description?: string | undefined
  readonly status?: "Active" | "Inactive" | "Expired" | "Paid" | "Cancelled" | undefined
  readonly createdAtFrom?: Date | string | undefined
  readonly createdAtTo?: Date | string | undefined
  readonly expiresAtFrom?: Date | string | undefined
  readonly expiresAtTo?: Date | string | undefined
  readonly terminalId?: string | undefined
}

/**
 * Filter and paging of `listExtensions` (experimental: `GET /v2/mia/qr/extension` is not in
 * maib's published documents). `count` defaults to 20, `offset` to 0.
 *
 * @example
 * const page = await client.listExtensions({ qrId, status: "Active" })
 */
export interface MiaListExtensionsFilter {
  readonly count?: number | undefined
  readonly offset?: number | undefined
  readonly sortBy?: "orderId" | "status" | "createdAt" | "expiresAt" | undefined
  readonly order?: "asc" | "desc" | undefined
  readonly qrId?: string | undefined
  readonly extensionId?: string | undefined
  readonly orderId?: string | undefined
  readonly status?: "Active" | "Inactive" | "Expired" | "Paid" | "Cancelled" | undefined
  readonly createdAtFrom?: Date | string | undefined
  readonly createdAtTo?: Date | string | undefined
  readonly expiresAtFrom?: Date | string | undefined
  readonly expiresAtTo?: Date | string | undefined
}

/**
 * Filter and paging of `listPayments`. `count` defaults to 20, `offset` to 0.
 *
 * @example
 * const page = await client.listPayments({ qrId, status: "Executed", count: 1, sortBy: "executedAt", order: "desc" })
 */
export interface MiaListPaymentsFilter {
  readonly count?: number | undefined
  readonly offset?: number | undefined
  readonly sortBy?: "orderId" | "amount" | "status" | "executedAt" | undefined
  readonly order?: "asc" | "desc" | undefined
  readonly payId?: string | undefined
  readonly referenceId?: string | undefined
  readonly qrId?: string | undefined
  readonly extensionId?: string | undefined
  readonly orderId?: string | undefined
  readonly amountFrom?: number | undefined
  readonly amountTo?: number | undefined
  readonly description?: string | undefined
  readonly payerName?: string | undefined
  readonly payerIban?: string | undefined
  readonly status?: "Executed" | "Refunded" | undefined
  readonly executedAtFrom?: Date | string | undefined
  readonly executedAtTo?: Date | string | undefined
  readonly terminalId?: string | undefined
}

/**
 * Body of `testPay` (sandbox only). `currency` defaults to `MDL`.
 *
 * @example
 * await client.testPay({ qrId, amount: 50, iban: "MD88AG000000011621810140", payerName: "John D." })
 */
export interface MiaTestPayInput {
  readonly qrId: string
  readonly amount: number
  readonly iban: string
  readonly payerName: string
  readonly currency?: "MDL" | undefined
}
