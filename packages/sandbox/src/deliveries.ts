/**
 * The callback delivery log: every callback the sandbox owes a merchant, with every attempt to
 * deliver it. Tests await it instead of sleeping.
 */

/**
 * `pending` while the bank still tries; `delivered` after an HTTP 200; `failed` when re-sends ran out.
 *
 * @example
 * const failed = sandbox.deliveries.list({ status: "failed" satisfies DeliveryStatus })
 */
export type DeliveryStatus = "pending" | "delivered" | "failed"

/**
 * One POST of a callback to the merchant.
 *
 * @example
 * const attempt: DeliveryAttempt = { number: 1, duplicate: false, at: "2026-01-01T00:00:00.0000000+00:00", status: 500, durationMs: 3 }
 */
export interface DeliveryAttempt {
  /** 1 for the first send, 2 for the first re-send, ... A duplicate shares the number it copies. */
  readonly number: number
  /** An extra copy sent by the `duplicateRate` callback fault. */
  readonly duplicate: boolean
  /** When it was sent, on the sandbox clock. */
  readonly at: string
  /** The merchant's HTTP status, when it answered. */
  readonly status?: number
  /** Why no answer came (connection refused, timeout, ...). */
  readonly error?: string
  readonly durationMs: number
}

/**
 * A callback the bank sends: a payment callback to the QR's `callbackUrl`, a
 * refund callback to the refund's `callbackUrl`, or the callback of an accepted request to pay
 * (`kind: "rtp"`) to the request's `callbackUrl`.
 *
 * @example
 * const delivery: CallbackDelivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
 * console.log(delivery.attempts.length, delivery.body.signature)
 */
export interface CallbackDelivery {
  readonly id: string
  readonly kind: "payment" | "refund" | "rtp"
  /** The callback URL the merchant registered. */
  readonly url: string
  /** Where it was sent: `url`, unless `forwardCallbacksTo` redirects it. */
  readonly deliveredTo: string
  /** The QR of a `payment` or `refund` callback; `""` for an `rtp` callback, which has none. */
  readonly qrId: string
  /** Request-to-pay callbacks (`rtp`) only. */
  readonly rtpId?: string
  readonly payId: string
  readonly refundId?: string
  /** The JSON body as sent: `{ result, signature }`. */
  readonly body: { readonly result: Readonly<Record<string, unknown>>; readonly signature: string }
  readonly status: DeliveryStatus
  readonly attempts: ReadonlyArray<DeliveryAttempt>
  /** Held back by the `reorderRate` callback fault, to arrive after a later callback. */
  readonly reordered: boolean
}

/**
 * Which deliveries to pick; every given field must match.
 *
 * @example
 * const filter: DeliveryFilter = { payId, status: "delivered" }
 */
export interface DeliveryFilter {
  readonly id?: string
  readonly kind?: CallbackDelivery["kind"]
  readonly qrId?: string
  readonly rtpId?: string
  readonly payId?: string
  readonly refundId?: string
  readonly status?: DeliveryStatus
  /** At least this many attempts, duplicates included. */
  readonly minAttempts?: number
}

/**
 * Read and await callback deliveries.
 *
 * @example
 * const { payId } = await sandbox.pay({ qrId })
 * const delivery = await sandbox.deliveries.waitFor({ payId, status: "delivered" })
 * expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 200])
 */
export interface DeliveryLog {
  /** Snapshots of the deliveries that match, oldest first. */
  list(filter?: DeliveryFilter): ReadonlyArray<CallbackDelivery>
  /**
   * The first delivery that matches, now or when one does. Rejects after `timeoutMs`
   * (default 5000) with a message that lists what was delivered instead.
   */
  waitFor(
    filter: DeliveryFilter | ((delivery: CallbackDelivery) => boolean),
    options?: { readonly timeoutMs?: number }
  ): Promise<CallbackDelivery>
  /** Calls `listener` after every change of any delivery; returns the unsubscribe function. */
  subscribe(listener: (delivery: CallbackDelivery) => void): () => void
  /** Sends every pending re-send now instead of waiting for its backoff delay. */
  retryNow(): void
  /**
   * Sends one callback again now, whatever its status, with the same body and signature (the
   * bank's "resend" button; `POST /v2/sandbox/deliveries/{id}/redeliver` over HTTP). Resolves
   * once the merchant answered, with the delivery as it is then: `delivered` after an HTTP 200,
   * otherwise `failed`, or still `pending` when the bank's own re-sends were not used up yet
   * (they go on as scheduled). Resolves `undefined` when no delivery has this id.
   *
   * @example
   * const [failed] = sandbox.deliveries.list({ status: "failed" })
   * // ... fix the merchant's endpoint, then:
   * const again = await sandbox.deliveries.redeliver(failed.id)
   * again?.status // "delivered"
   */
  redeliver(id: string): Promise<CallbackDelivery | undefined>
}
