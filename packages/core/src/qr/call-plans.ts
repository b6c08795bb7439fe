import type * as Either from "effect/Either"
import type { MiaError } from "../errors/index.js"
import type { HttpRequestSpec } from "../internal/http-executor.js"
import { wireResultDecoder } from "../internal/mia-envelope.js"
import { checkId, type Issue, isIssue, issue } from "../internal/validation.js"
import { MIA_BASE_URLS } from "./environment.js"
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
import { prepareCancelExtension, prepareCancelQr, prepareRefund } from "./prepare/cancel-refund.js"
import { prepareCreateQr } from "./prepare/create-qr.js"
import { prepareCreateHybridQr, prepareExtension } from "./prepare/extension.js"
import { prepareListPayments, prepareListQrs } from "./prepare/list-query.js"
import { prepareTestPay } from "./prepare/test-pay.js"
import type { ResolvedQrOptions } from "./resolve-options.js"
import { type MiaPage, pageDecoder } from "./schemas/page.js"
import {
  decodePayment,
  decodeRefundResult,
  decodeTestPayResult,
  type MiaPayment,
  type MiaRefundResult,
  type MiaTestPayResult
} from "./schemas/payment.js"
import {
  decodeCancelQrResult,
  decodeCreateHybridQrResult,
  decodeCreateQrResult,
  decodeExtensionResult,
  decodeQrDetails,
  type MiaCancelQrResult,
  type MiaCreateHybridQrResult,
  type MiaCreateQrResult,
  type MiaExtensionResult,
  type MiaQrDetails
} from "./schemas/qr.js"
import type { MiaRefundOptions } from "./service.js"

/**
 * One validated MIA QR request, ready to send with a token: what to send, how to read the
 * `result`, and whether it is safe to repeat (GETs only).
 *
 * @example
 * const plan = plans.getQr(qrId)
 * if (!isIssue(plan)) console.log(plan.spec.path)
 */
export interface QrCallPlan<A> {
  readonly spec: HttpRequestSpec
  readonly decode: (operation: string, result: unknown, status: number) => Either.Either<A, MiaError>
  readonly retry: boolean
}

/**
 * Every HTTP operation as a pure function from its arguments to a plan, or to the first broken
 * rule. The Effect service and the Promise client's direct path both start from these, so the
 * two cannot drift apart. `nowMs` is only read by the rules on `expiresAt`.
 *
 * @example
 * const plans = makeCallPlans(config)
 * const plan = plans.createQr(input, Date.now())
 */
export interface QrCallPlans {
  readonly createQr: (input: MiaCreateQrInput, nowMs: number) => QrCallPlan<MiaCreateQrResult> | Issue
  readonly createHybridQr: (
    input: MiaCreateHybridQrInput,
    nowMs: number
  ) => QrCallPlan<MiaCreateHybridQrResult> | Issue
  readonly createExtension: (
    qrId: string,
    input: MiaExtensionInput,
    nowMs: number
  ) => QrCallPlan<MiaExtensionResult> | Issue
  readonly cancelQr: (qrId: string, input: MiaCancelQrInput) => QrCallPlan<MiaCancelQrResult> | Issue
  readonly cancelExtension: (
    qrId: string,
    input: MiaCancelExtensionInput | undefined
  ) => QrCallPlan<MiaExtensionResult> | Issue
  readonly refundPayment: (
    payId: string,
    input: MiaRefundInput,
    options: MiaRefundOptions | undefined
  ) => QrCallPlan<MiaRefundResult> | Issue
  readonly listQrs: (filter: MiaListQrsFilter | undefined) => QrCallPlan<MiaPage<MiaQrDetails>> | Issue
  readonly getQr: (qrId: string) => QrCallPlan<MiaQrDetails> | Issue
  readonly listPayments: (
    filter: MiaListPaymentsFilter | undefined
  ) => QrCallPlan<MiaPage<MiaPayment>> | Issue
  readonly getPayment: (payId: string) => QrCallPlan<MiaPayment> | Issue
  readonly testPay: (input: MiaTestPayInput) => QrCallPlan<MiaTestPayResult> | Issue
}

