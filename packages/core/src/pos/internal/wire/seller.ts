import * as Schema from "effect/Schema"
import { IdLike, NumberLike, opt, ResultField } from "./common.js"

/** The token pair of seller login and refresh. `accessTokenExpiresIn` is in seconds. */
export const AuthTokensWire = Schema.Struct({
  accessToken: Schema.String,
  refreshToken: Schema.String,
  accessTokenExpiresIn: opt(NumberLike)
})
export type AuthTokensWire = typeof AuthTokensWire.Type

/** Seller login and refresh response. */
export const AuthResponseWire = Schema.Struct({
  ...ResultField,
  authTokens: AuthTokensWire
})

/** A response that carries nothing but the outcome (logout, cancel, settings set, ...). */
export const ResultOnlyWire = Schema.Struct({ ...ResultField })

/** Seller session info; the seed's example has no `result` field. */
export const SellerInfoWire = Schema.Struct({
  ...ResultField,
  sellerInfo: opt(Schema.Struct({ id: opt(IdLike), fullName: opt(Schema.String) })),
  terminalInfo: opt(Schema.Struct({ terminalId: opt(IdLike), posId: opt(IdLike) })),
  merchantInfo: opt(Schema.Struct({ merchantName: opt(Schema.String), merchantIdno: opt(Schema.String) })),
  placeInfo: opt(Schema.Struct({ name: opt(Schema.String), address: opt(Schema.String) })),
  bankInfo: opt(
    Schema.Struct({
      bankName: opt(Schema.String),
      image: opt(Schema.String),
      userGuideUrl: opt(Schema.String),
      supportPhone: opt(Schema.String),
      supportEmail: opt(Schema.String)
    })
  )
})
