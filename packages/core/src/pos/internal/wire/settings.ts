import * as Schema from "effect/Schema"
import { BooleanLike, NumberLike, opt, ResultField } from "./common.js"

/** `qrSettings` of a POS terminal. */
export const QrSettingsWire = Schema.Struct({
  qrType: opt(Schema.String),
  qrAmountType: opt(Schema.String),
  qrTtl: opt(NumberLike),
  prohibitSettingsChange: opt(BooleanLike),
  whenUpdated: opt(Schema.String)
})

/** Settings response. */
export const SettingsWire = Schema.Struct({
  ...ResultField,
  qrSettings: opt(QrSettingsWire)
})
