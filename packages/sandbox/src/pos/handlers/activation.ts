import { objectBody, requiredString } from "../internal/fields.js"
import { randomUuid } from "../internal/random-ids.js"
import { badRequest, outcome, success } from "../internal/responses.js"
import type { PosRequestContext, PosRoute, PosRuntime } from "../internal/runtime.js"
import type { PosActivationRecord } from "../records.js"

const PLATFORM_TYPES = ["ios", "android", "web", "external_system"]

/** Seed 000 marks these init headers as required. */
const readDeviceHeaders = (request: Request): string => {
  const missing = ["x-device", "x-platform-type", "x-installation-id", "x-pos-app-version"].filter(
    (name) => (request.headers.get(name) ?? "").trim().length === 0
  )
  if (missing.length > 0) {
    throw badRequest(
      `Terminal activation needs the device headers ${missing.map((name) => name.toUpperCase()).join(", ")}.`
    )
  }
  const platform = request.headers.get("x-platform-type")!.trim().toLowerCase()
  if (!PLATFORM_TYPES.includes(platform)) {
    throw badRequest(`Header X-PLATFORM-TYPE must be one of ${PLATFORM_TYPES.join(", ")}.`)
  }
  if (!/^\d+$/.test(request.headers.get("x-pos-app-version")!.trim())) {
    throw badRequest("Header X-POS-APP-VERSION must be an integer (the POS application version).")
  }
  return request.headers.get("x-installation-id")!.trim()
}

const seconds = (milliseconds: number): number => Math.max(0, Math.ceil(milliseconds / 1000))

/** `+37369000001` -> `+373*****001`: what the bank shows so the owner knows which phone to check. */
const maskPhone = (phone: string): string =>
  phone.length <= 7
    ? "*".repeat(phone.length)
    : `${phone.slice(0, 4)}${"*".repeat(phone.length - 7)}${phone.slice(-3)}`

