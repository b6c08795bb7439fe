import { canonicalCallbackString } from "./canonical-string.js"
import { sha256Base64 } from "#sha256"

/**
 * Computes the Base64 signature maib puts on a callback `result`. For tests, mocks
 * and the sandbox: merchants verify with {@link verifyMiaCallback}.
 *
 * @throws TypeError when a field of `result` is nested (MIA callbacks are flat) or not a number where one is needed.
 * @example
 * import { signMiaCallback } from "@mia-sdk/core/callback"
 *
 * const result = { qrId: "q", payId: "p", amount: 10, currency: "MDL", qrStatus: "Paid" }
 * const body = { result, signature: await signMiaCallback(result, "my-signature-key") }
 */
export const signMiaCallback = async (
  result: Readonly<Record<string, unknown>>,
  signatureKey: string
): Promise<string> => {
  const text = canonicalCallbackString(result, signatureKey)
  if (typeof text !== "string")
    throw new TypeError(`Cannot sign result: field ${text.field} ${text.problem}.`)
  return sha256Base64(text)
}
