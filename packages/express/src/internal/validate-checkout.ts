import { validationError } from "../errors/mia-http-error.js"
import type { MiaRequest } from "../http-types.js"

/** Validates the `orderId` path parameter. */
export const validateOrderId = (orderId: string): string => {
  if (orderId.trim() === "") throw validationError("orderId", "orderId must not be empty")
  if (orderId.length > 100) throw validationError("orderId", "orderId must be at most 100 characters")
  return orderId
}

/** The `Idempotency-Key` request header, if one was sent (the service validates it). */
export const idempotencyKeyOf = (req: MiaRequest): string | undefined => {
  const value = req.headers["idempotency-key"]
  return Array.isArray(value) ? value[0] : value
}

/** Checks the router's own options once, at start-up, so a typo fails fast with the option's name. */
export const validateRouterOptions = (options: { readonly keepAliveMs?: number | undefined }): void => {
  if (
    options.keepAliveMs !== undefined &&
    !(Number.isFinite(options.keepAliveMs) && options.keepAliveMs >= 10)
  ) {
    throw new TypeError("miaCheckout: keepAliveMs must be at least 10")
  }
}