const decodeCreateQr = wireResultDecoder(decodeCreateQrResult)
const decodeCreateHybrid = wireResultDecoder(decodeCreateHybridQrResult)
const decodeExtension = wireResultDecoder(decodeExtensionResult)
const decodeCancelQr = wireResultDecoder(decodeCancelQrResult)
const decodeQr = wireResultDecoder(decodeQrDetails)
const decodeQrPage = wireResultDecoder(pageDecoder(decodeQrDetails))
const decodePaymentResult = wireResultDecoder(decodePayment)
const decodePaymentPage = wireResultDecoder(pageDecoder(decodePayment))
const decodeRefund = wireResultDecoder(decodeRefundResult)
const decodeTestPay = wireResultDecoder(decodeTestPayResult)

const path = (template: string, id: string) => template.replace("{id}", encodeURIComponent(id))

const post = <A>(
  operation: string,
  body: Record<string, unknown> | Issue,
  decode: QrCallPlan<A>["decode"],
  template: string,
  id = ""
): QrCallPlan<A> | Issue =>
  isIssue(body)
    ? body
    : { spec: { operation, method: "POST", path: path(template, id), body }, decode, retry: false }

const get = <A>(
  operation: string,
  decode: QrCallPlan<A>["decode"],
  requestPath: string,
  query?: Readonly<Record<string, string | undefined>>
): QrCallPlan<A> => ({
  spec:
    query === undefined
      ? { operation, method: "GET", path: requestPath }
      : { operation, method: "GET", path: requestPath, query },
  decode,
  retry: true
})

/**
 * Builds the plans of one client (the refund path default and the sandbox-only `testPay` depend
 * on its options).
 *
 * @example
 * const plans = makeCallPlans(resolveQrOptions(options) as ResolvedQrOptions)
 */
export const makeCallPlans = (config: ResolvedQrOptions): QrCallPlans => ({
  createQr: (input, nowMs) => post("createQr", prepareCreateQr(input, nowMs), decodeCreateQr, "/v2/mia/qr"),

  createHybridQr: (input, nowMs) =>
    post("createHybridQr", prepareCreateHybridQr(input, nowMs), decodeCreateHybrid, "/v2/mia/qr/hybrid"),

  createExtension: (qrId, input, nowMs) =>
    post(
      "createExtension",
      checkId("qrId", qrId) ?? prepareExtension("", input, undefined, nowMs),
      decodeExtension,
      "/v2/mia/qr/{id}/extension",
      qrId
    ),

  cancelQr: (qrId, input) =>
    post(
      "cancelQr",
      checkId("qrId", qrId) ?? prepareCancelQr(input),
      decodeCancelQr,
      "/v2/mia/qr/{id}/cancel",
      qrId
    ),

  cancelExtension: (qrId, input) =>
    post(
      "cancelExtension",
      checkId("qrId", qrId) ?? prepareCancelExtension(input),
      decodeExtension,
      "/v2/mia/qr/{id}/extension/cancel",
      qrId
    ),

  refundPayment: (payId, input, options) => {
    const refundPath = options?.path ?? config.refundPath
    return post(
      "refundPayment",
      checkId("payId", payId) ??
        (refundPath === "current" || refundPath === "legacy"
          ? prepareRefund(input, refundPath)
          : issue(
              "path",
              "one_of",
              `path must be "current" or "legacy", got ${JSON.stringify(refundPath)}.`
            )),
      decodeRefund,
      refundPath === "legacy" ? "/v2/mia/payments/{id}/refund" : "/v2/payments/{id}/refund",
      payId
    )
  },

  listQrs: (filter) => {
    const query = prepareListQrs(filter)
    return isIssue(query) ? query : get("listQrs", decodeQrPage, "/v2/mia/qr", query)
  },

  getQr: (qrId) => checkId("qrId", qrId) ?? get("getQr", decodeQr, path("/v2/mia/qr/{id}", qrId)),

  listPayments: (filter) => {
    const query = prepareListPayments(filter)
    return isIssue(query) ? query : get("listPayments", decodePaymentPage, "/v2/mia/payments", query)
  },

  getPayment: (payId) =>
    checkId("payId", payId) ?? get("getPayment", decodePaymentResult, path("/v2/mia/payments/{id}", payId)),

  testPay: (input) =>
    post(
      "testPay",
      config.baseUrl === MIA_BASE_URLS.production
        ? issue(
            "environment",
            "sandbox_only",
            "payment simulation exists only in the sandbox; this client talks to production."
          )
        : prepareTestPay(input),
      decodeTestPay,
      "/v2/mia/test-pay"
    )
})
