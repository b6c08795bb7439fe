/**
 * One request or answer, as a `logger` receives it. Secrets and payer data never appear: headers
 * are not logged, and body fields that may hold them are replaced by `"[redacted]"`.
 *
 * @example
 * import { createMiaQrClient, type MiaLogEvent } from "@mia-sdk/core"
 *
 * const mia = createMiaQrClient({
 *   clientId: "…",
 *   clientSecret: "…",
 *   logger: (event: MiaLogEvent) => console.log(event.type, event.operation, event.status ?? "")
 * })
 */
export interface MiaLogEvent {
  readonly type: "request" | "response" | "error"
  /** The SDK operation, e.g. `getQr`. */
  readonly operation: string
  readonly method: string
  /** Path and query, without the host. */
  readonly path: string
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number
  /** HTTP status of a response. An answer the SDK then rejects (4xx, malformed) is a `response` event. */
  readonly status?: number | undefined
  /** Milliseconds from sending to the answer or failure. */
  readonly durationMs?: number | undefined
  /** The request body or the answer's body, redacted. */
  readonly body?: unknown
  /** `_tag` and message of the failure, on `error` events (no answer: network, timeout, abort). */
  readonly error?: { readonly tag: string; readonly message: string } | undefined
}

/**
 * Receives the SDK's request and answer events. It must not throw (a throwing logger is ignored)
 * and should return quickly: it runs on the request path.
 *
 * @example
 * const logger: MiaLogger = (event) => {
 *   if (event.type === "error") console.warn(event.operation, event.error?.message)
 * }
 */
export type MiaLogger = (event: MiaLogEvent) => void

// Keys whose values are credentials or say who the payer is. Matched case-insensitively.
const REDACTED_KEYS = new Set([
  "clientsecret",
  "clientid",
  "accesstoken",
  "refreshtoken",
  "token",
  "password",
  "otp",
  "signature",
  "signaturekey",
  "payername",
  "payeriban",
  "payeraccount",
  "payerphone",
  "payeralias",
  "alias",
  "phone",
  "phonenumber",
  "iban",
  "name",
  "fullname",
  "email"
])

/** A copy of `value` with every redacted key's value replaced; cycles and depth are bounded. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 8 || value === null || typeof value !== "object") return value
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = REDACTED_KEYS.has(key.toLowerCase()) ? "[redacted]" : redact(item, depth + 1)
  }
  return out
}

/** Calls the logger, ignoring its failures: logging must never break a payment. */
export const emit = (logger: MiaLogger | undefined, event: MiaLogEvent): void => {
  if (logger === undefined) return
  try {
    logger(event)
  } catch {
    // A broken logger is the shop's bug; the payment goes on.
  }
}
