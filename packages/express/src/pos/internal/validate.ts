import { MiaHttpError, validationError } from "../../errors/mia-http-error.js"
import type { MiaPosOptions } from "../options.js"

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The body as an object (`{}` when empty), or a 400 that says what to send.
 * @example
 * const body = objectBody(await jsonBody(req, limit))
 */
export const objectBody = (body: unknown): Record<string, unknown> => {
  if (body === undefined) return {}
  if (!isRecord(body)) throw validationError("body", "Send a JSON object as the request body.")
  return body
}

const optionalText = (body: Record<string, unknown>, field: string, max = 200): string | undefined => {
  const value = body[field]
  if (value === undefined || value === null || value === "") return undefined
  if (typeof value !== "string" || value.length > max) {
    throw validationError(field, `${field} must be a string of at most ${max} characters.`)
  }
  return value
}

/**
 * Amount in MDL: a number > 0, at most 100000, with at most 2 decimals.
 * @example
 * validateAmount({ amount: 149.9 }) // 149.9
 */
export const validateAmount = (body: Record<string, unknown>): number => {
  const amount = body.amount
  if (typeof amount !== "number" || !Number.isFinite(amount)) {
    throw validationError("amount", "amount must be a number of MDL, e.g. 149.9 (not a string).")
  }
  if (amount <= 0) throw validationError("amount", "amount must be greater than 0.")
  if (amount > 100_000) throw validationError("amount", "amount must be at most 100000 MDL.")
  if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) {
    throw validationError("amount", "amount can have at most 2 decimals (whole bani).")
  }
  return Math.round(amount * 100) / 100
}

/**
 * @example
 * validateOtp({ otp: " 123456 " }) // "123456"
 */
export const validateOtp = (body: Record<string, unknown>): string => {
  const otp = typeof body.otp === "string" ? body.otp.trim() : ""
  if (!/^[0-9A-Za-z]{4,12}$/.test(otp)) {
    throw validationError(
      "otp",
      "otp must be the code from the SMS (4 to 12 letters or digits), e.g. 123456."
    )
  }
  return otp
}

/**
 * @example
 * validateTerminal({}, { client, terminal: { terminalId: "10001", merchantIdno: "1003600012345" } })
 */
export const validateTerminal = (
  body: Record<string, unknown>,
  options: MiaPosOptions
): { terminalId: string; merchantIdno: string } => {
  const fromBody = {
    terminalId: optionalText(body, "terminalId"),
    merchantIdno: optionalText(body, "merchantIdno")
  }
  if ((fromBody.terminalId || fromBody.merchantIdno) && !options.allowTerminalFromBody) {
    throw new MiaHttpError(
      403,
      "pos_terminal_fixed",
      "Terminal is configured on the server",
      "This server activates its configured terminal only: leave terminalId and merchantIdno out."
    )
  }
  const terminalId = fromBody.terminalId ?? options.terminal?.terminalId
  const merchantIdno = fromBody.merchantIdno ?? options.terminal?.merchantIdno
  if (!terminalId || !merchantIdno) {
    throw validationError(
      terminalId ? "merchantIdno" : "terminalId",
      "Pass terminalId and merchantIdno in the body, or configure miaPos({ terminal }) on the server."
    )
  }
  return { terminalId, merchantIdno }
}

/**
 * Credentials from the body, or `undefined` to use the client's configured seller.
 * @example
 * validateLogin({ username: "cashier1", password: "s3cret" })
 */
export const validateLogin = (
  body: Record<string, unknown>
): { username: string; password: string } | undefined => {
  const username = optionalText(body, "username")
  const password = optionalText(body, "password", 500)
  if (username === undefined && password === undefined) return undefined
  if (username === undefined || password === undefined) {
    throw validationError(
      username === undefined ? "username" : "password",
      "Pass both username and password."
    )
  }
  return { username, password }
}

/**
 * @example
 * validateShiftId("5021") // "5021"
 */
export const validateShiftId = (value: unknown): string | undefined => {
  if (value === undefined || value === "") return undefined
  if (typeof value !== "string" || !/^[\w-]{1,64}$/.test(value)) {
    throw validationError("shiftId", "shiftId must be the id of a shift (letters, digits, - or _).")
  }
  return value
}

const FORMATS = ["json", "pdf", "png", "txt"] as const
/**
 * @example
 * const format: ReportFormat = "pdf"
 */
export type ReportFormat = (typeof FORMATS)[number]

/**
 * @example
 * validateFormat(query.get("format") ?? undefined) // "json" by default
 */
export const validateFormat = (value: unknown): ReportFormat => {
  if (value === undefined || value === "") return "json"
  if (typeof value !== "string" || !(FORMATS as ReadonlyArray<string>).includes(value)) {
    throw validationError("format", "format must be one of json, pdf, png, txt.")
  }
  return value as ReportFormat
}

/**
 * @example
 * validateFull("true") // true
 */
export const validateFull = (value: unknown): boolean => {
  if (value === undefined || value === "" || value === "false" || value === "0") return false
  if (value === "true" || value === "1") return true
  throw validationError("full", "full must be true or false.")
}
