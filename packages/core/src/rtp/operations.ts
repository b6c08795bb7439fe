import { defineOperation, type PreparedRequest } from "../internal/pipeline/operation.js"
import { schemaDecoder } from "../internal/pipeline/result-decoder.js"
import { checkId, type Issue, isIssue } from "../internal/validation.js"
import { MiaPageSchema } from "../qr/schemas/page.js"
import type { ResolvedMiaOptions } from "../qr/resolve-options.js"
import type {
  MiaCreateRtpInput,
  MiaListRtpsQuery,
  MiaRtpReasonInput,
  MiaRtpTestAcceptInput
} from "./inputs.js"
import { prepareCreateRtp } from "./prepare/create-rtp.js"
import { prepareListRtps } from "./prepare/list-query.js"
import { prepareReason, prepareRefundRtp } from "./prepare/reason.js"
import { prepareTestAccept, sandboxOnly } from "./prepare/test-accept.js"
import { MiaRtpRefundResultSchema } from "./schemas/refund.js"
import { MiaCancelRtpResultSchema, MiaCreateRtpResultSchema, MiaRtpSchema } from "./schemas/rtp.js"
import {
  MiaRtpTestAcceptResultSchema,
  MiaRtpTestRejectResultSchema,
  withStatus
} from "./schemas/test-result.js"

const body = (
  prepared: Record<string, unknown> | Issue,
  params?: Record<string, string>
): PreparedRequest | Issue => (isIssue(prepared) ? prepared : { body: prepared, params })

const rtpIdAttribute = ([rtpId]: readonly [string, ...ReadonlyArray<unknown>]) => ({ "mia.rtp_id": rtpId })

/**
 * Every MIA RTP operation, declared once: the service and the Promise client are derived from
 * this table and run by the same pipeline as MIA QR (same token, same envelope). Only the reads
 * are retried: creating, cancelling, refunding and the payer simulations are never repeated
 * blindly (the API has no idempotency key: look the request up by `orderId` instead).
 */
export const makeRtpOperations = (
  config: Pick<ResolvedMiaOptions, "baseUrl" | "clientId" | "clientSecret">
) =>
  ({
    createRtp: defineOperation({
      name: "createRtp",
      method: "POST",
      path: "/v2/rtp",
      auth: "bearer",
      idempotent: false,
      prepare: ([input]: readonly [MiaCreateRtpInput], { nowMs }) => body(prepareCreateRtp(input, nowMs)),
      decode: schemaDecoder(MiaCreateRtpResultSchema)
    }),

    getRtp: defineOperation({
      name: "getRtp",
      method: "GET",
      path: "/v2/rtp/{rtpId}",
      auth: "bearer",
      idempotent: true,
      prepare: ([rtpId]: readonly [string]) => checkId("rtpId", rtpId) ?? { params: { rtpId } },
      decode: schemaDecoder(MiaRtpSchema),
      attributes: rtpIdAttribute
    }),

    listRtps: defineOperation({
      name: "listRtps",
      method: "GET",
      path: "/v2/rtp",
      auth: "bearer",
      idempotent: true,
      prepare: ([query]: readonly [MiaListRtpsQuery | undefined]) => {
        const prepared = prepareListRtps(query)
        return isIssue(prepared) ? prepared : { query: prepared }
      },
      decode: schemaDecoder(MiaPageSchema(MiaRtpSchema))
    }),

    cancelRtp: defineOperation({
      name: "cancelRtp",
      method: "POST",
      path: "/v2/rtp/{rtpId}/cancel",
      auth: "bearer",
      idempotent: false,
      prepare: ([rtpId, input]: readonly [string, MiaRtpReasonInput]) =>
        checkId("rtpId", rtpId) ?? body(prepareReason(input), { rtpId }),
      decode: schemaDecoder(MiaCancelRtpResultSchema),
      attributes: rtpIdAttribute
    }),

    refundRtp: defineOperation({
      name: "refundRtp",
      method: "POST",
      path: "/v2/rtp/{payId}/refund",
      auth: "bearer",
      idempotent: false,
      prepare: ([payId, input]: readonly [string, MiaRtpReasonInput]) =>
        checkId("payId", payId) ?? body(prepareRefundRtp(input), { payId }),
      decode: schemaDecoder(MiaRtpRefundResultSchema),
      attributes: ([payId]) => ({ "mia.pay_id": payId })
    }),

    testAccept: defineOperation({
      name: "testAccept",
      method: "POST",
      path: "/v2/rtp/{rtpId}/test-accept",
      auth: "bearer",
      idempotent: false,
      prepare: ([rtpId, input]: readonly [string, MiaRtpTestAcceptInput]) =>
        sandboxOnly(config.baseUrl) ?? checkId("rtpId", rtpId) ?? body(prepareTestAccept(input), { rtpId }),
      decode: schemaDecoder(MiaRtpTestAcceptResultSchema, { toModel: withStatus }),
      attributes: rtpIdAttribute
    }),

    // No body: every known client sends none, and maib's firewall dislikes a Content-Type without one.
    testReject: defineOperation({
      name: "testReject",
      method: "POST",
      path: "/v2/rtp/{rtpId}/test-reject",
      auth: "bearer",
      idempotent: false,
      prepare: ([rtpId]: readonly [string]) =>
        sandboxOnly(config.baseUrl) ?? checkId("rtpId", rtpId) ?? { params: { rtpId } },
      decode: schemaDecoder(MiaRtpTestRejectResultSchema, { toModel: withStatus }),
      attributes: rtpIdAttribute
    })
  }) as const

/** The MIA RTP operation table of one client. */
export type RtpOperations = ReturnType<typeof makeRtpOperations>
