import * as Schema from "effect/Schema"
import { ExtensionWire, NumberLike, opt, QrInfoWire, ResultField, TxInfoWire } from "./common.js"

/** `GET /pos/api/v2/qr/active` response. */
export const QrActiveListWire = Schema.Struct({
  ...ResultField,
  codes: opt(Schema.Array(QrInfoWire))
})

/** `POST /pos/api/v2/qr` response. */
export const QrCreateWire = Schema.Struct({
  ...ResultField,
  qrInfo: QrInfoWire
})

/** QR info by id: `state` and, while the QR exists, `qrInfo`. */
export const QrGetWire = Schema.Struct({
  ...ResultField,
  state: opt(Schema.String),
  qrInfo: opt(QrInfoWire)
})

/** Extension create response: the seed spells the key `extensionIfo`; `extensionInfo` is read too. */
export const QrExtensionCreateWire = Schema.Struct({
  ...ResultField,
  extensionIfo: opt(ExtensionWire),
  extensionInfo: opt(ExtensionWire)
})

/** Extension check response. */
export const QrExtensionCheckWire = Schema.Struct({
  ...ResultField,
  state: opt(Schema.String),
  errorDescription: opt(Schema.String),
  lastTxInfo: opt(TxInfoWire),
  totalPayments: opt(NumberLike)
})

/** Deprecated v1 dynamic QR create response. */
export const QrV1CreateWire = Schema.Struct({
  ...ResultField,
  qrId: Schema.String,
  qrExpireIn: opt(NumberLike),
  qrImage: opt(Schema.String)
})

/** Deprecated v1 dynamic QR check response. */
export const QrV1CheckWire = Schema.Struct({
  ...ResultField,
  state: opt(Schema.String),
  errorDescription: opt(Schema.String),
  txInfo: opt(TxInfoWire)
})
