import { fromMinorUnits } from "@mia-sdk/core/money"
import type { Order } from "../order.js"

/**
 * What every payment request the shop makes for an order carries, QR or request to pay alike:
 * the stored amount and description (never the browser's), the order id, the expiry and the
 * URLs. One place, so both ways of paying ask the bank for the same thing.
 */
export const paymentTerms = (
  order: Order,
  context: {
    readonly now: () => number
    readonly validityMs: number
    readonly callbackUrl: string
    readonly redirectUrl: string | undefined
  }
) => ({
  amount: fromMinorUnits(order.amountMinor),
  currency: "MDL" as const,
  description: order.description,
  orderId: order.orderId,
  expiresAt: new Date(context.now() + context.validityMs).toISOString(),
  callbackUrl: context.callbackUrl,
  ...(context.redirectUrl === undefined ? {} : { redirectUrl: context.redirectUrl })
})

/** The bank's expiry when it gave a readable one, else the one asked for (both ISO 8601 UTC). */
export const bankExpiry = (answered: string | undefined, asked: string): string => {
  const at = answered === undefined ? Number.NaN : Date.parse(answered)
  return Number.isNaN(at) ? asked : new Date(at).toISOString()
}
