import type { MiaCallbackRejection } from "@mia-sdk/core/callback"
import type { IgnoreCode } from "../decide-transition.js"
import type { Order, OrderTransition } from "../order.js"

/**
 * What happened to one callback delivery. `applied`, `duplicate`, `ignored`, `unmatched` and
 * `held` are answered 200 (the bank stops re-sending); `invalid_signature` 401; `malformed` and
 * `unconfirmed` 400; `unavailable` 503 (the store or the bank failed: let the bank re-send);
 * `deferred` 503 (a refund callback overtook its payment's: the bank's re-send will apply it).
 * `held`: a refund callback the bank did not confirm (or that could not be confirmed, without a
 * bank client), kept for review and applied to no order.
 *
 * @example
 * const outcome: MiaCallbackOutcome = "duplicate"
 */
export type MiaCallbackOutcome =
  | "applied"
  | "duplicate"
  | "ignored"
  | "unmatched"
  | "held"
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
  /** Why nothing changed, for `ignored`. */
  readonly code?: IgnoreCode | "unknown_order" | undefined
  /** Why verification failed, for `invalid_signature` and `malformed`. */
  readonly rejection?: MiaCallbackRejection | undefined
}

/** Builds a {@link MiaCallbackResult}. */
export const answer = (
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
