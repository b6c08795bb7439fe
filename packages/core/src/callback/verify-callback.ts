import { canonicalCallbackString } from "./canonical-string.js"
import type {
  MiaCallbackNotification,
  MiaCallbackRejection,
  MiaCallbackVerification
} from "./notification.js"
import { sha256Base64 } from "#sha256"
import { timingSafeEqualStrings } from "./constant-time.js"

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const reject = (reason: MiaCallbackRejection, message: string): MiaCallbackVerification => ({
  valid: false,
  reason,
  message
})

const decoder = new TextDecoder()

const parseBody = (body: unknown): JsonObject | undefined => {
  if (isObject(body) && !(body instanceof Uint8Array)) return body
  const text = typeof body === "string" ? body : body instanceof Uint8Array ? decoder.decode(body) : undefined
  if (text === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    return isObject(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined

const optionalNumber = (value: unknown): number | undefined => {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN
  return Number.isFinite(number) ? number : undefined
}

const toNotification = (result: JsonObject): MiaCallbackNotification | string => {
  const qrId = optionalString(result.qrId)
  const payId = optionalString(result.payId)
  const amount = optionalNumber(result.amount)
  if (!payId) return "result.payId is missing"
  if (!qrId) return "result.qrId is missing"
  if (amount === undefined) return "result.amount is missing or not a number"
  return {
    qrId,
    payId,
    amount,
    qrStatus: optionalString(result.qrStatus) ?? "",
    currency: optionalString(result.currency) ?? "MDL",
    extensionId: optionalString(result.extensionId),
    referenceId: optionalString(result.referenceId),
    orderId: optionalString(result.orderId),
    commission: optionalNumber(result.commission),
    payerName: optionalString(result.payerName),
    payerIban: optionalString(result.payerIban),
    executedAt: optionalString(result.executedAt),
    terminalId: optionalString(result.terminalId),
    raw: result
  }
}

/**
 * Verifies the signature of an MIA payment callback exactly as maib's API documentation describes and returns
 * the notification, or a named reason. Never throws, whatever the body: malformed input is a
 * `{ valid: false }` outcome. Pass the raw request body (string or bytes) or its parsed JSON.
 *
 * @example
 * import { verifyMiaCallback } from "@mia-sdk/core/callback"
 *
 * const outcome = await verifyMiaCallback(rawBody, process.env.MIA_SIGNATURE_KEY!)
 * if (!outcome.valid) return res.status(401).send(outcome.message)
 * await markOrderPaid(outcome.notification.orderId, outcome.notification.payId)
 */
export const verifyMiaCallback = async (
  body: unknown,
  signatureKey: string
): Promise<MiaCallbackVerification> => {
  try {
    if (typeof signatureKey !== "string" || signatureKey.trim() === "") {
      return reject(
        "missing_signature_key",
        "No signature key given: pass the project's Signature Key from maibmerchants."
      )
    }
    const parsed = parseBody(body)
    if (!parsed) return reject("malformed_body", "The callback body is not a JSON object.")
    const result = parsed.result
    if (!isObject(result)) return reject("missing_result", "The callback body has no `result` object.")
    // Older bank revisions put the signature inside `result`; accept it there as well.
    const signature = typeof parsed.signature === "string" ? parsed.signature : result.signature
    if (typeof signature !== "string" || signature === "") {
      return reject("missing_signature", "The callback body has no `signature`.")
    }
    const text = canonicalCallbackString(result, signatureKey)
    if (typeof text !== "string") {
      return reject("unsignable_result", `The field result.${text.field} ${text.problem}.`)
    }
    const digest = sha256Base64(text)
    // Awaiting only a real promise: on Node the digest is synchronous, and an await would cost a
    // microtask hop per callback for nothing.
    const expected = typeof digest === "string" ? digest : await digest
    if (!timingSafeEqualStrings(expected, signature)) {
      return reject(
        "signature_mismatch",
        "The signature does not match: check the Signature Key of this project."
      )
    }
    const notification = toNotification(result)
    if (typeof notification === "string")
      return reject("malformed_notification", `Signed, but ${notification}.`)
    return { valid: true, notification }
  } catch (error) {
    // Only exotic inputs reach this (a getter that throws, a Proxy): still an answer, not a crash.
    return reject("malformed_body", `The callback body could not be read: ${String(error)}`)
  }
}
