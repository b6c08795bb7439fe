import * as Schema from "effect/Schema"

/**
 * Wire-level building blocks shared by the MiaPos response schemas. Field names are the API's
 * own; every field the client does not strictly need is optional and `null` reads as absent,
 * because the public OpenAPI text is incomplete.
 */

/**
 * An optional field that also accepts `null` (read as absent).
 *
 * @example
 * Schema.Struct({ rrn: opt(Schema.String) }) // { rrn: null } decodes to {}
 */
export const opt = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { nullable: true })

/**
 * A number that may arrive as a JSON number or a numeric string.
 *
 * @example
 * Schema.decodeUnknownSync(NumberLike)("10.50") // 10.5
 */
export const NumberLike = Schema.Union(Schema.Number, Schema.NumberFromString)

/**
 * An identifier printed as a string in one operation and as an integer in another (e.g. `terminalId`).
 *
 * @example
 * Schema.decodeUnknownSync(IdLike)(20001) // 20001
 */
export const IdLike = Schema.Union(Schema.String, Schema.Number)

/**
 * A flag that may arrive as a boolean or as "true"/"false".
 *
 * @example
 * Schema.decodeUnknownSync(BooleanLike)("true") // true
 */
export const BooleanLike = Schema.Union(Schema.Boolean, Schema.BooleanFromString)

/**
 * The in-band outcome most MiaPos responses carry. `success` is the only documented value;
 * anything else is a business error even on HTTP 200.
 *
 * @example
 * Schema.Struct({ ...ResultField, qrId: Schema.String })
 */
export const ResultField = { result: opt(Schema.String) }

/**
 * The Cyrillic spelling of `mcc` printed in seed 000 (two U+0441 letters).
 *
 * @example
 * wire[CYRILLIC_MCC] // the merchant category code under the seed's spelling
 */
export const CYRILLIC_MCC = "m\u0441\u0441"

/**
 * Transaction information, as `txInfo` / `lastTxInfo` in several responses.
 *
 * @example
 * Schema.decodeUnknownSync(TxInfoWire)({ id: 1, amount: 10, "m\u0441\u0441": "5411" })
 */
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
/**
 * Transaction information, as `txInfo` / `lastTxInfo` in several responses. Both spellings of `mcc` are read.
 *
 * @example
 * Schema.decodeUnknownSync(TxInfoWire)({ id: 1, amount: 10, "m\u0441\u0441": "5411" })
 */
export type TxInfoWire = typeof TxInfoWire.Type

/**
 * A QR extension (payment request) as returned inside `qrInfo` or on its own.
 *
 * @example
 * Schema.decodeUnknownSync(ExtensionWire)({ extensionId: "e", qrExpireIn: 300, amount: 10 })
 */
export const ExtensionWire = Schema.Struct({
  extensionId: Schema.String,
  qrExpireIn: opt(NumberLike),
  amount: opt(NumberLike),
  minAmount: opt(NumberLike),
  maxAmount: opt(NumberLike)
})
/**
 * A QR extension (payment request) as returned inside `qrInfo` or on its own.
 *
 * @example
 * Schema.decodeUnknownSync(ExtensionWire)({ extensionId: "e", qrExpireIn: 300, amount: 10 })
 */
export type ExtensionWire = typeof ExtensionWire.Type

/**
 * A QR code as `qrInfo` (create, get) and as an item of `codes` (active list).
 *
 * @example
 * Schema.decodeUnknownSync(QrInfoWire)({ qrId: "q", qrType: "dynamic", amountType: "fixed" })
 */
export const QrInfoWire = Schema.Struct({
  qrId: Schema.String,
  qrType: opt(Schema.String),
  amountType: opt(Schema.String),
  qrText: opt(Schema.String),
  qrImage: opt(Schema.String),
  extension: opt(ExtensionWire)
})
/**
 * A QR code as `qrInfo` (create, get) and as an item of `codes` (active list).
 *
 * @example
 * Schema.decodeUnknownSync(QrInfoWire)({ qrId: "q", qrType: "dynamic", amountType: "fixed" })
 */
export type QrInfoWire = typeof QrInfoWire.Type
