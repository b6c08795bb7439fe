import type { MiaCashierErrorCode } from "../../pos/cashier-error.js"
import { MiaHttpError, validationError } from "../http-error.js"
import {
  type DomainError,
  isCashierError,
  isMiaApiError,
  isMiaAuthError,
  isMiaPosResultError,
  isMiaPosSessionError
} from "./sdk-errors.js"

/**
 * What the cashier was doing, so the bank's refusal can be told in those terms: a failed login
 * is wrong credentials (not a server fault), a refused code is a wrong OTP.
 *
 * @example
 * const step: PosStep = "login"
 */
export type PosStep = "activation" | "confirm" | "login" | "other"

type Answer = readonly [status: number, code: string, title: string, detail?: string]

/** The cashier's refusals as HTTP answers; a detail here replaces the message with the route to call. */
const CASHIER_ANSWERS: Record<Exclude<MiaCashierErrorCode, "validation">, Answer> = {
  terminal_fixed: [403, "pos_terminal_fixed", "Terminal is configured on the server"],
  no_activation: [409, "pos_no_activation", "No activation pending", "Start one first (POST /activation)."],
  not_activated: [
    409,
    "pos_not_activated",
    "Terminal not activated",
    "Activate the terminal first (POST /activation)."
  ],
  login_required: [401, "pos_login_required", "Seller not logged in"],
  no_shift: [409, "pos_no_shift", "No shift to report on"],
  charge_not_found: [404, "not_found", "Charge not found"],
  unknown_report: [404, "not_found", "No such report", "Reports are /reports/x and /reports/z."],
  incomplete_answer: [502, "pos_no_qr_text", "No QR from MiaPos"],
  conflict: [409, "conflict", "Concurrent update"]
}

const fromCashierError = (error: DomainError<MiaCashierErrorCode>): unknown => {
  if (error.code === "validation") return validationError(error.field ?? "body", error.message)
  const answer = CASHIER_ANSWERS[error.code]
  if (answer === undefined) return error
  const [status, code, title, detail] = answer
  const hint = error.code === "login_required" ? " (POST /login)" : ""
  return new MiaHttpError(status, code, title, detail ?? `${error.message.replace(/\.$/, "")}${hint}.`)
}

const messageOf = (error: unknown): string =>
  error instanceof Error && error.message !== ""
    ? error.message
    : "The MiaPos terminal API refused the request."

/**
 * Turns the cashier's and the MiaPos client's errors into answers a cashier screen can act on,
 * as `miaPos` of `@mia-sdk/express` does. Errors it doesn't know (transport, timeouts,
 * unexpected answers) pass on unchanged to the common problem mapping. Both skins use it.
 *
 * @example
 * import { toPosHttpError } from "@mia-sdk/webhooks/web"
 * throw toPosHttpError(error, "confirm")
 */
export const toPosHttpError = (error: unknown, step: PosStep): unknown => {
  if (isCashierError(error)) return fromCashierError(error)
  if (isMiaPosSessionError(error)) {
    return new MiaHttpError(
      503,
      "pos_session_store",
      "POS session unavailable",
      "The POS session store failed; try again."
    )
  }
  const detail = messageOf(error)
  if (isMiaPosResultError(error)) {
    const code = String(error.result)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
    if (code === "otp_limit_exceeded")
      return new MiaHttpError(429, "pos_otp_limit_exceeded", "Too many codes", detail)
    if (step === "confirm") return new MiaHttpError(400, `pos_${code}`, "Activation code refused", detail)
    if (step === "login") return new MiaHttpError(401, `pos_${code}`, "Login refused", detail)
    return new MiaHttpError(code === "not_found" ? 404 : 409, `pos_${code}`, "Refused by MiaPos", detail)
  }
  const apiStatus = isMiaApiError(error) ? Number(error.status) : undefined
  const refusedLogin =
    isMiaAuthError(error) || (apiStatus !== undefined && [400, 401, 403].includes(apiStatus))
  if (step === "login" && refusedLogin) {
    return new MiaHttpError(401, "pos_login_failed", "Login refused", "Wrong username or password.")
  }
  if (step === "confirm" && apiStatus === 400) {
    return new MiaHttpError(400, "pos_otp_invalid", "Activation code refused", detail)
  }
  return error
}
