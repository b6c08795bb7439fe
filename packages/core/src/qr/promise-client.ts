import * as Layer from "effect/Layer"
import type { MiaCallbackVerification } from "../callback/notification.js"
import {
  makeClientHost,
  makeClientRuntime,
  promisify,
  type RequestOptions,
  runCall
} from "../internal/promise-facade.js"
import { isIssue, validationError } from "../internal/validation.js"
import type {
  MiaCancelExtensionInput,
  MiaCancelQrInput,
  MiaCreateHybridQrInput,
  MiaCreateQrInput,
  MiaExtensionInput,
  MiaListExtensionsFilter,
  MiaListPaymentsFilter,
  MiaListQrsFilter,
  MiaRefundInput,
  MiaTestPayInput
} from "./inputs.js"
import { buildMiaQrClient, miaFetchTransport } from "./make-client.js"
import { MiaQrClient } from "./mia-qr-client.js"
import type { MiaQrClientOptions } from "./options.js"
import { resolveQrOptions } from "./resolve-options.js"
import type { MiaPage } from "./schemas/page.js"
import type { MiaPayment, MiaRefundResult, MiaTestPayResult } from "./schemas/payment.js"
import type {
  MiaCancelQrResult,
  MiaCreateHybridQrResult,
  MiaCreateQrResult,
  MiaExtensionResult,
  MiaQrDetails,
  MiaQrExtension
} from "./schemas/qr.js"
import type { MiaRefundOptions } from "./service.js"
import { miaPromiseBasics } from "./mia-promise-basics.js"

/**
 * Options of {@link createMiaQrClient}: those of the Effect layer, without the `HttpClient` hook.
 *
 * @example
 * const options: CreateMiaQrClientOptions = {
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: process.env.MIA_CLIENT_SECRET!,
 *   signatureKey: process.env.MIA_SIGNATURE_KEY,
 *   environment: "sandbox"
 * }
 */
export type CreateMiaQrClientOptions = Omit<MiaQrClientOptions, "transformClient">

/**
 * An access token as plain data, for debugging or for calling an endpoint the SDK lacks.
 *
 * @example
 * const { accessToken, expiresIn } = await client.getAccessToken()
 */
export interface MiaPlainAccessToken {
  readonly accessToken: string
  readonly tokenType: string
  readonly expiresIn: number
}

/**
 * The MIA QR API as async methods. Every method takes a trailing optional
 * `{ signal?, timeoutMs? }`, rejects with an `instanceof`-checkable error (`MiaApiError`,
 * `MiaAuthError`, `MiaTransportError`, `MiaResponseError`, `MiaValidationError`), validates
 * its input before sending anything, and never retries a POST.
 *
 * @example
 * const client = createMiaQrClient({ clientId, clientSecret, environment: "sandbox" })
 * const qr = await client.getQr(qrId)
 * await client.close()
 */
