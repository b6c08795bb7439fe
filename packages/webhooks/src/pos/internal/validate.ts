import { fromMinorUnits, parseAmount } from "@mia-sdk/core/money"
import { MiaCashierError } from "../cashier-error.js"
import type { PosCashierOptions } from "../cashier-options.js"

const invalid = (field: string, message: string) => new MiaCashierError("validation", message, { field })

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The input as an object to read fields from (`{}` when left out). */
const fieldsOf = (input: unknown, field: string): Readonly<Record<string, unknown>> => {
  if (input === undefined || input === null) return {}
  if (!isRecord(input)) throw invalid(field, `${field} must be an object.`)
  return input
}

/** A text field, `undefined` when left out or empty. */
const optionalText = (
  fields: Readonly<Record<string, unknown>>,
  field: string,
  max = 200
): string | undefined => {
  const value = fields[field]
  if (value === undefined || value === null || value === "") return undefined
  if (typeof value !== "string" || value.length > max) {
    throw invalid(field, `${field} must be a string of at most ${max} characters.`)
  }
  return value
}

/**
 * The terminal to activate: the configured one, or the input's when `allowTerminalFromBody` lets
 * the caller name it.
 */
export const validateTerminal = (
  input: unknown,
  options: Pick<PosCashierOptions, "terminal" | "allowTerminalFromBody">
): { terminalId: string; merchantIdno: string } => {
  const fields = fieldsOf(input, "input")
  const asked = {
    terminalId: optionalText(fields, "terminalId"),
    merchantIdno: optionalText(fields, "merchantIdno")
  }
  if ((asked.terminalId || asked.merchantIdno) && !options.allowTerminalFromBody) {
    throw new MiaCashierError(
      "terminal_fixed",
      "This server activates its configured terminal only: leave terminalId and merchantIdno out."
    )
  }
  const terminalId = asked.terminalId ?? options.terminal?.terminalId
  const merchantIdno = asked.merchantIdno ?? options.terminal?.merchantIdno
  if (!terminalId || !merchantIdno) {
    throw invalid(
      terminalId ? "merchantIdno" : "terminalId",
      "Pass terminalId and merchantIdno, or configure the cashier's terminal on the server."
    )
  }
  return { terminalId, merchantIdno }
}

/** Seller credentials, or `undefined` to log in the client's configured seller. */
export const validateCredentials = (input: unknown): { username: string; password: string } | undefined => {
  const fields = fieldsOf(input, "credentials")
  const username = optionalText(fields, "username")
  const password = optionalText(fields, "password", 500)
  if (username === undefined && password === undefined) return undefined
  if (username === undefined || password === undefined) {
    throw invalid(username === undefined ? "username" : "password", "Pass both username and password.")
  }
  return { username, password }
}

/** An amount someone pays, in MDL: a JSON number, read exactly by the SDK's one amount rule. */
export const validateAmount = (value: unknown): number => {
  const parsed = parseAmount(value, { from: ["number"] })
  if (!parsed.ok) throw invalid("amount", parsed.message)
  return fromMinorUnits(parsed.minor)
}

/** The code from the SMS, trimmed. */
export const validateOtp = (value: unknown): string => {
  const otp = typeof value === "string" ? value.trim() : ""
  if (!/^[0-9A-Za-z]{4,12}$/.test(otp)) {
    throw invalid("otp", "otp must be the code from the SMS (4 to 12 letters or digits), e.g. 123456.")
  }
  return otp
}

/** A charge id as the bank issued it. */
export const validateChargeId = (value: unknown): string => {
  if (typeof value !== "string" || !/^[\w-]{1,128}$/.test(value)) {
    throw invalid("chargeId", "chargeId must be the id returned when the charge was created.")
  }
  return value
}

/** A shift id, `undefined` when left out. */
export const validateShiftId = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === "") return undefined
  if (typeof value !== "string" || !/^[\w-]{1,64}$/.test(value)) {
    throw invalid("shiftId", "shiftId must be the id of a shift (letters, digits, - or _).")
  }
  return value
}

const FORMATS = ["json", "pdf", "png", "txt"] as const

/** A report format, `json` when left out. */
export const validateFormat = (value: unknown): (typeof FORMATS)[number] => {
  if (value === undefined || value === null || value === "") return "json"
  const format = FORMATS.find((known) => known === value)
  if (format === undefined) throw invalid("format", "format must be one of json, pdf, png, txt.")
  return format
}

/** Whether to list a report's transactions: a boolean, or its query-string text (`true`, `1`, `false`, `0`). */
export const validateFull = (value: unknown): boolean => {
  if (value === undefined || value === null || value === "" || value === false) return false
  if (value === true) return true
  if (value === "true" || value === "1") return true
  if (value === "false" || value === "0") return false
  throw invalid("full", "full must be true or false.")
}
