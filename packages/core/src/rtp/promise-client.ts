import * as Layer from "effect/Layer"
import {
  makeClientHost,
  makeClientRuntime,
  promisify,
  type RequestOptions
} from "../internal/promise-facade.js"
import { isIssue, validationError } from "../internal/validation.js"
import { miaFetchTransport } from "../qr/make-client.js"
import type { MiaPlainAccessToken } from "../qr/promise-client.js"
import { resolveMiaOptions } from "../qr/resolve-options.js"
import type { MiaPage } from "../qr/schemas/page.js"
import type {
  MiaCreateRtpInput,
  MiaListRtpsQuery,
  MiaRtpReasonInput,
  MiaRtpTestAcceptInput
} from "./inputs.js"
import { buildMiaRtpClient } from "./make-client.js"
import { MiaRtpClient } from "./mia-rtp-client.js"
import type { MiaRtpCallbackVerification } from "./notification.js"
import type { MiaRtpClientOptions } from "./options.js"
import type { MiaRtpRefundResult } from "./schemas/refund.js"
import type { MiaCancelRtpResult, MiaCreateRtpResult, MiaRtp } from "./schemas/rtp.js"
import type { MiaRtpTestAcceptResult, MiaRtpTestRejectResult } from "./schemas/test-result.js"
import { miaPromiseBasics } from "../qr/mia-promise-basics.js"

/**
 * Options of {@link createMiaRtpClient}: those of `createMiaQrClient` (the same credentials serve
 * both), without the `HttpClient` hook.
 *
 * @example
 * const options: CreateMiaRtpClientOptions = {
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: process.env.MIA_CLIENT_SECRET!,
 *   signatureKey: process.env.MIA_SIGNATURE_KEY,
 *   environment: "sandbox"
 * }
 */
export type CreateMiaRtpClientOptions = Omit<MiaRtpClientOptions, "transformClient">

/**
 * The MIA RTP (request to pay) API as async methods. Path parameters come first; every method
 * takes a trailing optional `{ signal?, timeoutMs? }`, rejects with an `instanceof`-checkable
 * error (`MiaApiError`, `MiaAuthError`, `MiaTransportError`, `MiaResponseError`,
 * `MiaValidationError`), validates its input before sending anything, and only reads are retried.
 *
 * @example
 * const rtp = createMiaRtpClient({ clientId, clientSecret, environment: "sandbox" })
 * const { status } = await rtp.getRtp(rtpId)
 * await rtp.close()
 */
export interface MiaRtpPromiseClient {
  readonly baseUrl: string
  /** The current access token (`POST /v2/auth/token`, cached and shared). */
  getAccessToken(options?: RequestOptions): Promise<MiaPlainAccessToken>
  /** `POST /v2/rtp`: sends a payment request to the payer's phone. */
  createRtp(input: MiaCreateRtpInput, options?: RequestOptions): Promise<MiaCreateRtpResult>
  /** `GET /v2/rtp/{rtpId}`. */
  getRtp(rtpId: string, options?: RequestOptions): Promise<MiaRtp>
  /** `GET /v2/rtp`: one page. */
  listRtps(query?: MiaListRtpsQuery, options?: RequestOptions): Promise<MiaPage<MiaRtp>>
  /** Every matching request, fetching pages of `count` (default 20) from `offset` as you iterate. */
  allRtps(query?: MiaListRtpsQuery, options?: RequestOptions): AsyncIterableIterator<MiaRtp>
  /** `POST /v2/rtp/{rtpId}/cancel`: only while the payer has not answered. */
  cancelRtp(rtpId: string, input: MiaRtpReasonInput, options?: RequestOptions): Promise<MiaCancelRtpResult>
  /** `POST /v2/rtp/{payId}/refund`: a full refund, by the payment's `payId` (from the callback). */
  refundRtp(payId: string, input: MiaRtpReasonInput, options?: RequestOptions): Promise<MiaRtpRefundResult>
  /** `POST /v2/rtp/{rtpId}/test-accept` (sandbox only). */
  testAccept(
    rtpId: string,
    input: MiaRtpTestAcceptInput,
    options?: RequestOptions
  ): Promise<MiaRtpTestAcceptResult>
  /** `POST /v2/rtp/{rtpId}/test-reject` (sandbox only). */
  testReject(rtpId: string, options?: RequestOptions): Promise<MiaRtpTestRejectResult>
  /** Verifies a payment callback with this client's Signature Key; never throws. */
  verifyCallback(body: unknown): Promise<MiaRtpCallbackVerification>
  /** Stops the client: pending token requests are interrupted, later calls reject. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Creates a Promise-based MIA RTP (request to pay) client with the same options as
 * `createMiaQrClient`. The request pipeline and one Effect runtime are built once per client;
 * tokens are cached and shared between concurrent calls. Invalid options throw a
 * `MiaValidationError` right away.
 *
 * @example
 * import { createMiaRtpClient } from "@mia-sdk/core"
 *
 * const rtp = createMiaRtpClient({
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: process.env.MIA_CLIENT_SECRET!,
 *   signatureKey: process.env.MIA_SIGNATURE_KEY,
 *   environment: "sandbox"
 * })
 * const { rtpId } = await rtp.createRtp({
 *   alias: "37369112221", amount: 150, description: "Invoice #123", orderId: "123",
 *   expiresAt: new Date(Date.now() + 60 * 60_000), callbackUrl: "https://shop.md/mia/callback"
 * })
 */
export const createMiaRtpClient = (options: CreateMiaRtpClientOptions): MiaRtpPromiseClient => {
  const config = resolveMiaOptions(options)
  if (isIssue(config)) throw validationError("createMiaRtpClient", config)
  const runtime = makeClientRuntime(
    Layer.effect(MiaRtpClient, buildMiaRtpClient(config, miaFetchTransport(config)))
  )
  // The service is built once, synchronously; each call then runs its effect on this runtime.
  const service = runtime.runSync(MiaRtpClient)
  const host = makeClientHost(runtime)
  const derived = promisify(host, service)
  return {
    ...derived,
    ...miaPromiseBasics(host, service)
  }
}
