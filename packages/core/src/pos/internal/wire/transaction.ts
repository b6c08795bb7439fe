import * as Schema from "effect/Schema"
import { BooleanLike, IdLike, NumberLike, opt, ResultField, TxInfoWire } from "./common.js"

/** A row of a shift's transaction page. */
export const TxListItemWire = Schema.Struct({
  id: IdLike,
  amount: NumberLike,
  ccy: opt(Schema.String),
  date: opt(Schema.String),
  type: opt(Schema.String)
})

/** One page of a shift's transactions, newest first. */
export const TxListWire = Schema.Struct({
  ...ResultField,
  isEnded: opt(BooleanLike),
  txList: opt(Schema.Array(TxListItemWire))
})

/** Transaction details response. */
export const TxDetailsWire = Schema.Struct({
  ...ResultField,
  txInfo: TxInfoWire
})

/** Return (refund) response. */
export const TxReturnWire = Schema.Struct({
  ...ResultField,
  requestId: opt(IdLike)
})
