import { wireRecord } from "../../internal/wire-record.js"
import { requiredStr, str } from "./common.js"

/** `result` of `POST /v2/auth/token` (spec §4.1). */
export const decodeTokenResult = wireRecord({
  accessToken: requiredStr,
  expiresIn: { kind: "number", required: true },
  tokenType: str
})