/** The activation routes of seed 000: init, resend, confirm, terminal info. */
export const activationRoutes = (runtime: PosRuntime): PosRoute[] => {
  const { store, config, inbox } = runtime

  const sendCode = (activation: PosActivationRecord, now: number): void => {
    const terminal = runtime.terminals.get(activation.terminalId)!
    activation.otpCode = config.otp.generateCode()
    activation.otpExpiresAt = now + config.otp.ttlMs
    activation.lastSentAt = now
    inbox.deliver({
      phoneNumber: terminal.phoneNumber,
      terminalId: terminal.terminalId,
      terminalActivationId: activation.terminalActivationId,
      otpCode: activation.otpCode,
      sentAt: now,
      expiresAt: activation.otpExpiresAt
    })
  }

  const findActivation = (context: PosRequestContext, id: string): PosActivationRecord | undefined => {
    const activation = store.activations.get(id)
    if (activation !== undefined) context.terminalId = activation.terminalId
    return activation
  }

  const lock = (activation: PosActivationRecord, now: number): void => {
    activation.status = "locked"
    activation.leftAttempts = 0
    store.activationLocks.set(activation.terminalId, now + config.otp.lockMs)
  }

  return [
    {
      method: "POST",
      path: "/pos/api/v1/terminal-activation/init",
      operation: "activationInit",
      source: "confirmed",
      auth: false,
      handle: (context) => {
        const installationId = readDeviceHeaders(context.request)
        const body = objectBody(context.body, "with terminalId and merchantIdno")
        const terminalId = requiredString(body, "terminalId")
        const merchantIdno = requiredString(body, "merchantIdno")
        const terminal = runtime.terminals.get(terminalId)
        if (terminal === undefined || terminal.merchantIdno !== merchantIdno) {
          return outcome(
            "not_found",
            "No terminal with this terminalId belongs to a merchant with this merchantIdno."
          )
        }
        context.terminalId = terminalId
        const lockedUntil = store.activationLocks.get(terminalId) ?? 0
        if (lockedUntil > context.now) {
          return outcome(
            "otp_limit_exceeded",
            "Too many wrong OTP codes for this terminal; wait waitTimeToResend seconds before a new activation.",
            { waitTimeToResend: seconds(lockedUntil - context.now) }
          )
        }
        const activation: PosActivationRecord = {
          terminalActivationId: randomUuid(),
          terminalId,
          status: "pending",
          otpCode: "",
          otpExpiresAt: 0,
          lastSentAt: 0,
          leftAttempts: config.otp.attempts,
          resendsLeft: config.otp.resends,
          installationId,
          createdAt: context.now
        }
        sendCode(activation, context.now)
        store.activations.set(activation.terminalActivationId, activation)
        return success({
          terminalActivationId: activation.terminalActivationId,
          maskedPhoneNumber: maskPhone(terminal.phoneNumber),
          waitTimeToResend: seconds(config.otp.resendWaitMs)
        })
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/terminal-activation/resend",
      operation: "activationResendOtp",
      source: "inferred",
      auth: false,
      handle: (context) => {
        const body = objectBody(context.body, "with terminalActivationId")
        const activation = findActivation(context, requiredString(body, "terminalActivationId"))
        if (activation === undefined)
          return outcome("not_found", "No activation with this terminalActivationId.")
        if (activation.status === "confirmed") {
          return outcome("already_confirmed", "This activation is already confirmed; log the seller in.")
        }
        if (activation.status === "locked" || activation.resendsLeft === 0) {
          return outcome(
            "otp_limit_exceeded",
            "No more codes for this activation; start a new one with init.",
            {
              leftAttempts: 0,
              waitTimeToResend: 0
            }
          )
        }
        const wait = activation.lastSentAt + config.otp.resendWaitMs - context.now
        if (wait > 0) {
          return outcome(
            "resend_too_soon",
            "A code was sent moments ago; resend after waitTimeToResend seconds.",
            {
              leftAttempts: activation.resendsLeft,
              waitTimeToResend: seconds(wait)
            }
          )
        }
        sendCode(activation, context.now)
        activation.resendsLeft -= 1
        return success({
          leftAttempts: activation.resendsLeft,
          waitTimeToResend: seconds(config.otp.resendWaitMs)
        })
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/terminal-activation/confirm",
      operation: "activationConfirm",
      source: "confirmed",
      auth: false,
      handle: (context) => {
        const body = objectBody(context.body, "with terminalActivationId and otpCode")
        const id = requiredString(body, "terminalActivationId")
        if (typeof body.otpCode !== "string" || !/^\d{6}$/.test(body.otpCode)) {
          throw badRequest('Field "otpCode" must be the 6-digit code as a string (keep leading zeros).')
        }
        const otpCode = body.otpCode
        const activation = findActivation(context, id)
        if (activation === undefined)
          return outcome("not_found", "No activation with this terminalActivationId.")
        const leftAttempts = { leftAttempts: activation.leftAttempts }
        if (activation.status === "confirmed") {
          return otpCode === activation.otpCode
            ? success(leftAttempts)
            : outcome(
                "already_confirmed",
                "This activation is already confirmed; log the seller in.",
                leftAttempts
              )
        }
        if (activation.status === "locked") {
          return outcome(
            "otp_limit_exceeded",
            "Too many wrong codes; start a new activation with init.",
            leftAttempts
          )
        }
        if (activation.otpExpiresAt <= context.now) {
          return outcome("otp_expired", "The code expired; ask for a new one (resend).", leftAttempts)
        }
        if (otpCode !== activation.otpCode) {
          activation.leftAttempts -= 1
          if (activation.leftAttempts === 0) {
            lock(activation, context.now)
            return outcome("otp_limit_exceeded", "Too many wrong codes; start a new activation later.", {
              leftAttempts: 0
            })
          }
          return outcome("invalid_otp", "Wrong code; check the SMS and try again.", {
            leftAttempts: activation.leftAttempts
          })
        }
        activation.status = "confirmed"
        return success(leftAttempts)
      }
    },
    {
      method: "GET",
      path: "/pos/api/v1/terminal-activation/{posActivationId}",
      operation: "terminalInfo",
      source: "inferred",
      auth: false,
      handle: (context) => {
        const activation = findActivation(context, context.params.posActivationId!)
        if (activation === undefined) return outcome("not_found", "No activation with this id.")
        const terminal = runtime.terminals.get(activation.terminalId)!
        // The seed prints terminalId as an integer here (and as a string everywhere else).
        const numericId = /^\d{1,15}$/.test(terminal.terminalId)
          ? Number(terminal.terminalId)
          : terminal.terminalId
        return success({
          terminalId: numericId,
          merchantIdno: terminal.merchantIdno,
          merchantName: terminal.merchantName,
          storeAddress: terminal.storeAddress
        })
      }
    }
  ]
}
