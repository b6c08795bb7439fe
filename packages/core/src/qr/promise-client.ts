import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type { MiaCallbackVerification } from "../callback/notification.js"
import { MiaValidationError } from "../errors/mia-validation-error.js"
import type { MiaError } from "../errors/index.js"
import { makePromiseFacade, type RequestOptions } from "../internal/promise-facade.js"
import { type Issue, isIssue } from "../internal/validation.js"
import type { QrCallPlan, QrCallPlans } from "./call-plans.js"
import { directCallsOf, type QrDirectCalls } from "./direct-call.js"
import type { MiaEnvironment } from "./environment.js"
import type {
  MiaCancelExtensionInput,
  MiaCancelQrInput,
  MiaCreateHybridQrInput,
  MiaCreateQrInput,
  MiaExtensionInput,
  MiaListPaymentsFilter,
  MiaListQrsFilter,
  MiaRefundInput,
  MiaTestPayInput
} from "./inputs.js"
import { MiaQrClient } from "./mia-qr-client.js"
import { DEFAULT_PAGE_SIZE } from "./prepare/list-query.js"
import { resolveQrOptions } from "./resolve-options.js"
import type { MiaPage } from "./schemas/page.js"
import type { MiaPayment, MiaRefundResult, MiaTestPayResult } from "./schemas/payment.js"
import type {
  MiaCancelQrResult,
  MiaCreateHybridQrResult,
  MiaCreateQrResult,
  MiaExtensionResult,
  MiaQrDetails
} from "./schemas/qr.js"
import type { MiaQrClientService, MiaRefundOptions } from "./service.js"

/**
 * Options of {@link createMiaQrClient}.
 *
 * @example
 * const options: CreateMiaQrClientOptions = {
 *   clientId: process.env.MIA_CLIENT_ID!,
 *   clientSecret: process.env.MIA_CLIENT_SECRET!,
 *   signatureKey: process.env.MIA_SIGNATURE_KEY,
 *   environment: "sandbox"
 * }
 */
