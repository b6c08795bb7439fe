/**
 * The sandbox's records as the MIA QR API shows them on the wire. Amounts are
 * lei, date-times ISO 8601 strings; optional fields are left out when they have no value.
 */

/**
 * A QR code as `GET /v2/mia/qr/{qrId}` returns it.
 *
 * @example
 * const qr: SandboxQr = sandbox.state.qr(qrId)!
 * if (qr.status === "Paid") console.log(`${qr.orderId} paid ${qr.amount} ${qr.currency}`)
 */
export interface SandboxQr {
  readonly qrId: string
  /** The current extension of a Hybrid QR. */
  readonly extensionId?: string
  readonly orderId?: string
  readonly status: "Active" | "Inactive" | "Expired" | "Paid" | "Cancelled"
  readonly type: "Static" | "Dynamic" | "Hybrid"
  readonly url: string
  readonly amountType: "Fixed" | "Controlled" | "Free"
  readonly amount?: number
  readonly amountMin?: number
  readonly amountMax?: number
  readonly currency: "MDL"
  readonly description?: string
  readonly callbackUrl?: string
  readonly redirectUrl?: string
  readonly createdAt: string
  /** The last status change. */
  readonly updatedAt: string
  /** Echoed as the merchant sent it (Dynamic QR codes and Hybrid extensions). */
  readonly expiresAt?: string
  readonly terminalId?: string
}

/**
 * A payment as `GET /v2/mia/payments/{payId}` returns it.
 *
 * @example
 * const payment: SandboxPayment = sandbox.state.payment(payId)!
 * console.log(payment.status, payment.amount, payment.refundedAt)
 */
export interface SandboxPayment {
  readonly payId: string
  readonly referenceId: string
  readonly qrId: string
  readonly extensionId?: string
  readonly orderId?: string
  readonly amount: number
  readonly commission: number
  readonly currency: "MDL"
  readonly description: string
  readonly payerName: string
  readonly payerIban: string
  /** `Refunded` once the whole amount was refunded; a partial refund leaves `Executed`. */
  readonly status: "Executed" | "Refunded"
  readonly executedAt: string
  readonly refundedAt?: string
  readonly terminalId?: string
}

/**
 * A refund as `GET /v2/payments/refunds/{refundId}` returns it.
 *
 * @example
 * const refund: SandboxRefund = sandbox.state.refund(refundId)!
 * console.log(refund.amount, refund.status) // 25.5 "Accepted"
 */
export interface SandboxRefund {
  readonly refundId: string
  readonly payId: string
  readonly amount: number
  readonly currency: "MDL"
  readonly reason: string
  readonly status: "Created" | "Accepted"
  readonly callbackUrl?: string
  readonly createdAt: string
}

/**
 * The answer of `POST /v2/mia/test-pay`, also returned by `sandbox.pay()`.
 *
 * @example
 * const paid: SandboxTestPayResult = await sandbox.pay({ qrId })
 * console.log(paid.payId, paid.qrStatus) // "…", "Paid"
 */
export interface SandboxTestPayResult {
  readonly qrId: string
  readonly qrStatus: SandboxQr["status"]
  readonly orderId?: string
  readonly payId: string
  readonly amount: number
  readonly commission: number
  readonly currency: "MDL"
  readonly payerName: string
  readonly payerIban: string
  readonly executedAt: string
  /** The key the callback of this payment is signed with (the sandbox's `signatureKey`). */
  readonly signatureKey: string
}
