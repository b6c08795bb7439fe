import * as Schema from "effect/Schema"
import { BooleanLike, IdLike, opt, ResultField } from "./common.js"

/**
 * Shift check/open/close response. Not in seed 000: every field is optional and both
 * `shiftId` and `id` are read.
 */
export const ShiftWire = Schema.Struct({
  ...ResultField,
  isOpen: opt(BooleanLike),
  shiftId: opt(IdLike),
  id: opt(IdLike),
  state: opt(Schema.String),
  status: opt(Schema.String),
  openDateTime: opt(Schema.String),
  closeDateTime: opt(Schema.String),
  operator: opt(Schema.String)
})
