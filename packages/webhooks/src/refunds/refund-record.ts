import type { Order } from "../order.js"
import { eventKey, type RefundEvent } from "../order-event.js"
import type { ApplyResult } from "../store/order-store.js"

/**
 * Where a refund stands in the ledger:
 * - `pending`: written before the bank was asked; the outcome is not known yet (or was lost:
 *   reconciliation settles it with the bank);
 * - `accepted`: the bank accepted it and the order records it;
 * - `failed`: the bank refused it, or shows no trace of it; it refunded nothing.
 *
 * @example
 * const status: RefundStatus = "pending"
 */
export type RefundStatus = "pending" | "accepted" | "failed"

/**
 * One refund in the ledger. Pending refunds count against the refundable remainder, so two
 * concurrent requests can never refund more than was paid.
 *
 * @example
 * const refunds = await store.listRefunds({ orderId: "1001" })
 * console.log(refunds.map((refund) => `${refund.amountMinor} ${refund.status}`))
 */
export interface RefundRecord {
  /** The ledger's own id of this refund. */
  readonly refundKey: string
  readonly orderId: string
  /** The client's `Idempotency-Key` (or a generated one): unique per order. */
  readonly idempotencyKey: string
  readonly payId: string
  readonly amountMinor: number
  readonly reason: string
  readonly actor: string
  readonly status: RefundStatus
  /** The bank's `refundId`, once it answered. */
  readonly bankRefundId?: string | undefined
  /** The bank's refund status (`Created`, `Accepted`, `Refunded`, ...). */
  readonly bankStatus?: string | undefined
  /** Why a refund failed, for people. */
  readonly failure?: string | undefined
  readonly createdAt: string
  readonly updatedAt: string
}

/**
 * A refund to write as pending. `amountMinor` `undefined` refunds the whole refundable remainder.
 *
 * @example
 * const request: NewRefund = { orderId: "1001", idempotencyKey: "a8f0...", amountMinor: 550, reason: "Broken cup", actor: "admin@shop.md" }
 */
export interface NewRefund {
  readonly orderId: string
  readonly idempotencyKey: string
  readonly amountMinor: number | undefined
  readonly reason: string
  readonly actor: string
}

/**
 * What `beginRefund` did: wrote a new pending refund (`started`, call the bank now), or found
 * the refund already written for this idempotency key (`existing`: never call the bank again).
 *
 * @example
 * const begun = await store.beginRefund(request)
 * if (begun.outcome === "existing") return replay(begun.refund)
 */
export type BeginRefundResult =
  | { readonly outcome: "started"; readonly refund: RefundRecord; readonly order: Order }
  | { readonly outcome: "existing"; readonly refund: RefundRecord }

/**
 * How the bank answered a refund, for `finishRefund`.
 *
 * @example
 * await store.finishRefund(refund.refundKey, { status: "accepted", bankRefundId: "r-1", bankStatus: "Created" })
 */
export type RefundOutcome =
  | { readonly status: "accepted"; readonly bankRefundId?: string | undefined; readonly bankStatus: string }
  | { readonly status: "failed"; readonly failure: string }

/**
 * What `finishRefund` did: the ledger entry as it is now and, for an accepted refund, what
 * applying it to the order did.
 *
 * @example
 * const { refund, applied } = await store.finishRefund(key, outcome)
 */
export interface FinishRefundResult {
  readonly refund: RefundRecord
  readonly applied?: ApplyResult | undefined
}

/**
 * Filter of `listRefunds`.
 *
 * @example
 * const lost = await store.listRefunds({ status: "pending", createdBefore: new Date(Date.now() - 60_000).toISOString() })
 */
export interface ListRefundsFilter {
  readonly orderId?: string | undefined
  readonly status?: RefundStatus | undefined
  readonly bankRefundId?: string | undefined
  readonly createdBefore?: string | undefined
  /** Defaults to 100. */
  readonly limit?: number | undefined
}

/**
 * A refund callback that could not be confirmed with the bank: kept for a person to check,
 * never applied to an order (the callback signature does not cover key names, so a payment
 * callback can be dressed up as a refund).
 *
 * @example
 * const notices = await store.listRefundNotices()
 */
export interface RefundNotice {
  readonly refundId: string
  readonly payId: string
  readonly orderId?: string | undefined
  readonly amountMinor?: number | undefined
  readonly reason: string
  readonly receivedAt: string
  readonly payload?: unknown
}

/**
 * The refund event of an accepted ledger refund. Its id is always the ledger's own key, never
 * the bank's: a bank answer lost in a crash must not let the same refund apply under two keys.
 */
export const ledgerRefundEvent = (refund: RefundRecord): RefundEvent => ({
  type: "refund",
  refundId: refund.refundKey,
  payId: refund.payId,
  orderId: refund.orderId,
  amountMinor: refund.amountMinor,
  bankRefundId: refund.bankRefundId,
  payload: { reason: refund.reason, bank: { refundId: refund.bankRefundId, status: refund.bankStatus } }
})

/** The idempotency key under which a ledger refund is applied to its order. */
export const refundEventKey = (refund: RefundRecord): string => eventKey(ledgerRefundEvent(refund)) ?? ""

/** The ledger entry with the bank's answer recorded. */
export const finishedRecord = (refund: RefundRecord, outcome: RefundOutcome, at: string): RefundRecord =>
  outcome.status === "accepted"
    ? {
        ...refund,
        status: "accepted",
        bankRefundId: outcome.bankRefundId,
        bankStatus: outcome.bankStatus,
        updatedAt: at
      }
    : { ...refund, status: "failed", failure: outcome.failure, updatedAt: at }
