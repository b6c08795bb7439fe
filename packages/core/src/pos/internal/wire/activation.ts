import * as Schema from "effect/Schema"
import { IdLike, NumberLike, opt, ResultField } from "./common.js"

/** `POST terminal-activation/init` response. */
export const ActivationInitWire = Schema.Struct({
  ...ResultField,
  terminalActivationId: Schema.String,
  maskedPhoneNumber: opt(Schema.String),
  waitTimeToResend: opt(NumberLike)
})

/** OTP resend response. */
export const ActivationResendWire = Schema.Struct({
  ...ResultField,
  leftAttempts: opt(NumberLike),
  waitTimeToResend: opt(NumberLike)
})

/** `POST terminal-activation/confirm` response. */
export const ActivationConfirmWire = Schema.Struct({
  ...ResultField,
  leftAttempts: opt(NumberLike)
})

/** Terminal and merchant by activation id; `terminalId` is an integer in the seed's example. */
export const TerminalInfoWire = Schema.Struct({
  ...ResultField,
  terminalId: opt(IdLike),
  merchantIdno: opt(Schema.String),
  merchantName: opt(Schema.String),
  storeAddress: opt(Schema.String)
})
