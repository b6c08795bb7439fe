/**
 * Body of `createRtp`: a payment request pushed to the payer's phone.
 * - `alias`: the payer's mobile number as `373` followed by 8 digits, no `+` or spaces (`37369112221`).
 * - `amount`: in lei, > 0, at most 2 decimals.
 * - `expiresAt` (a `Date` or an ISO 8601 string): 1 minute to 60 days ahead.
 * - `currency` defaults to `MDL`, the only currency.
 *
 * @example
 * const input: MiaCreateRtpInput = {
 *   alias: "37369112221",
 *   amount: 150,
 *   description: "Invoice #123",
 *   orderId: "123",
 *   expiresAt: new Date(Date.now() + 60 * 60_000),
 *   callbackUrl: "https://shop.md/mia/callback"
 * }
 */
export interface MiaCreateRtpInput {
  readonly alias: string
  readonly amount: number
  readonly currency?: "MDL" | undefined
  /** Up to 500 characters, shown to the payer. */
  readonly description: string
  readonly expiresAt: Date | string
  /** Your order reference, up to 100 characters (not required to be unique). */
  readonly orderId?: string | undefined
  /** Up to 100 characters, provided by the bank. */
  readonly terminalId?: string | undefined
  /** HTTPS, up to 1000 characters: where maib POSTs the signed notification once the payer has paid. */
  readonly callbackUrl?: string | undefined
  /** HTTPS, up to 1000 characters: where the payer is sent after paying. */
  readonly redirectUrl?: string | undefined
}

/**
 * Body of `cancelRtp` and `refundRtp`: why (required, up to 500 characters).
 *
 * @example
 * await client.cancelRtp(rtpId, { reason: "Order cancelled by the customer" })
 */
export interface MiaRtpReasonInput {
  readonly reason: string
}

/**
 * Filter and paging of `listRtps`. `count` defaults to 20, `offset` to 0; both are always sent.
 * `amount` is an exact amount; date ranges are inclusive.
 *
 * @example
 * const page = await client.listRtps({ orderId: "123", status: "Accepted", sortBy: "createdAt", order: "desc" })
 */
export interface MiaListRtpsQuery {
  readonly count?: number | undefined
  readonly offset?: number | undefined
  readonly sortBy?: "orderId" | "amount" | "status" | "createdAt" | "expiresAt" | undefined
  readonly order?: "asc" | "desc" | undefined
  readonly rtpId?: string | undefined
  readonly orderId?: string | undefined
  readonly amount?: number | undefined
  readonly description?: string | undefined
  readonly status?: "Created" | "Active" | "Cancelled" | "Accepted" | "Rejected" | "Expired" | undefined
  readonly createdAtFrom?: Date | string | undefined
  readonly createdAtTo?: Date | string | undefined
  readonly expiresAtFrom?: Date | string | undefined
  readonly expiresAtTo?: Date | string | undefined
  readonly terminalId?: string | undefined
}

/**
 * Body of `testAccept` (sandbox only): the amount the simulated payer pays, normally the
 * request's own. `currency` defaults to `MDL`.
 *
 * @example
 * const { payId } = await client.testAccept(rtpId, { amount: 150, currency: "MDL" })
 */
export interface MiaRtpTestAcceptInput {
  readonly amount: number
  readonly currency?: "MDL" | undefined
}
