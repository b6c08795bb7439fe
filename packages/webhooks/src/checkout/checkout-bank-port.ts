import type { ReconciliationPort } from "../reconciliation/reconciler.js"

/**
 * What the order services ask the bank. The MIA QR client (`createMiaQrClient(...)` from
 * `@mia-sdk/core`) fits as is; the narrow shape keeps test doubles small.
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * const bank: CheckoutBankPort = createMiaQrClient({ clientId, clientSecret })
 */
export interface CheckoutBankPort extends ReconciliationPort {
  createQr(input: {
    readonly type: "Dynamic"
    readonly amountType: "Fixed"
    readonly amount: number
    readonly currency: "MDL"
    readonly description: string
    readonly orderId: string
    readonly expiresAt: string
    readonly callbackUrl: string
    readonly redirectUrl?: string | undefined
  }): Promise<{ readonly qrId: string; readonly url: string; readonly expiresAt?: string | undefined }>
  cancelQr(qrId: string, input: { readonly reason: string }): Promise<unknown>
  refundPayment(
    payId: string,
    input: {
      readonly amount?: number | undefined
      readonly reason: string
      readonly callbackUrl?: string | undefined
    }
  ): Promise<{ readonly refundId?: string | undefined; readonly status: string }>
}
