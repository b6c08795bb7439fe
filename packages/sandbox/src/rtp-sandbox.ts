import type {
  SandboxRtp,
  SandboxRtpInboxItem,
  SandboxRtpPayer,
  SandboxRtpPayment,
  SandboxRtpStatus
} from "./rtp-views.js"

/**
 * Narrows `sandbox.rtp.list()`; every given field must match.
 *
 * @example
 * const filter: SandboxRtpFilter = { alias: "37369112221", status: "Accepted" }
 */
export interface SandboxRtpFilter {
  readonly alias?: string
  readonly orderId?: string
  readonly status?: SandboxRtpStatus
}

/**
 * The request-to-pay side of the sandbox: its books and the payer's phone. The same phone answers
 * over HTTP at `GET /v2/sandbox/rtp/inbox/{alias}` and `POST /v2/sandbox/rtp/inbox/{rtpId}/accept`
 * (or `/reject`), without a token.
 *
 * @example
 * const [request] = sandbox.rtp.inbox("37369112221")
 * const { payId } = await sandbox.rtp.accept(request!.rtpId) // the callback goes out too
 */
export interface RtpSandbox {
  /** The phone's pending requests (`Created` or `Active`), newest first. */
  inbox(alias: string): ReadonlyArray<SandboxRtpInboxItem>
  /**
   * The payer accepts: the payment is made and the signed callback sent, as test-accept does.
   *
   * @throws {@link SandboxPaymentError} when the bank would refuse (unknown id, not pending).
   */
  accept(rtpId: string, payer?: SandboxRtpPayer): Promise<SandboxRtpPayment>
  /**
   * The payer declines, as test-reject does; no callback.
   *
   * @throws {@link SandboxPaymentError} when the bank would refuse (unknown id, not pending).
   */
  reject(rtpId: string): Promise<SandboxRtp>
  /** Every request, oldest first. */
  list(filter?: SandboxRtpFilter): ReadonlyArray<SandboxRtp>
  get(rtpId: string): SandboxRtp | undefined
}
