import { type MiaCallbackNotification, type MiaCallbackRejection, verifyMiaCallback } from "@mia-sdk/core"
import { isPremature } from "../decide-transition.js"
import { toMinorUnits } from "../money.js"
import type { Order, OrderTransition } from "../order.js"
import type { OrderEvent, PaymentEvent, RefundEvent } from "../order-event.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"
import type { ConfirmedPayment, PaymentConfirmationPort } from "./payment-confirmation.js"

/**
 * What happened to one callback delivery. `applied`, `duplicate`, `ignored` and `unmatched` are
 * answered 200 (the bank stops re-sending); `invalid_signature` 401; `malformed` and
 * `unconfirmed` 400; `unavailable` 503 (the store or the bank failed: let the bank re-send);
 * `deferred` 503 (a refund callback overtook its payment's: the bank's re-send will apply it).
 *
 * @example
 * const outcome: MiaCallbackOutcome = "duplicate"
 */
export type MiaCallbackOutcome =
  | "applied"
  | "duplicate"
  | "ignored"
  | "unmatched"
  | "invalid_signature"
  | "malformed"
  | "unconfirmed"
  | "unavailable"
  | "deferred"

/**
 * The answer to one callback: the HTTP status to send, a JSON `body` for it, and what happened.
 *
 * @example
 * const result = await handler.handle(rawBody)
 * res.status(result.status).json(result.body)
 */
export interface MiaCallbackResult {
  readonly status: 200 | 400 | 401 | 503
  readonly outcome: MiaCallbackOutcome
  /** Says what happened; never contains the signature key. */
  readonly message: string
  readonly body: { readonly ok: boolean; readonly outcome: MiaCallbackOutcome; readonly message: string }
  readonly payId?: string | undefined
  readonly order?: Order | undefined
  readonly transition?: OrderTransition | undefined
  /** Why verification failed, for `invalid_signature` and `malformed`. */
  readonly rejection?: MiaCallbackRejection | undefined
}

/**
 * Options of {@link createMiaCallbackHandler} and {@link handleMiaCallback}.
 *
 * @example
 * const options: MiaCallbackHandlerOptions = { signatureKey: process.env.MIA_SIGNATURE_KEY!, store }
 */
export interface MiaCallbackHandlerOptions {
  /** The project's Signature Key from maibmerchants. */
  readonly signatureKey: string
  readonly store: OrderStore
  /**
   * Confirms every payment with `getPayment(payId)` before applying it, and trusts the bank's
   * amount and currency over the callback's. Pass the MIA QR client.
   */
  readonly confirmWith?: PaymentConfirmationPort | undefined
  /** Recorded as the actor of the transitions. Defaults to `mia-callback`. */
  readonly actor?: string | undefined
  /** Told about store and confirmation failures (answered 503). Defaults to `console.error`. */
  readonly onError?: ((error: unknown, stage: "confirm" | "store") => void) | undefined
}

/**
 * A reusable callback handler: `handle(body)` never throws.
 *
 * @example
 * const handler: MiaCallbackHandler = createMiaCallbackHandler({ signatureKey, store })
 */
export interface MiaCallbackHandler {
  /** Pass the raw body (string or bytes, best) or its parsed JSON. */
  handle(body: unknown): Promise<MiaCallbackResult>
}

const STATUS_BY_REJECTION: Readonly<Record<MiaCallbackRejection, 400 | 401>> = {
  malformed_body: 400,
  missing_result: 400,
  unsignable_result: 400,
  malformed_notification: 400,
  missing_signature: 401,
  signature_mismatch: 401,
  missing_signature_key: 401
}

const answer = (
  status: MiaCallbackResult["status"],
  outcome: MiaCallbackOutcome,
  message: string,
  extra: Partial<Omit<MiaCallbackResult, "status" | "outcome" | "message" | "body">> = {}
): MiaCallbackResult => ({
  status,
  outcome,
  message,
  body: { ok: status === 200, outcome, message },
  ...extra
})

const isMissingPayment = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null) return false
  const candidate = error as { _tag?: unknown; status?: unknown; hasCode?: unknown }
  if (candidate._tag !== "MiaApiError") return false
  if (candidate.status === 404) return true
  return typeof candidate.hasCode === "function" && candidate.hasCode.call(error, "14003") === true
}

/**
 * A refund callback (the shape is undocumented, spec §5.7): it carries a `refundId` and no
 * `qrStatus`, which tells it from a payment callback.
 */
const refundEvent = (notification: MiaCallbackNotification): RefundEvent | string | undefined => {
  const refundId = notification.raw.refundId
  if (typeof refundId !== "string" || refundId === "" || notification.qrStatus !== "") return undefined
  const amountMinor = toMinorUnits(notification.amount)
  if (amountMinor === undefined || amountMinor <= 0) {
    return `the refund amount ${notification.amount} is not a positive sum with 2 decimals`
  }
  return {
    type: "refund",
    refundId,
    payId: notification.payId,
    orderId: notification.orderId,
    amountMinor,
    payload: { callback: notification.raw }
  }
}

const REJECTED_REFUND = /^(rejected|declined|failed)$/i

const paymentEvent = (
  notification: MiaCallbackNotification,
  confirmed: ConfirmedPayment | undefined
): PaymentEvent | string => {
  const amount = confirmed?.amount ?? notification.amount
  const amountMinor = toMinorUnits(amount)
  if (amountMinor === undefined || amountMinor <= 0)
    return `the amount ${amount} is not a positive sum with 2 decimals`
  return {
    type: "payment",
    payId: notification.payId,
    qrId: confirmed?.qrId ?? notification.qrId,
    orderId: confirmed?.orderId ?? notification.orderId,
    amountMinor,
    currency: (confirmed === undefined ? notification.currency : (confirmed.currency ?? "MDL")).toUpperCase(),
    executedAt: confirmed?.executedAt ?? notification.executedAt,
    payload:
      confirmed === undefined
        ? { callback: notification.raw }
        : { callback: notification.raw, confirmation: confirmed }
  }
}

