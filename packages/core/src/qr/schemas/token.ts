import * as Schema from "effect/Schema"
import { amount, optionalText, text } from "./common.js"

/** Wire schema of `POST /v2/auth/token`'s result. */
export const MiaTokenResultSchema = Schema.Struct({
  accessToken: text,
  expiresIn: amount,
  tokenType: optionalText
})
