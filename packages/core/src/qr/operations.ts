import { defineOperation, type PreparedRequest } from "../internal/pipeline/operation.js"
import { schemaDecoder } from "../internal/pipeline/result-decoder.js"
import { checkId, type Issue, isIssue, issue } from "../internal/validation.js"
import { MIA_BASE_URLS } from "./environment.js"
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
import { prepareCancelExtension, prepareCancelQr, prepareRefund } from "./prepare/cancel-refund.js"
import { prepareCreateQr } from "./prepare/create-qr.js"
import { prepareCreateHybridQr, prepareExtension } from "./prepare/extension.js"
import { prepareListExtensions, prepareListPayments, prepareListQrs } from "./prepare/list-query.js"
import { prepareTestPay } from "./prepare/test-pay.js"
import type { ResolvedQrOptions } from "./resolve-options.js"
import { MiaPageSchema } from "./schemas/page.js"
import { MiaPaymentSchema, MiaRefundResultSchema, MiaTestPayResultSchema } from "./schemas/payment.js"
import {
  MiaCancelQrResultSchema,
  MiaCreateHybridQrResultSchema,
  MiaCreateQrResultSchema,
  MiaExtensionResultSchema,
  MiaQrDetailsSchema,
  MiaQrExtensionSchema
} from "./schemas/qr.js"

const body = (
  prepared: Record<string, unknown> | Issue,
  params?: Record<string, string>
): PreparedRequest | Issue => (isIssue(prepared) ? prepared : { body: prepared, params })

const query = (prepared: Record<string, string | undefined> | Issue): PreparedRequest | Issue =>
  isIssue(prepared) ? prepared : { query: prepared }

const qrIdAttribute = ([qrId]: readonly [string, ...ReadonlyArray<unknown>]) => ({ "mia.qr_id": qrId })
const payIdAttribute = ([payId]: readonly [string, ...ReadonlyArray<unknown>]) => ({ "mia.pay_id": payId })

const refund = (path: string, refundPath: "current" | "legacy") =>
  defineOperation({
    name: "refundPayment",
    method: "POST",
    path,
    auth: "bearer",
    idempotent: false,
    prepare: ([payId, input]: readonly [string, MiaRefundInput]) =>
      checkId("payId", payId) ?? body(prepareRefund(input, refundPath), { payId }),
    decode: schemaDecoder(MiaRefundResultSchema),
    attributes: ([payId]) => ({ "mia.pay_id": payId, "mia.refund_path": refundPath })
  })

/**
 * Every MIA QR operation, declared once: the service and the Promise client are derived from
 * this table. POSTs that create or move money are never retried (the API has no idempotency
 * key: reconcile instead).
 */
