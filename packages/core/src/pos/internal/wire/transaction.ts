import * as Schema from "effect/Schema"
import { BooleanLike, IdLike, NumberLike, opt, ResultField, TxInfoWire } from "./common.js"

/**
 * A row of a shift's transaction page.
 *
 * @example
 * Schema.decodeUnknownSync(TxListItemWire)({ id: 1, amount: 0.1, type: "paid" })
 */
export const TxListItemWire = Schema.Struct({
  id: IdLike,
  amount: NumberLike,
  ccy: opt(Schema.String),
  date: opt(Schema.String),
  type: opt(Schema.String)
})

/**
 * One page of a shift's transactions, newest first.
 *
 * @example
 * Schema.decodeUnknownSync(TxListWire)({ result: "success", isEnded: true, txList: [] })
 */
export const TxListWire = Schema.Struct({
  ...ResultField,
  isEnded: opt(BooleanLike),
  txList: opt(Schema.Array(TxListItemWire))
})

/**
 * Transaction details response.
 *
 * @example
 * Schema.decodeUnknownSync(TxDetailsWire)({ result: "success", txInfo: { id: 1, amount: 1 } })
 */
export const TxDetailsWire = Schema.Struct({
  ...ResultField,
  txInfo: TxInfoWire
})

/**
 * Return (refund) response.
 *
 * @example
 * Schema.decodeUnknownSync(TxReturnWire)({ result: "success", requestId: 5 })
 */
export const TxReturnWire = Schema.Struct({
  ...ResultField,
  requestId: opt(IdLike)
})
