/**
 * Switches for what maib's request-to-pay documentation leaves open. Each default is the most
 * likely behaviour of the real bank; flip one to check that your integration copes with the other.
 *
 * @example
 * import { createMiaSandbox } from "@mia-sdk/sandbox"
 *
 * const sandbox = createMiaSandbox({
 *   rtp: { refundAnswer: "payId", refundSetsStatus: true, statusIncludesPayId: true }
 * })
 */
export interface SandboxRtpOptions {
  /**
   * The answer of `POST /v2/rtp/{payId}/refund`: `"refundId"` (default) is
   * `{ refundId, status: "Created" }`, `"payId"` is `{ payId, status: "Refunded" }`. Both are
   * documented; the first is what integration suites against the real sandbox observed.
   */
  readonly refundAnswer?: "refundId" | "payId"
  /** Whether a refunded request then shows `status: "Refunded"` (`true`) or stays `Accepted` (default `false`). */
  readonly refundSetsStatus?: boolean
  /** Whether `GET /v2/rtp/{rtpId}` and list items carry `payId` once a request was accepted. Default `false`. */
  readonly statusIncludesPayId?: boolean
  /** The status field of the test-accept and test-reject answers: `"status"`, `"rtpStatus"` or `"both"` (default). */
  readonly testStatusField?: "status" | "rtpStatus" | "both"
  /**
   * What the test-accept answer carries besides the payment: `"signature"` (default, the callback's
   * Base64 signature), `"signatureKey"` (the sandbox's Signature Key, as QR `test-pay` does) or `"none"`.
   */
  readonly testAcceptSignature?: "signature" | "signatureKey" | "none"
  /**
   * The test-reject answer: `"short"` (default) `{ rtpId, status, orderId }`, or `"full"`: the
   * test-accept shape with `null` payment fields.
   */
  readonly testRejectAnswer?: "short" | "full"
  /**
   * A pending request turns from `Created` to `Active` this many milliseconds (sandbox clock) after
   * it was created, as if delivered to the payer's app. Default: never, it stays `Created`.
   */
  readonly activeAfterMs?: number
  /**
   * How an expired request answers: `"status"` (default) shows it with `status: "Expired"` and
   * refuses operations with 409 `24005`; `"not-found"` answers lookups and operations with 404 `23000`.
   * Lists show expired requests either way.
   */
  readonly expiredRequests?: "status" | "not-found"
  /** test-accept's `amount`: `"exact"` (default) must equal the request's amount (else 400 `12000`); `"any"`. */
  readonly acceptAmount?: "exact" | "any"
  /** Whether a phone number may have several pending requests at once (default `true`; `false`: 409 `24005`). */
  readonly severalPendingPerAlias?: boolean
  /** Phone numbers (`373` + 8 digits) whose owners have not activated MIA: a request to them answers 409 `24006`. */
  readonly aliasesWithoutMia?: ReadonlyArray<string>
  /** The error of an invalid `sortBy`/`order` on `GET /v2/rtp`: `"22002"` (default) or `"12003"`. */
  readonly sortingErrorCode?: "22002" | "12003"
  /** Fee charged on each accepted request, as a fraction. Default: the sandbox's `commissionRate`. */
  readonly commissionRate?: number
}