export const makeQrOperations = (config: Pick<ResolvedQrOptions, "baseUrl" | "clientId" | "clientSecret">) =>
  ({
    createQr: defineOperation({
      name: "createQr",
      method: "POST",
      path: "/v2/mia/qr",
      auth: "bearer",
      idempotent: false,
      prepare: ([input]: readonly [MiaCreateQrInput], { nowMs }) => body(prepareCreateQr(input, nowMs)),
      decode: schemaDecoder(MiaCreateQrResultSchema)
    }),

    createHybridQr: defineOperation({
      name: "createHybridQr",
      method: "POST",
      path: "/v2/mia/qr/hybrid",
      auth: "bearer",
      idempotent: false,
      prepare: ([input]: readonly [MiaCreateHybridQrInput], { nowMs }) =>
        body(prepareCreateHybridQr(input, nowMs)),
      decode: schemaDecoder(MiaCreateHybridQrResultSchema)
    }),

    createExtension: defineOperation({
      name: "createExtension",
      method: "POST",
      path: "/v2/mia/qr/{qrId}/extension",
      auth: "bearer",
      idempotent: false,
      prepare: ([qrId, input]: readonly [string, MiaExtensionInput], { nowMs }) =>
        checkId("qrId", qrId) ?? body(prepareExtension("", input, undefined, nowMs), { qrId }),
      decode: schemaDecoder(MiaExtensionResultSchema),
      attributes: qrIdAttribute
    }),

    cancelQr: defineOperation({
      name: "cancelQr",
      method: "POST",
      path: "/v2/mia/qr/{qrId}/cancel",
      auth: "bearer",
      idempotent: false,
      prepare: ([qrId, input]: readonly [string, MiaCancelQrInput]) =>
        checkId("qrId", qrId) ?? body(prepareCancelQr(input), { qrId }),
      decode: schemaDecoder(MiaCancelQrResultSchema),
      attributes: qrIdAttribute
    }),

    cancelExtension: defineOperation({
      name: "cancelExtension",
      method: "POST",
      path: "/v2/mia/qr/{qrId}/extension/cancel",
      auth: "bearer",
      idempotent: false,
      prepare: ([qrId, input]: readonly [string, MiaCancelExtensionInput | undefined]) =>
        checkId("qrId", qrId) ?? body(prepareCancelExtension(input), { qrId }),
      decode: schemaDecoder(MiaExtensionResultSchema),
      attributes: qrIdAttribute
    }),

    refundPayment: refund("/v2/payments/{payId}/refund", "current"),
    refundPaymentLegacy: refund("/v2/mia/payments/{payId}/refund", "legacy"),

    listQrs: defineOperation({
      name: "listQrs",
      method: "GET",
      path: "/v2/mia/qr",
      auth: "bearer",
      idempotent: true,
      prepare: ([filter]: readonly [MiaListQrsFilter | undefined]) => query(prepareListQrs(filter)),
      decode: schemaDecoder(MiaPageSchema(MiaQrDetailsSchema))
    }),

    getQr: defineOperation({
      name: "getQr",
      method: "GET",
      path: "/v2/mia/qr/{qrId}",
      auth: "bearer",
      idempotent: true,
      prepare: ([qrId]: readonly [string]) => checkId("qrId", qrId) ?? { params: { qrId } },
      decode: schemaDecoder(MiaQrDetailsSchema),
      attributes: qrIdAttribute
    }),

    listExtensions: defineOperation({
      name: "listExtensions",
      method: "GET",
      path: "/v2/mia/qr/extension",
      auth: "bearer",
      idempotent: true,
      prepare: ([filter]: readonly [MiaListExtensionsFilter | undefined]) =>
        query(prepareListExtensions(filter)),
      decode: schemaDecoder(MiaPageSchema(MiaQrExtensionSchema))
    }),

    listPayments: defineOperation({
      name: "listPayments",
      method: "GET",
      path: "/v2/mia/payments",
      auth: "bearer",
      idempotent: true,
      prepare: ([filter]: readonly [MiaListPaymentsFilter | undefined]) => query(prepareListPayments(filter)),
      decode: schemaDecoder(MiaPageSchema(MiaPaymentSchema))
    }),

    getPayment: defineOperation({
      name: "getPayment",
      method: "GET",
      path: "/v2/mia/payments/{payId}",
      auth: "bearer",
      idempotent: true,
      prepare: ([payId]: readonly [string]) => checkId("payId", payId) ?? { params: { payId } },
      decode: schemaDecoder(MiaPaymentSchema),
      attributes: payIdAttribute
    }),

    testPay: defineOperation({
      name: "testPay",
      method: "POST",
      path: "/v2/mia/test-pay",
      auth: "bearer",
      idempotent: false,
      prepare: ([input]: readonly [MiaTestPayInput]) =>
        body(
          config.baseUrl === MIA_BASE_URLS.production
            ? issue(
                "environment",
                "sandbox_only",
                "payment simulation exists only in the sandbox; this client talks to production."
              )
            : prepareTestPay(input)
        ),
      decode: schemaDecoder(MiaTestPayResultSchema)
    })
  }) as const

/** The MIA QR operation table of one client. */
export type QrOperations = ReturnType<typeof makeQrOperations>
