import {
  type MiaCallbackNotification,
  type MiaCallbackRejection,
  verifyMiaCallback,
  verifyMiaRtpCallback
} from "@mia-sdk/core/callback"
import { isMiaApiError } from "@mia-sdk/core/guards"
import { toMinorUnits } from "@mia-sdk/core/money"
import { isPremature } from "../decide-transition.js"
import type { OrderEvent, PaymentEvent } from "../order-event.js"
import { closeOtherRequests } from "../rtp/close-other-requests.js"
import type { RtpBankPort } from "../rtp/rtp-bank-port.js"
import type { ApplyResult, OrderStore } from "../store/order-store.js"
import { answer, type MiaCallbackResult } from "./callback-answer.js"
import type { ConfirmedPayment, PaymentConfirmationPort } from "./payment-confirmation.js"
import { handleRefundCallback } from "./refund-callback.js"
import { rtpPaymentEvent } from "./rtp-callback.js"

export type { MiaCallbackOutcome, MiaCallbackResult } from "./callback-answer.js"

/**
 * Options of {@link createMiaCallbackHandler} and {@link handleMiaCallback}.
 *
 * @example
 * const options: MiaCallbackHandlerOptions = { signatureKey: process.env.MIA_SIGNATURE_KEY!, store, confirmWith: client }
 */
export interface MiaCallbackHandlerOptions {
  /** The project's Signature Key from maibmerchants. */
  readonly signatureKey: string
  readonly store: OrderStore
  /**
   * The MIA QR client. Every payment is confirmed with `getPayment(payId)` before it is applied
   * (the bank's amount and currency win over the callback's), and refund callbacks are applied
   * only when the bank shows the refund. Without it payments are trusted on their signature and
   * every refund callback is kept unconfirmed. Pass it in production.
   */
  readonly confirmWith?: PaymentConfirmationPort | undefined
  /**
   * The MIA RTP client, when shoppers can pay by phone number: RTP callbacks (same URL, same
   * signature) are confirmed with `getRtp` before they are applied, and once an order is paid by
   * QR its open payment request is withdrawn (`cancelRtp`). With `confirmWith` able to
   * `cancelQr` (the MIA QR client is), an order paid by phone has its QR cancelled too.
   */
  readonly rtp?: Pick<RtpBankPort, "getRtp" | "cancelRtp"> | undefined
  /** Told about failures that fail no callback (a request that could not be withdrawn). Default `console.warn`. */
  readonly onWarning?: ((message: string, error: unknown) => void) | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Recorded as the actor of the transitions. Defaults to `mia-callback`. */
  readonly actor?: string | undefined
  /** Told about store and confirmation failures (answered 503). Defaults to `console.error`. */
  readonly onError?: ((error: unknown, stage: "confirm" | "store") => void) | undefined
}

/**
 * A reusable callback handler: `handle(body)` never throws.
 *
 * @example
 * const handler: MiaCallbackHandler = createMiaCallbackHandler({ signatureKey, store, confirmWith: client })
 */
export interface MiaCallbackHandler {
  /** Pass the raw body (string or bytes, best) or its parsed JSON. */
  handle(body: unknown): Promise<MiaCallbackResult>
}

type CancelQrPort = { cancelQr(qrId: string, input: { readonly reason: string }): Promise<unknown> }

const STATUS_BY_REJECTION: Readonly<Record<MiaCallbackRejection, 400 | 401>> = {
  malformed_body: 400,
  missing_result: 400,
  unsignable_result: 400,
  malformed_notification: 400,
  missing_signature: 401,
  signature_mismatch: 401,
  missing_signature_key: 401
}

/** The amount as signed, read exactly from its decimal: a third decimal is malformed at any size. */
const exactAmount = (value: unknown): number | undefined => {
  const minor = typeof value === "number" || typeof value === "string" ? toMinorUnits(value) : undefined
  return minor !== undefined && minor > 0 ? minor : undefined
}

