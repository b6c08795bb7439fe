import * as Schema from "effect/Schema"
import { BooleanLike, NumberLike, opt, ResultField } from "./common.js"

/**
 * `qrSettings` of a POS terminal.
 *
 * @example
 * Schema.decodeUnknownSync(QrSettingsWire)({ qrType: "dynamic", qrTtl: 300 })
 */
export const QrSettingsWire = Schema.Struct({
  qrType: opt(Schema.String),
  qrAmountType: opt(Schema.String),
  qrTtl: opt(NumberLike),
  prohibitSettingsChange: opt(BooleanLike),
  whenUpdated: opt(Schema.String)
})

/**
 * Settings response.
 *
 * @example
 * Schema.decodeUnknownSync(SettingsWire)({ result: "success", qrSettings: { qrTtl: 300 } })
 */
export const SettingsWire = Schema.Struct({
  ...ResultField,
  qrSettings: opt(QrSettingsWire)
})
