import * as Schema from "effect/Schema"
import {
  optionalAmount,
  optionalCurrency,
  optionalDateTime,
  optionalText,
  text
} from "../../qr/schemas/common.js"
import { rtpStatus } from "./common.js"

// maib's sandbox pages name the status `status` in their tables and `rtpStatus` in their examples:
// both are read, and the model's `status` is whichever came.
const simulationFields = {
  status: Schema.optionalKey(rtpStatus),
  rtpStatus: Schema.optionalKey(rtpStatus),
  orderId: optionalText,
  amount: optionalAmount,
  commission: optionalAmount,
  currency: optionalCurrency,
  payerName: optionalText,
  payerIban: optionalText,
  executedAt: optionalDateTime,
  signature: optionalText,
  signatureKey: optionalText
}

/** Wire schema of `POST /v2/rtp/{rtpId}/test-accept`'s result (sandbox): `payId` is what refunds need. */
export const MiaRtpTestAcceptResultSchema = Schema.Struct({
  rtpId: text,
  payId: text,
  ...simulationFields
})

/**
 * Wire schema of `POST /v2/rtp/{rtpId}/test-reject`'s result (sandbox). maib's page copies the
 * acceptance example, so the real shape is unknown: every field is optional.
 */
export const MiaRtpTestRejectResultSchema = Schema.Struct({
  rtpId: optionalText,
  payId: optionalText,
  ...simulationFields
})

/** Reads the status whichever name it came under. */
export const withStatus = <A extends { readonly status?: string; readonly rtpStatus?: string }>(
  wire: A
): A =>
  wire.status === undefined && wire.rtpStatus !== undefined ? { ...wire, status: wire.rtpStatus } : wire

/**
 * A simulated acceptance (sandbox only): the payment's `payId`, payer and amounts. `status` is
 * set from `rtpStatus` when the server uses that name.
 *
 * @example
 * const { payId } = await client.testAccept(rtpId, { amount: 150, currency: "MDL" })
 */
export type MiaRtpTestAcceptResult = typeof MiaRtpTestAcceptResultSchema.Type

/**
 * A simulated rejection (sandbox only). `status` is set from `rtpStatus` when the server uses
 * that name.
 *
 * @example
 * const { status } = await client.testReject(rtpId)
 */
export type MiaRtpTestRejectResult = typeof MiaRtpTestRejectResultSchema.Type
