/**
 * The bank's books: QR codes, their Hybrid extensions, payments and refunds. Amounts are bani.
 * Records are mutated only by the operations in this folder; readers get wire views.
 */

export type QrType = "Static" | "Dynamic" | "Hybrid"
export type AmountType = "Fixed" | "Controlled" | "Free"
export type QrStatus = "Active" | "Inactive" | "Expired" | "Paid" | "Cancelled"

/** An instant the merchant sent: parsed for comparisons, the text kept to echo it back unchanged. */
export interface SentInstant {
  readonly ms: number
  readonly text: string
}

/** What a payer is asked for: the amount rules and the order data of a QR or an extension. */
export interface PaymentTerms {
  readonly amount?: number | undefined
  readonly amountMin?: number | undefined
  readonly amountMax?: number | undefined
  readonly description: string
  readonly orderId?: string | undefined
  readonly callbackUrl?: string | undefined
  readonly redirectUrl?: string | undefined
  readonly expiresAt?: SentInstant | undefined
}

/** `Replaced`: a newer extension took its place (the API keeps one active extension per QR). */
export type ExtensionState = "Active" | "Paid" | "Cancelled" | "Replaced"

export interface ExtensionRecord {
  readonly extensionId: string
  readonly terms: PaymentTerms
  readonly createdAt: number
  state: ExtensionState
  updatedAt: number
}

/** Stored QR state; the status users see also depends on the clock (see `qr-status.ts`). */
export type QrState = "Active" | "Paid" | "Cancelled"

export interface QrRecord {
  readonly qrId: string
  readonly sequence: number
  readonly type: QrType
  readonly amountType: AmountType
  readonly currency: "MDL"
  readonly terminalId?: string | undefined
  readonly url: string
  readonly createdAt: number
  /** Static and Dynamic QR terms; a Hybrid QR takes its terms from its current extension. */
  readonly terms?: PaymentTerms | undefined
  readonly extensions: Array<ExtensionRecord>
  state: QrState
  updatedAt: number
  lastPaymentAt?: number | undefined
}

export type PaymentStatus = "Executed" | "Refunded"

export interface PaymentRecord {
  readonly payId: string
  readonly sequence: number
  readonly referenceId: string
  readonly qrId: string
  readonly extensionId?: string | undefined
  readonly orderId?: string | undefined
  readonly amount: number
  readonly commission: number
  readonly currency: "MDL"
  readonly description: string
  readonly payerName: string
  readonly payerIban: string
  readonly executedAt: number
  readonly terminalId?: string | undefined
  /** What the QR's status became with this payment, as the callback reports it. */
  readonly qrStatusAfter: QrStatus
  readonly callbackUrl?: string | undefined
  refunded: number
  refundedAt?: number | undefined
}

/** `Created` when answered, `Accepted` once processed (the refund completes asynchronously). */
export type RefundStatus = "Created" | "Accepted"

export interface RefundRecord {
  readonly refundId: string
  readonly sequence: number
  readonly payId: string
  readonly amount: number
  readonly reason: string
  readonly callbackUrl?: string | undefined
  readonly createdAt: number
  status: RefundStatus
}

/** Everything the bank remembers; `reset()` empties it. */
export interface BankBooks {
  readonly qrs: Map<string, QrRecord>
  readonly payments: Map<string, PaymentRecord>
  readonly refunds: Map<string, RefundRecord>
  /** Monotonic counter for stable ordering and reference numbers. */
  sequence: number
}

export const emptyBooks = (): BankBooks => ({
  qrs: new Map(),
  payments: new Map(),
  refunds: new Map(),
  sequence: 0
})

export const nextSequence = (books: BankBooks): number => {
  books.sequence += 1
  return books.sequence
}
