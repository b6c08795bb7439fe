import type { MiaCallbackRejection } from "../callback/notification.js"

/**
 * A verified request-to-pay notification: maib sends one when the payer has paid. Field names
 * are the API's own; `raw` is the `result` object exactly as received, for audit logs and for
 * fields the SDK does not know yet. Keep `payId`: refunds need it.
 *
 * @example
 * const n: MiaRtpCallbackNotification = {
 *   rtpId: "123e4567-e89b-12d3-a456-426614174000", payId: "c56a4180-65aa-42ec-a945-5fd21dec0538",
 *   rtpStatus: "Accepted", amount: 100, currency: "MDL", raw: {}
 * }
 */
export interface MiaRtpCallbackNotification {
  readonly rtpId: string
  readonly payId: string
  /** `Accepted`; unknown values pass through. */
  readonly rtpStatus: string
  readonly amount: number
  readonly currency: string
  readonly orderId?: string | undefined
  readonly commission?: number | undefined
  readonly payerName?: string | undefined
  readonly payerIban?: string | undefined
  /** ISO 8601 as sent by the bank, not re-formatted. */
  readonly executedAt?: string | undefined
  readonly raw: Readonly<Record<string, unknown>>
}

/**
 * The outcome of `verifyCallback` on an RTP client: a trusted notification or a named reason
 * (the same reasons as for MIA QR callbacks).
 *
 * @example
 * const outcome: MiaRtpCallbackVerification = { valid: false, reason: "signature_mismatch", message: "..." }
 */
export type MiaRtpCallbackVerification =
  | { readonly valid: true; readonly notification: MiaRtpCallbackNotification }
  | { readonly valid: false; readonly reason: MiaCallbackRejection; readonly message: string }
