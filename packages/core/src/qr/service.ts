import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { MiaCallbackVerification } from "../callback/notification.js"
import type { MiaAccessToken } from "../internal/auth/bearer-token-auth.js"
import type { MiaError } from "../errors/index.js"
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

export type { MiaAccessToken } from "../internal/auth/bearer-token-auth.js"

/**
 * Per-call options of `refundPayment`.
 *
 * @example
 * client.refundPayment(payId, { reason: "Returned" }, { path: "legacy" })
 */
export interface MiaRefundOptions {
  /** Overrides the client's `refundPath` for this call. */
  readonly path?: "current" | "legacy" | undefined
}

/**
 * The MIA QR API as Effect operations. Every operation validates its input before
 * sending, runs in a span named `MiaQrClient.<operation>`, and fails with a `MiaError`.
 * GETs are retried on transient failures; POSTs never are.
 *
 * @example
 * import { Effect } from "effect"
 * import { MiaQrClient } from "@mia-sdk/core"
 *
 * const program = Effect.gen(function* () {
 *   const mia = yield* MiaQrClient
 *   const qr = yield* mia.createQr({ type: "Dynamic", amountType: "Fixed", amount: 50, description: "Order #1", expiresAt: new Date(Date.now() + 600_000) })
 *   return yield* mia.getQr(qr.qrId)
 * })
 */
export interface MiaQrClientService {
  /** Host the client talks to (no `/v2`). */
  readonly baseUrl: string
  /** `POST /v2/auth/token`, through the single-flight cache (a cached token is returned while fresh). */
  readonly getAccessToken: Effect.Effect<MiaAccessToken, MiaError>
  /** `POST /v2/mia/qr`: a Static or Dynamic QR. Not retried. */
  readonly createQr: (input: MiaCreateQrInput) => Effect.Effect<MiaCreateQrResult, MiaError>
  /** `POST /v2/mia/qr/hybrid`: a Hybrid QR, optionally with its first extension. Not retried. */
  readonly createHybridQr: (input: MiaCreateHybridQrInput) => Effect.Effect<MiaCreateHybridQrResult, MiaError>
  /** `POST /v2/mia/qr/{qrId}/extension`. Not retried. */
  readonly createExtension: (
    qrId: string,
    input: MiaExtensionInput
  ) => Effect.Effect<MiaExtensionResult, MiaError>
  /** `POST /v2/mia/qr/{qrId}/cancel`. Not retried. */
  readonly cancelQr: (qrId: string, input: MiaCancelQrInput) => Effect.Effect<MiaCancelQrResult, MiaError>
  /** `POST /v2/mia/qr/{qrId}/extension/cancel`. Not retried. */
  readonly cancelExtension: (
    qrId: string,
    input?: MiaCancelExtensionInput
  ) => Effect.Effect<MiaExtensionResult, MiaError>
  /** `POST /v2/payments/{payId}/refund` (or the legacy `/v2/mia/payments/{payId}/refund`). Not retried. */
  readonly refundPayment: (
    payId: string,
    input: MiaRefundInput,
    options?: MiaRefundOptions
  ) => Effect.Effect<MiaRefundResult, MiaError>
  /** `GET /v2/mia/qr`: one page. */
  readonly listQrs: (filter?: MiaListQrsFilter) => Effect.Effect<MiaPage<MiaQrDetails>, MiaError>
  /** `GET /v2/mia/qr/{qrId}`. */
  readonly getQr: (qrId: string) => Effect.Effect<MiaQrDetails, MiaError>
  /**
   * `GET /v2/mia/qr/extension`: one page of a Hybrid QR's extensions. **Experimental**: the
   * endpoint is not in maib's published documents and may not exist on your environment.
   */
  readonly listExtensions: (
    filter?: MiaListExtensionsFilter
  ) => Effect.Effect<MiaPage<MiaQrExtension>, MiaError>
  /** `GET /v2/mia/payments`: one page. */
  readonly listPayments: (filter?: MiaListPaymentsFilter) => Effect.Effect<MiaPage<MiaPayment>, MiaError>
  /** `GET /v2/mia/payments/{payId}`. */
  readonly getPayment: (payId: string) => Effect.Effect<MiaPayment, MiaError>
  /** `POST /v2/mia/test-pay`: simulate a payment (sandbox only; refused for the production host). */
  readonly testPay: (input: MiaTestPayInput) => Effect.Effect<MiaTestPayResult, MiaError>
  /** Every QR matching `filter`, page by page (`count` is the page size, `offset` the start). */
  readonly allQrs: (filter?: MiaListQrsFilter) => Stream.Stream<MiaQrDetails, MiaError>
  /** Every payment matching `filter`, page by page. */
  readonly allPayments: (filter?: MiaListPaymentsFilter) => Stream.Stream<MiaPayment, MiaError>
  /** `verifyMiaCallback` with the client's `signatureKey` (`missing_signature_key` when none was given). */
  readonly verifyCallback: (body: unknown) => Effect.Effect<MiaCallbackVerification>
}
