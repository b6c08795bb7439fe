import { amountProblem, toMinorUnits } from "@mia-sdk/webhooks"
import { validationError } from "../errors/mia-http-error.js"
import type { MiaCheckoutOptions } from "../checkout/options.js"

/** A refund request after validation: the amount in bani when one was given. */
export interface ValidRefundRequest {
  readonly amountMinor: number | undefined
  readonly reason: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Validates `POST /orders/:orderId/refunds`, naming the field to fix. */
export const validateRefundBody = (body: unknown): ValidRefundRequest => {
  if (!isObject(body))
    throw validationError("body", 'The body must be a JSON object such as {"reason": "Returned"}')
  const { amount, reason } = body
  if (typeof reason !== "string" || reason.trim() === "") {
    throw validationError("reason", "reason is required: a non-empty string saying why the money is returned")
  }
  if (reason.length > 500) throw validationError("reason", "reason must be at most 500 characters")
  if (amount === undefined || amount === null) return { amountMinor: undefined, reason: reason.trim() }
  const problem = amountProblem(amount)
  const amountMinor = typeof amount === "number" ? toMinorUnits(amount) : undefined
  if (problem !== undefined || amountMinor === undefined) {
    throw validationError("amount", `amount ${problem ?? "must be a number"}`)
  }
  return { amountMinor, reason: reason.trim() }
}

/** Validates the `orderId` path parameter. */
export const validateOrderId = (orderId: string): string => {
  if (orderId.trim() === "") throw validationError("orderId", "orderId must not be empty")
  if (orderId.length > 100) throw validationError("orderId", "orderId must be at most 100 characters")
  return orderId
}

/** Checks the router options once, at start-up, so a typo fails fast with the option's name. */
export const validateCheckoutOptions = (options: MiaCheckoutOptions): void => {
  const fail = (message: string) => {
    throw new TypeError(`miaCheckout: ${message}`)
  }
  if (typeof options !== "object" || options === null) fail("options are required")
  if (typeof options.store?.getOrder !== "function")
    fail("store is required (an OrderStore from @mia-sdk/webhooks)")
  if (typeof options.client?.createQr !== "function")
    fail("client is required (createMiaQrClient from @mia-sdk/core)")
  if (typeof options.callbackUrl !== "string" || !URL.canParse(options.callbackUrl)) {
    fail("callbackUrl must be an absolute URL such as https://shop.md/mia/callback")
  }
  const validity = options.qrValidityMinutes
  if (validity !== undefined && !(Number.isFinite(validity) && validity >= 1 && validity <= 60 * 24 * 60)) {
    fail("qrValidityMinutes must be between 1 and 86400 (60 days)")
  }
  const fraction = options.reuseMinRemainingFraction
  if (fraction !== undefined && !(Number.isFinite(fraction) && fraction >= 0 && fraction <= 1)) {
    fail("reuseMinRemainingFraction must be between 0 and 1")
  }
  if (
    options.keepAliveMs !== undefined &&
    !(Number.isFinite(options.keepAliveMs) && options.keepAliveMs >= 10)
  ) {
    fail("keepAliveMs must be at least 10")
  }
}
