import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { MiaError } from "../errors/index.js"
import type { MiaAccessToken } from "../internal/auth/bearer-token-auth.js"
import type { MiaPage } from "../qr/schemas/page.js"
import type {
  MiaCreateRtpInput,
  MiaListRtpsQuery,
  MiaRtpReasonInput,
  MiaRtpTestAcceptInput
} from "./inputs.js"
import type { MiaRtpCallbackVerification } from "./notification.js"
import type { MiaRtpRefundResult } from "./schemas/refund.js"
import type { MiaCancelRtpResult, MiaCreateRtpResult, MiaRtp } from "./schemas/rtp.js"
import type { MiaRtpTestAcceptResult, MiaRtpTestRejectResult } from "./schemas/test-result.js"

/**
 * The MIA RTP (request to pay) API as Effect operations. Every operation validates its input
 * before sending, runs in a span named `MiaRtpClient.<operation>`, and fails with a `MiaError`.
 * Reads are retried on transient failures; the other requests never are.
 *
 * @example
 * import { Effect } from "effect"
 * import { MiaRtpClient } from "@mia-sdk/core"
 *
 * const program = Effect.gen(function* () {
 *   const rtp = yield* MiaRtpClient
 *   const { rtpId } = yield* rtp.createRtp({ alias: "37369112221", amount: 150, description: "Invoice #123", expiresAt: new Date(Date.now() + 3_600_000) })
 *   return yield* rtp.getRtp(rtpId)
 * })
 */
export interface MiaRtpClientService {
  /** Host the client talks to (no `/v2`). */
  readonly baseUrl: string
  /** `POST /v2/auth/token`, through the single-flight cache (the same token as MIA QR). */
  readonly getAccessToken: Effect.Effect<MiaAccessToken, MiaError>
  /** `POST /v2/rtp`: sends a payment request to the payer's phone. Not retried. */
  readonly createRtp: (input: MiaCreateRtpInput) => Effect.Effect<MiaCreateRtpResult, MiaError>
  /** `GET /v2/rtp/{rtpId}`: status and terms (maib answers 23000 for an unknown or expired id). */
  readonly getRtp: (rtpId: string) => Effect.Effect<MiaRtp, MiaError>
  /** `GET /v2/rtp`: one page. */
  readonly listRtps: (query?: MiaListRtpsQuery) => Effect.Effect<MiaPage<MiaRtp>, MiaError>
  /** Every request matching `query`, page by page (`count` is the page size, `offset` the start). */
  readonly allRtps: (query?: MiaListRtpsQuery) => Stream.Stream<MiaRtp, MiaError>
  /** `POST /v2/rtp/{rtpId}/cancel`: only while the payer has not answered. Not retried. */
  readonly cancelRtp: (rtpId: string, input: MiaRtpReasonInput) => Effect.Effect<MiaCancelRtpResult, MiaError>
  /** `POST /v2/rtp/{payId}/refund`: a full refund of a paid request, by its `payId`. Not retried. */
  readonly refundRtp: (payId: string, input: MiaRtpReasonInput) => Effect.Effect<MiaRtpRefundResult, MiaError>
  /** `POST /v2/rtp/{rtpId}/test-accept`: the payer accepts (sandbox only; refused for production). */
  readonly testAccept: (
    rtpId: string,
    input: MiaRtpTestAcceptInput
  ) => Effect.Effect<MiaRtpTestAcceptResult, MiaError>
  /** `POST /v2/rtp/{rtpId}/test-reject`: the payer declines (sandbox only; refused for production). */
  readonly testReject: (rtpId: string) => Effect.Effect<MiaRtpTestRejectResult, MiaError>
  /** Verifies a payment callback with the client's `signatureKey` (`missing_signature_key` when none was given). */
  readonly verifyCallback: (body: unknown) => Effect.Effect<MiaRtpCallbackVerification>
}
