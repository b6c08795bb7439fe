import * as Schema from "effect/Schema"
import { MiaPageSchema } from "../qr/schemas/page.js"
import { MiaPaymentSchema, MiaRefundResultSchema, MiaTestPayResultSchema } from "../qr/schemas/payment.js"
import {
  MiaCancelQrResultSchema,
  MiaCreateHybridQrResultSchema,
  MiaCreateQrResultSchema,
  MiaExtensionResultSchema,
  MiaQrDetailsSchema,
  MiaQrExtensionSchema
} from "../qr/schemas/qr.js"
import { MiaRtpRefundResultSchema } from "../rtp/schemas/refund.js"
import { MiaCancelRtpResultSchema, MiaCreateRtpResultSchema, MiaRtpSchema } from "../rtp/schemas/rtp.js"
import { MiaRtpTestAcceptResultSchema, MiaRtpTestRejectResultSchema } from "../rtp/schemas/test-result.js"

export {
  MiaCancelQrResultSchema,
  MiaCancelRtpResultSchema,
  MiaCreateHybridQrResultSchema,
  MiaCreateQrResultSchema,
  MiaCreateRtpResultSchema,
  MiaExtensionResultSchema,
  MiaPageSchema,
  MiaPaymentSchema,
  MiaQrDetailsSchema,
  MiaQrExtensionSchema,
  MiaRefundResultSchema,
  MiaRtpRefundResultSchema,
  MiaRtpSchema,
  MiaRtpTestAcceptResultSchema,
  MiaRtpTestRejectResultSchema,
  MiaTestPayResultSchema
}

/**
 * The wire schemas of the MIA QR and RTP (request to pay) APIs' answers, by name: the same Effect schemas the client
 * decodes with. Numbers may be numeric strings, enums any case, and optional fields `null`.
 *
 * @example
 * import { Schema } from "effect"
 * import { miaWireSchemas, toMiaCodec } from "@mia-sdk/core/schemas"
 *
 * const payment = Schema.decodeUnknownSync(toMiaCodec(miaWireSchemas.payment))(storedJson)
 */
export const miaWireSchemas = {
  qrDetails: MiaQrDetailsSchema,
  qrExtension: MiaQrExtensionSchema,
  createQrResult: MiaCreateQrResultSchema,
  createHybridQrResult: MiaCreateHybridQrResultSchema,
  extensionResult: MiaExtensionResultSchema,
  cancelQrResult: MiaCancelQrResultSchema,
  payment: MiaPaymentSchema,
  refundResult: MiaRefundResultSchema,
  testPayResult: MiaTestPayResultSchema,
  qrPage: MiaPageSchema(MiaQrDetailsSchema),
  paymentPage: MiaPageSchema(MiaPaymentSchema),
  rtp: MiaRtpSchema,
  rtpPage: MiaPageSchema(MiaRtpSchema),
  createRtpResult: MiaCreateRtpResultSchema,
  cancelRtpResult: MiaCancelRtpResultSchema,
  rtpRefundResult: MiaRtpRefundResultSchema,
  rtpTestAcceptResult: MiaRtpTestAcceptResultSchema,
  rtpTestRejectResult: MiaRtpTestRejectResultSchema
} as const

/**
 * Names of {@link miaWireSchemas}.
 *
 * @example
 * const name: MiaWireSchemaName = "payment"
 */
export type MiaWireSchemaName = keyof typeof miaWireSchemas

/**
 * The codec the client decodes with: `schema` reading JSON as the bank writes it (`null` for
 * absent optional fields).
 *
 * @example
 * const decodePayment = Schema.decodeUnknownSync(toMiaCodec(miaWireSchemas.payment))
 */
export const toMiaCodec = <S extends Schema.Top>(schema: S) => Schema.toCodecGoJson(schema)

/**
 * A [Standard Schema](https://standardschema.dev) validator of a wire schema, for zod-style
 * tooling (form libraries, tRPC, Hono validators) without Effect in your code.
 *
 * @example
 * import { toMiaStandardSchema, miaWireSchemas } from "@mia-sdk/core/schemas"
 *
 * const payment = toMiaStandardSchema("payment")
 * const result = await payment["~standard"].validate(storedJson)
 * if (result.issues) console.error(result.issues)
 */
export const toMiaStandardSchema = <N extends MiaWireSchemaName>(name: N) =>
  Schema.toStandardSchemaV1(
    toMiaCodec(miaWireSchemas[name]) as Schema.Codec<(typeof miaWireSchemas)[N]["Type"], unknown>
  )

/**
 * The JSON Schema (draft 2020-12) of a wire schema, e.g. for a database check, OpenAPI or
 * another language.
 *
 * @example
 * import { toMiaJsonSchema } from "@mia-sdk/core/schemas"
 *
 * console.log(JSON.stringify(toMiaJsonSchema("qrDetails"), null, 2))
 */
export const toMiaJsonSchema = (name: MiaWireSchemaName) => Schema.toJsonSchemaDocument(miaWireSchemas[name])