export interface CreateMiaQrClientOptions {
  readonly clientId: string
  readonly clientSecret: string
  /** The project's Signature Key, for `client.verifyCallback(body)`. */
  readonly signatureKey?: string | undefined
  /** `"sandbox"` (default) or `"production"`. Ignored when `baseUrl` is set. */
  readonly environment?: MiaEnvironment | undefined
  /** Host only (e.g. `https://sandbox.maibmerchants.md`, or a local sandbox); the client adds `/v2/...`. */
  readonly baseUrl?: string | undefined
  /** Per HTTP attempt; default 30 000. */
  readonly timeoutMs?: number | undefined
  /** Retries of GETs and token calls on network errors, timeouts, 429 and 5xx; default 2. */
  readonly maxRetries?: number | undefined
  /** Base delay of the exponential backoff; default 500 ms. */
  readonly retryBaseDelayMs?: number | undefined
  /** `"current"` (default, `/v2/payments/{payId}/refund`) or `"legacy"` (`/v2/mia/payments/{payId}/refund`). */
  readonly refundPath?: "current" | "legacy" | undefined
  /** A `fetch` implementation (proxies, tests); default `globalThis.fetch` at call time. */
  readonly fetch?: typeof globalThis.fetch | undefined
}

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
  const resolved = resolveQrOptions(options)
  if (isIssue(resolved)) {
    throw new MiaValidationError({
      operation: "createMiaQrClient",
      field: resolved.field,
      rule: resolved.rule,
      message: `createMiaQrClient: ${resolved.message}`
    })
  }
  const runtime = ManagedRuntime.make(MiaQrClient.layer(options))
  const facade = makePromiseFacade(runtime)
  // The service is resolved once; afterwards each call runs its effect directly, or takes the
  // direct path (see direct-call.ts) when the service has one.
  let service: MiaQrClientService | undefined
  let direct: QrDirectCalls | undefined

  const use = <A, E>(
    operation: string,
    f: (service: MiaQrClientService) => Effect.Effect<A, E>,
    requestOptions?: RequestOptions
  ): Promise<A> =>
    facade.run(
      operation,
      service === undefined
        ? Effect.flatMap(MiaQrClient, (resolved) => {
            service = resolved
            direct = directCallsOf(resolved)
            return f(resolved)
          })
        : f(service),
      requestOptions
    )

  const send = <A>(
    operation: string,
    plan: (plans: QrCallPlans, nowMs: number) => QrCallPlan<A> | Issue,
    f: (service: MiaQrClientService) => Effect.Effect<A, MiaError>,
    requestOptions: RequestOptions | undefined
  ): Promise<A> =>
    direct === undefined || service === undefined
      ? use(operation, f, requestOptions)
      : direct.send(facade, operation, plan, () => f(service as MiaQrClientService), requestOptions)

  async function* pages<
    F extends { readonly offset?: number | undefined; readonly count?: number | undefined },
    A
  >(
    list: (filter: F, options?: RequestOptions) => Promise<MiaPage<A>>,
    filter: F | undefined,
    requestOptions: RequestOptions | undefined
  ): AsyncGenerator<A, void, undefined> {
    let offset = filter?.offset ?? 0
    const count = filter?.count ?? DEFAULT_PAGE_SIZE
    while (true) {
      const page = await list({ ...(filter as F), offset, count }, requestOptions)
      for (const item of page.items) yield item
      offset += page.items.length
      if (page.items.length === 0 || offset >= page.totalCount) return
    }
  }

  const client: MiaQrPromiseClient = {
    baseUrl: resolved.baseUrl,
    getAccessToken: (requestOptions) =>
      use(
        "getAccessToken",
        (service) =>
          Effect.map(service.getAccessToken, (token) => ({
            accessToken: Redacted.value(token.accessToken),
            tokenType: token.tokenType,
            expiresIn: token.expiresIn
          })),
        requestOptions
      ),
    createQr: (input, requestOptions) =>
      send(
        "createQr",
        (plans, nowMs) => plans.createQr(input, nowMs),
        (service) => service.createQr(input),
        requestOptions
      ),
    createHybridQr: (input, requestOptions) =>
      send(
        "createHybridQr",
        (plans, nowMs) => plans.createHybridQr(input, nowMs),
        (service) => service.createHybridQr(input),
        requestOptions
      ),
    createExtension: (qrId, input, requestOptions) =>
      send(
        "createExtension",
        (plans, nowMs) => plans.createExtension(qrId, input, nowMs),
        (service) => service.createExtension(qrId, input),
        requestOptions
      ),
    cancelQr: (qrId, input, requestOptions) =>
      send(
        "cancelQr",
        (plans) => plans.cancelQr(qrId, input),
        (service) => service.cancelQr(qrId, input),
        requestOptions
      ),
    cancelExtension: (qrId, input, requestOptions) =>
      send(
        "cancelExtension",
        (plans) => plans.cancelExtension(qrId, input),
        (service) => service.cancelExtension(qrId, input),
        requestOptions
      ),
    refundPayment: (payId, input, requestOptions) => {
      const refundOptions = requestOptions?.path === undefined ? undefined : { path: requestOptions.path }
      return send(
        "refundPayment",
        (plans) => plans.refundPayment(payId, input, refundOptions),
        (service) => service.refundPayment(payId, input, refundOptions),
        requestOptions
      )
    },
    listQrs: (filter, requestOptions) =>
      send(
        "listQrs",
        (plans) => plans.listQrs(filter),
        (service) => service.listQrs(filter),
        requestOptions
      ),
    getQr: (qrId, requestOptions) =>
      send(
        "getQr",
        (plans) => plans.getQr(qrId),
        (service) => service.getQr(qrId),
        requestOptions
      ),
    listPayments: (filter, requestOptions) =>
      send(
        "listPayments",
        (plans) => plans.listPayments(filter),
        (service) => service.listPayments(filter),
        requestOptions
      ),
    getPayment: (payId, requestOptions) =>
      send(
        "getPayment",
        (plans) => plans.getPayment(payId),
        (service) => service.getPayment(payId),
        requestOptions
      ),
    testPay: (input, requestOptions) =>
      send(
        "testPay",
        (plans) => plans.testPay(input),
        (service) => service.testPay(input),
        requestOptions
      ),
    allQrs: (filter, requestOptions) => pages(client.listQrs, filter, requestOptions),
    allPayments: (filter, requestOptions) => pages(client.listPayments, filter, requestOptions),
    verifyCallback: (body) => use("verifyCallback", (service) => service.verifyCallback(body)),
    close: () => facade.close(),
    [Symbol.asyncDispose]: () => facade.close()
  }
  return client
}
