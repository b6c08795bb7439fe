import * as Schema from "effect/Schema"
import * as SchemaGetter from "effect/SchemaGetter"
import { WireNumber } from "../../../internal/wire-schema.js"

/**
 * Wire-level building blocks shared by the MiaPos response schemas. Field names are the API's
 * own; every field the client does not strictly need is optional, because the public OpenAPI
 * text is incomplete. `null` reads as absent: the schemas are decoded through
 * `Schema.toCodecGoJson` (see `../decode.ts`).
 */

/** An optional field. */
export const opt = <S extends Schema.Constraint>(schema: S): Schema.optionalKey<S> =>
  Schema.optionalKey(schema)

/** A number that may arrive as a JSON number or a numeric string. */
export const NumberLike = WireNumber

/** An identifier printed as a string in one operation and as an integer in another (e.g. `terminalId`). */
export const IdLike = Schema.Union([Schema.String, Schema.Finite])

/** A flag that may arrive as a boolean or as "true"/"false". */
export const BooleanLike = Schema.Union([Schema.Boolean, Schema.Literals(["true", "false"])]).pipe(
  Schema.decodeTo(Schema.Boolean, {
    decode: SchemaGetter.transform((value: boolean | "true" | "false") => value === true || value === "true"),
    encode: SchemaGetter.passthrough()
  })
)

/**
 * The in-band outcome most MiaPos responses carry. `success` is the only documented value;
 * anything else is a business error even on HTTP 200 (read before decoding, by the envelope).
 */
export const ResultField = { result: opt(Schema.String) }

/** The Cyrillic spelling of `mcc` printed in seed 000 (two U+0441 letters). */
export const CYRILLIC_MCC = "m\u0441\u0441"

/** Transaction information, as `txInfo` / `lastTxInfo` in several responses. Both spellings of `mcc` are read. */
export const TxInfoWire = Schema.Struct({
  id: IdLike,
  amount: NumberLike,
  ccy: opt(Schema.String),
  date: opt(Schema.String),
  type: opt(Schema.String),
  rrn: opt(Schema.String),
  approvalCode: opt(Schema.String),
  [CYRILLIC_MCC]: opt(Schema.String),
  mcc: opt(Schema.String),
  swiftMessageType: opt(Schema.String),
  swiftMessageId: opt(Schema.String),
  swiftPayerBank: opt(Schema.String)
})
export type TxInfoWire = typeof TxInfoWire.Type

/** A QR extension (payment request) as returned inside `qrInfo` or on its own. */
export const ExtensionWire = Schema.Struct({
  extensionId: Schema.String,
  qrExpireIn: opt(NumberLike),
  amount: opt(NumberLike),
  minAmount: opt(NumberLike),
  maxAmount: opt(NumberLike)
})
export type ExtensionWire = typeof ExtensionWire.Type

/** A QR code as `qrInfo` (create, get) and as an item of `codes` (active list). */
export const QrInfoWire = Schema.Struct({
  qrId: Schema.String,
  qrType: opt(Schema.String),
  amountType: opt(Schema.String),
  qrText: opt(Schema.String),
  qrImage: opt(Schema.String),
  extension: opt(ExtensionWire)
})
export type QrInfoWire = typeof QrInfoWire.Type
