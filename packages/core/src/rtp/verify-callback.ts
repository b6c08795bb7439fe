import { verifyMiaCallback } from "../callback/verify-callback.js"
import type { MiaRtpCallbackNotification, MiaRtpCallbackVerification } from "./notification.js"

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const resultOf = (body: unknown): JsonObject | undefined => {
  let parsed: unknown = body
  if (typeof body === "string" || body instanceof Uint8Array) {
    try {
      parsed = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body))
    } catch {
      return undefined
    }
  }
  return isObject(parsed) && isObject(parsed.result) ? parsed.result : undefined
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined

const optionalNumber = (value: unknown): number | undefined => {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN
  return Number.isFinite(number) ? number : undefined
}

const toNotification = (result: JsonObject): MiaRtpCallbackNotification | string => {
  const rtpId = optionalString(result.rtpId)
  const payId = optionalString(result.payId)
  const amount = optionalNumber(result.amount)
  if (!payId) return "result.payId is missing"
  if (!rtpId) return "result.rtpId is missing"
  if (amount === undefined) return "result.amount is missing or not a number"
  return {
    rtpId,
    payId,
    amount,
    rtpStatus: optionalString(result.rtpStatus) ?? "",
    currency: optionalString(result.currency) ?? "MDL",
    orderId: optionalString(result.orderId),
    commission: optionalNumber(result.commission),
    payerName: optionalString(result.payerName),
    payerIban: optionalString(result.payerIban),
    executedAt: optionalString(result.executedAt),
    raw: result
  }
}

/**
 * Verifies a request-to-pay callback and returns its notification, or a named reason. The
 * signature is the MIA QR callback's (same Signature Key, same rule), checked by
 * `verifyMiaCallback`; only the fields differ (`rtpId`, `rtpStatus` instead of `qrId`,
 * `qrStatus`). Never throws. Pass the raw request body (string or bytes) or its parsed JSON.
 *
 * @example
 * import { verifyMiaRtpCallback } from "@mia-sdk/core"
 *
 * const outcome = await verifyMiaRtpCallback(rawBody, process.env.MIA_SIGNATURE_KEY!)
 * if (!outcome.valid) return res.status(401).send(outcome.message)
 * await markOrderPaid(outcome.notification.orderId, outcome.notification.payId)
 */
export const verifyMiaRtpCallback = async (
  body: unknown,
  signatureKey: string
): Promise<MiaRtpCallbackVerification> => {
  const outcome = await verifyMiaCallback(body, signatureKey)
  // `malformed_notification` means "signed, but not a QR payment": an RTP callback (it has no
  // `qrId`) always lands there once its signature has been checked.
  if (!outcome.valid && outcome.reason !== "malformed_notification") return outcome
  const result = outcome.valid ? (outcome.notification.raw as JsonObject) : resultOf(body)
  if (result === undefined) {
    return { valid: false, reason: "malformed_body", message: "The callback body is not a JSON object." }
  }
  const notification = toNotification(result)
  return typeof notification === "string"
    ? { valid: false, reason: "malformed_notification", message: `Signed, but ${notification}.` }
    : { valid: true, notification }
}
