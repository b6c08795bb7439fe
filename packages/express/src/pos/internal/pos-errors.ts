import { MiaHttpError } from "../../errors/mia-http-error.js"

type Fields = { readonly _tag?: unknown; readonly [key: string]: unknown }

const fields = (error: unknown): Fields =>
  typeof error === "object" && error !== null ? (error as Fields) : {}

/**
 * What the cashier was doing, so the bank's refusal can be told in those terms: a failed login
 * is wrong credentials (not a server fault), a refused code is a wrong OTP.
 * @example
 * const step: PosStep = "login"
 */
export type PosStep = "activation" | "confirm" | "login" | "other"

/**
 * Turns the MiaPos client's errors into answers a cashier screen can act on. Errors it doesn't
 * know (transport, timeouts, unexpected answers) go on unchanged to `miaErrorHandler`.
 * @example
 * throw toPosHttpError(error, "confirm")
 */
export const toPosHttpError = (error: unknown, step: PosStep): unknown => {
  const { _tag, message, reason, result, status } = fields(error)
  const detail =
    typeof message === "string" && message !== "" ? message : "The MiaPos terminal API refused the request."
  if (_tag === "MiaPosSessionError") {
    if (reason === "login_required") {
      return new MiaHttpError(
        401,
        "pos_login_required",
        "Seller not logged in",
        "Log the seller in first (POST /login)."
      )
    }
    if (reason === "not_activated") {
      return new MiaHttpError(
        409,
        "pos_not_activated",
        "Terminal not activated",
        "Activate the terminal first (POST /activation)."
      )
    }
    return new MiaHttpError(
      503,
      "pos_session_store",
      "POS session unavailable",
      "The POS session store failed; try again."
    )
  }
  if (_tag === "MiaPosResultError") {
    const code = String(result)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
    if (code === "otp_limit_exceeded") {
      return new MiaHttpError(429, "pos_otp_limit_exceeded", "Too many codes", detail)
    }
    if (step === "confirm") return new MiaHttpError(400, `pos_${code}`, "Activation code refused", detail)
    if (step === "login") return new MiaHttpError(401, `pos_${code}`, "Login refused", detail)
    return new MiaHttpError(code === "not_found" ? 404 : 409, `pos_${code}`, "Refused by MiaPos", detail)
  }
  if (_tag === "MiaApiError" || _tag === "MiaAuthError") {
    const http = Number(status)
    if (step === "login" && (http === 400 || http === 401 || http === 403 || _tag === "MiaAuthError")) {
      return new MiaHttpError(401, "pos_login_failed", "Login refused", "Wrong username or password.")
    }
    if (step === "confirm" && http === 400) {
      return new MiaHttpError(400, "pos_otp_invalid", "Activation code refused", detail)
    }
    if (http === 401 && _tag === "MiaApiError") {
      return new MiaHttpError(
        401,
        "pos_login_required",
        "Seller session ended",
        "Log the seller in again (POST /login)."
      )
    }
  }
  return error
}