const paymentEvent = (
  notification: MiaCallbackNotification,
  confirmed: ConfirmedPayment | undefined
): PaymentEvent | string => {
  const amount = confirmed === undefined ? notification.raw.amount : confirmed.amount
  const amountMinor = exactAmount(amount)
  if (amountMinor === undefined)
    return `the amount ${String(amount)} is not a positive sum with at most 2 decimals`
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

/** The refund id of a callback that calls itself a refund (the shape is undocumented). */
const claimedRefundId = (notification: MiaCallbackNotification): string | undefined => {
  const refundId = notification.raw.refundId
  return typeof refundId === "string" && refundId !== "" ? refundId : undefined
}

/**
 * Builds the framework-agnostic callback handler: verify the signature (401 when missing or
 * wrong), parse (400 when malformed, including an amount with a third decimal), confirm with the
 * bank when `confirmWith` is given, then let the store decide and apply the transition
 * atomically. Safe under duplicate and concurrent deliveries: the same `payId` is applied once
 * and answered 200 every time. A payment pays an order only through a QR created for that order;
 * refund callbacks move no money without the bank's confirmation.
 *
 * @example
 * import { createMiaQrClient } from "@mia-sdk/core"
 * import { createMemoryOrderStore, createMiaCallbackHandler } from "@mia-sdk/webhooks"
 *
 * const store = createMemoryOrderStore()
 * const client = createMiaQrClient({ clientId: process.env.MIA_CLIENT_ID!, clientSecret: process.env.MIA_CLIENT_SECRET! })
 * const handler = createMiaCallbackHandler({ signatureKey: process.env.MIA_SIGNATURE_KEY!, store, confirmWith: client })
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
  const closeContext = {
    store,
    rtp: options.rtp,
    qr: confirmWith !== undefined && "cancelQr" in confirmWith ? (confirmWith as CancelQrPort) : undefined,
    actor,
    now: options.now ?? Date.now,
    warn:
      options.onWarning ??
      ((message: string, error: unknown) => console.warn(`[@mia-sdk/webhooks] ${message}`, error))
  }

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
        if (event.type === "payment") {
          // After the answer is decided, never instead of it: the payment is recorded either way.
          await closeOtherRequests(closeContext, result.order, { rtpId: event.rtpId }).catch(
            (error: unknown) =>
              closeContext.warn(
                `Could not close the other payment requests of order ${result.order.orderId}`,
                error
              )
          )
        }
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
        return answer(200, "ignored", result.reason, { payId, order: result.order, code: result.code })
      case "unmatched":
        return answer(200, "unmatched", `${result.payment.reason}; kept as an unmatched payment`, { payId })
    }
  }

  const confirm = async (
    port: PaymentConfirmationPort,
    payId: string
  ): Promise<{ readonly payment: ConfirmedPayment } | { readonly refused: MiaCallbackResult }> => {
    try {
      const payment = await port.getPayment(payId)
      if (payment.payId === payId) return { payment }
      return {
        refused: answer(
          400,
          "unconfirmed",
          `The bank answered for another payment than ${payId}; not applied`,
          { payId }
        )
      }
    } catch (error) {
      if (isMiaApiError(error) && (error.status === 404 || error.hasCode("14003"))) {
        return {
          refused: answer(400, "unconfirmed", `The bank does not know payment ${payId}; not applied`, {
            payId
          })
        }
      }
      report(error, "confirm")
      return {
        refused: answer(
          503,
          "unavailable",
          `Payment ${payId} could not be confirmed with the bank; send it again`,
          { payId }
        )
      }
    }
  }

  const rejected = (reason: MiaCallbackRejection, message: string): MiaCallbackResult => {
    const status = STATUS_BY_REJECTION[reason]
    return answer(status, status === 401 ? "invalid_signature" : "malformed", message, { rejection: reason })
  }

  /** Signed, but not a QR payment: a payment request's callback, or nothing we accept. */
  const handleRtp = async (body: unknown): Promise<MiaCallbackResult> => {
    const verification = await verifyMiaRtpCallback(body, signatureKey)
    if (!verification.valid) return rejected(verification.reason, verification.message)
    const event = await rtpPaymentEvent({ rtp: options.rtp, report }, verification.notification)
    return "type" in event ? apply(event, event.payId) : event
  }

  const handle = async (body: unknown): Promise<MiaCallbackResult> => {
    const verification = await verifyMiaCallback(body, signatureKey)
    if (!verification.valid && verification.message.includes("result.qrId is missing")) return handleRtp(body)
    if (!verification.valid) return rejected(verification.reason, verification.message)
    const { notification } = verification
    const payId = notification.payId
    const refundId = claimedRefundId(notification)
    if (refundId !== undefined)
      return handleRefundCallback({ store, confirmWith, apply, report }, notification, refundId)
    let confirmed: ConfirmedPayment | undefined
    if (confirmWith !== undefined) {
      const outcome = await confirm(confirmWith, payId)
      if ("refused" in outcome) return outcome.refused
      confirmed = outcome.payment
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
 * const result = await handleMiaCallback(rawBody, { signatureKey: process.env.MIA_SIGNATURE_KEY!, store, confirmWith: client })
 * return new Response(JSON.stringify(result.body), { status: result.status })
 */
export const handleMiaCallback = (
  body: unknown,
  options: MiaCallbackHandlerOptions
): Promise<MiaCallbackResult> => createMiaCallbackHandler(options).handle(body)