export interface MiaQrPromiseClient {
  readonly baseUrl: string
  /** The current access token (`POST /v2/auth/token`, cached and shared). */
  getAccessToken(options?: RequestOptions): Promise<MiaPlainAccessToken>
  /** `POST /v2/mia/qr`: a Static or Dynamic QR. */
  createQr(input: MiaCreateQrInput, options?: RequestOptions): Promise<MiaCreateQrResult>
  /** `POST /v2/mia/qr/hybrid`. */
  createHybridQr(input: MiaCreateHybridQrInput, options?: RequestOptions): Promise<MiaCreateHybridQrResult>
  /** `POST /v2/mia/qr/{qrId}/extension`. */
  createExtension(
    qrId: string,
    input: MiaExtensionInput,
    options?: RequestOptions
  ): Promise<MiaExtensionResult>
  /** `POST /v2/mia/qr/{qrId}/cancel`. */
  cancelQr(qrId: string, input: MiaCancelQrInput, options?: RequestOptions): Promise<MiaCancelQrResult>
  /** `POST /v2/mia/qr/{qrId}/extension/cancel`. */
  cancelExtension(
    qrId: string,
    input?: MiaCancelExtensionInput,
    options?: RequestOptions
  ): Promise<MiaExtensionResult>
  /** `POST /v2/payments/{payId}/refund`; `{ path: "legacy" }` uses `/v2/mia/payments/{payId}/refund`. */
  refundPayment(
    payId: string,
    input: MiaRefundInput,
    options?: RequestOptions & MiaRefundOptions
  ): Promise<MiaRefundResult>
  /** `GET /v2/mia/qr`: one page. */
  listQrs(filter?: MiaListQrsFilter, options?: RequestOptions): Promise<MiaPage<MiaQrDetails>>
  /** `GET /v2/mia/qr/{qrId}`. */
  getQr(qrId: string, options?: RequestOptions): Promise<MiaQrDetails>
  /** `GET /v2/mia/qr/extension`: one page of extensions. **Experimental** (not in maib's published documents). */
  listExtensions(filter?: MiaListExtensionsFilter, options?: RequestOptions): Promise<MiaPage<MiaQrExtension>>
  /** `GET /v2/mia/payments`: one page. */
  listPayments(filter?: MiaListPaymentsFilter, options?: RequestOptions): Promise<MiaPage<MiaPayment>>
  /** `GET /v2/mia/payments/{payId}`. */
  getPayment(payId: string, options?: RequestOptions): Promise<MiaPayment>
  /** `POST /v2/mia/test-pay` (sandbox only). */
  testPay(input: MiaTestPayInput, options?: RequestOptions): Promise<MiaTestPayResult>
  /** Every matching QR, fetching pages of `count` (default 20) from `offset` as you iterate. */
  allQrs(filter?: MiaListQrsFilter, options?: RequestOptions): AsyncIterableIterator<MiaQrDetails>
  /** Every matching payment, page by page. */
  allPayments(filter?: MiaListPaymentsFilter, options?: RequestOptions): AsyncIterableIterator<MiaPayment>
  /** `verifyMiaCallback(body, signatureKey)` with this client's key; never throws. */
  verifyCallback(body: unknown): Promise<MiaCallbackVerification>
  /** Stops the client: pending token requests are interrupted, later calls reject. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Creates a Promise-based MIA QR client. The request pipeline and one Effect runtime are built
 * once per client; tokens are cached and shared between concurrent calls. Invalid options throw
 * a `MiaValidationError` right away.
 *
 * @example
 * import { createMiaQrClient, MiaApiError } from "@mia-sdk/core"
 *
 * const mia = createMiaQrClient({
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: process.env.MIA_CLIENT_SECRET!,
 *   signatureKey: process.env.MIA_SIGNATURE_KEY,
 *   environment: "sandbox"
 * })
 * const qr = await mia.createQr({
 *   type: "Dynamic", amountType: "Fixed", amount: 50, description: "Order #123", orderId: "123",
 *   expiresAt: new Date(Date.now() + 15 * 60_000), callbackUrl: "https://shop.md/mia/callback"
 * })
 * console.log(qr.url)
 */
export const createMiaQrClient = (options: CreateMiaQrClientOptions): MiaQrPromiseClient => {
  const config = resolveQrOptions(options)
  if (isIssue(config)) throw validationError("createMiaQrClient", config)
  const runtime = makeClientRuntime(
    Layer.effect(MiaQrClient, buildMiaQrClient(config, miaFetchTransport(config)))
  )
  // The service is built once, synchronously; each call then runs its effect on this runtime.
  const service = runtime.runSync(MiaQrClient)
  const host = makeClientHost(runtime)
  const derived = promisify(host, service)
  return {
    ...derived,
    // Its per-call options mix the request options with the refund path.
    refundPayment: (payId, input, requestOptions) =>
      runCall(host, "refundPayment", service.refundPayment(payId, input, requestOptions), requestOptions),
    ...miaPromiseBasics(host, service)
  }
}
