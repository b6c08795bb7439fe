/**
 * A verified MIA payment notification. Field names are the API's own. `raw` is the
 * `result` object exactly as received, for audit logs and for fields the SDK does not know yet.
 *
 * @example
 * const n: MiaCallbackNotification = {
 *   qrId: "789e0123-f456-7890-a123-456789012345", payId: "123e4567-e89b-12d3-a456-426614174000",
 *   qrStatus: "Paid", amount: 100.5, currency: "MDL", raw: {}
 * }
 */
export interface MiaCallbackNotification {
  readonly qrId: string
  readonly payId: string
  /** `Paid` for a Dynamic QR; a Static or Hybrid QR may stay `Active`. Unknown values pass through. */
  readonly qrStatus: string
  readonly amount: number
  readonly currency: string
  readonly extensionId?: string | undefined
  readonly referenceId?: string | undefined
  readonly orderId?: string | undefined
  readonly commission?: number | undefined
  readonly payerName?: string | undefined
  readonly payerIban?: string | undefined
  /** ISO 8601 as sent by the bank, not re-formatted. */
  readonly executedAt?: string | undefined
  readonly terminalId?: string | undefined
  readonly raw: Readonly<Record<string, unknown>>
}

/**
 * Why a callback was rejected. Stable codes, safe to log and to switch on.
 *
 * @example
 * const reason: MiaCallbackRejection = "signature_mismatch"
 */
export type MiaCallbackRejection =
  | "malformed_body"
  | "missing_result"
  | "missing_signature"
  | "missing_signature_key"
  | "unsignable_result"
  | "signature_mismatch"
  | "malformed_notification"

/**
 * The outcome of {@link verifyMiaCallback}: either a trusted notification or a named reason.
 *
 * @example
 * const outcome: MiaCallbackVerification = { valid: false, reason: "signature_mismatch", message: "..." }
 */
export type MiaCallbackVerification =
  | { readonly valid: true; readonly notification: MiaCallbackNotification }
  | { readonly valid: false; readonly reason: MiaCallbackRejection; readonly message: string }
