/**
 * Requests to pay as the sandbox shows them: amounts in lei, date-times as ISO 8601 strings,
 * optional fields left out when they have no value.
 */

/**
 * Every status a request to pay can show. `Created` and `Active` are both "pending".
 *
 * @example
 * const pending = (status: SandboxRtpStatus) => status === "Created" || status === "Active"
 */
export type SandboxRtpStatus =
  | "Created"
  | "Active"
  | "Accepted"
  | "Rejected"
  | "Expired"
  | "Cancelled"
  | "Refunded"

/**
 * A request to pay with everything the sandbox knows, including the payer's phone number and the
 * payment, which the bank's status answer does not all show.
 *
 * @example
 * const request: SandboxRtp = sandbox.rtp.get(rtpId)!
 * if (request.status === "Accepted") console.log(request.payId)
 */
export interface SandboxRtp {
  readonly rtpId: string
  /** The payer's phone number, `373` + 8 digits. */
  readonly alias: string
  readonly orderId?: string
  readonly status: SandboxRtpStatus
  readonly amount: number
  readonly currency: "MDL"
  readonly description: string
  readonly callbackUrl?: string
  readonly redirectUrl?: string
  readonly createdAt: string
  /** The last status change. */
  readonly updatedAt: string
  /** Echoed as the merchant sent it. */
  readonly expiresAt: string
  readonly terminalId?: string
  /** Once accepted. */
  readonly payId?: string
  /** Once refunded. */
  readonly refundId?: string
}

/**
 * A pending request as the payer's phone shows it.
 *
 * @example
 * const [latest]: ReadonlyArray<SandboxRtpInboxItem> = sandbox.rtp.inbox("37369112221")
 * console.log(`${latest?.description}: ${latest?.amount} MDL`)
 */
export interface SandboxRtpInboxItem {
  readonly rtpId: string
  readonly alias: string
  readonly orderId?: string
  readonly status: "Created" | "Active"
  readonly amount: number
  readonly currency: "MDL"
  readonly description: string
  readonly createdAt: string
  readonly expiresAt: string
  readonly terminalId?: string
}

/**
 * Who pays, when the simulated phone accepts a request. Every field is optional.
 *
 * @example
 * const payer: SandboxRtpPayer = { payerName: "Ion P.", payerIban: "MD24AG000225100014156789" }
 */
export interface SandboxRtpPayer {
  /** Default `"John D."`. */
  readonly payerName?: string
  /** Default the official sandbox test IBAN `MD88AG000000011621810140`. */
  readonly payerIban?: string
}

/**
 * The payment of an accepted request: the fields of its callback.
 *
 * @example
 * const payment: SandboxRtpPayment = await sandbox.rtp.accept(rtpId)
 * await refund(payment.payId)
 */
export interface SandboxRtpPayment {
  readonly rtpId: string
  readonly rtpStatus: "Accepted"
  readonly orderId?: string
  readonly payId: string
  readonly amount: number
  readonly commission: number
  readonly currency: "MDL"
  readonly payerName: string
  readonly payerIban: string
  readonly executedAt: string
}