/**
 * Builds the framework-agnostic callback handler: verify the signature (401 when missing or
 * wrong), parse (400 when malformed), optionally confirm with the bank, then let the store decide
 * and apply the transition atomically. Safe under duplicate and concurrent deliveries: the same
 * `payId` is applied once and answered 200 every time.
 *
 * @example
 * import { createMemoryOrderStore, createMiaCallbackHandler } from "@mia-sdk/webhooks"
 *
 * const store = createMemoryOrderStore()
 * const handler = createMiaCallbackHandler({ signatureKey: process.env.MIA_SIGNATURE_KEY!, store })
 * // in any HTTP framework:
 * const result = await handler.handle(rawBody)
 * response.status(result.status).json(result.body)
 */
export const createMiaCallbackHandler = (options: MiaCallbackHandlerOptions): MiaCallbackHandler => {
  if (typeof options.signatureKey !== "string" || options.signatureKey.trim() === "") {
    throw new TypeError(
      "createMiaCallbackHandler: signatureKey is required (the Signature Key from maibmerchants)."
    )
  }
  if (typeof options.store?.applyEvent !== "function") {
    throw new TypeError(
      "createMiaCallbackHandler: store is required (createMemoryOrderStore() or createSqlOrderStore())."
    )
  }
  const { signatureKey, store, confirmWith } = options
  const actor = options.actor ?? "mia-callback"
  const report =
    options.onError ??
    ((error: unknown, stage: string) => console.error(`[@mia-sdk/webhooks] callback ${stage} failed`, error))

  const apply = async (event: OrderEvent, payId: string): Promise<MiaCallbackResult> => {
    let result: ApplyResult
    try {
      result = await store.applyEvent(event, { actor })
    } catch (error) {
      report(error, "store")
      return answer(
        503,
        "unavailable",
        `Callback for payment ${payId} could not be recorded; send it again`,
        { payId }
      )
    }
    switch (result.outcome) {
      case "applied":
        return answer(200, "applied", result.transition.reason, {
          payId,
          order: result.order,
          transition: result.transition
        })
      case "duplicate":
        return answer(200, "duplicate", `Already processed (${result.eventKey})`, {
          payId,
          order: result.order
        })
      case "ignored":
        if (result.code !== "unknown_order" && isPremature(event, result.code)) {
          return answer(503, "deferred", `${result.reason}; send it again after the payment`, { payId })
        }
        return answer(200, "ignored", result.reason, { payId, order: result.order })
      case "unmatched":
        return answer(200, "unmatched", `No order for payment ${payId}; kept as an unmatched payment`, {
          payId
        })
    }
  }

  const handle = async (body: unknown): Promise<MiaCallbackResult> => {
    const verification = await verifyMiaCallback(body, signatureKey)
    if (!verification.valid) {
      const status = STATUS_BY_REJECTION[verification.reason]
      const outcome = status === 401 ? "invalid_signature" : "malformed"
      return answer(status, outcome, verification.message, { rejection: verification.reason })
    }
    const { notification } = verification
    const payId = notification.payId
    const refund = refundEvent(notification)
    if (typeof refund === "string") return answer(400, "malformed", `Signed, but ${refund}`, { payId })
    if (refund !== undefined) {
      if (REJECTED_REFUND.test(String(notification.raw.status ?? ""))) {
        return answer(
          200,
          "ignored",
          `Refund ${refund.refundId} was rejected by the bank; nothing to record`,
          { payId }
        )
      }
      return apply(refund, payId)
    }
    let confirmed: ConfirmedPayment | undefined
    if (confirmWith !== undefined) {
      try {
        confirmed = await confirmWith.getPayment(payId)
      } catch (error) {
        if (isMissingPayment(error)) {
          return answer(400, "unconfirmed", `The bank does not know payment ${payId}; not applied`, {
            payId
          })
        }
        report(error, "confirm")
        return answer(
          503,
          "unavailable",
          `Payment ${payId} could not be confirmed with the bank; send it again`,
          {
            payId
          }
        )
      }
      if (confirmed.payId !== payId) {
        return answer(
          400,
          "unconfirmed",
          `The bank answered for another payment than ${payId}; not applied`,
          {
            payId
          }
        )
      }
    }
    const event = paymentEvent(notification, confirmed)
    if (typeof event === "string") return answer(400, "malformed", `Signed, but ${event}`, { payId })
    return apply(event, payId)
  }

  return {
    async handle(body) {
      try {
        return await handle(body)
      } catch (error) {
        // Only a misbehaving port gets here (a confirmation answer that is not a payment, ...).
        report(error, "confirm")
        return answer(503, "unavailable", "The callback could not be processed; send it again")
      }
    }
  }
}

/**
 * One-shot form of {@link createMiaCallbackHandler}: handles one callback body.
 *
 * @example
 * import { handleMiaCallback } from "@mia-sdk/webhooks"
 *
 * const result = await handleMiaCallback(rawBody, { signatureKey: process.env.MIA_SIGNATURE_KEY!, store })
 * return new Response(JSON.stringify(result.body), { status: result.status })
 */
export const handleMiaCallback = (
  body: unknown,
  options: MiaCallbackHandlerOptions
): Promise<MiaCallbackResult> => createMiaCallbackHandler(options).handle(body)
