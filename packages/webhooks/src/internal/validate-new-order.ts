import { MiaOrderError } from "../errors.js"
import { parseAmount } from "@mia-sdk/core/money"
import type { NewOrder } from "../order.js"

/** A validated {@link NewOrder}, with the amount in bani and the defaults filled in. */
export interface ValidNewOrder {
  readonly orderId: string
  readonly amountMinor: number
  readonly currency: string
  readonly description: string
  readonly virtual: boolean
}

const invalid = (field: string, message: string): MiaOrderError =>
  new MiaOrderError("invalid_order", `${field} ${message}`, { field })

/** Validates what a merchant passes to `createOrder`, naming the field to fix. */
export const validateNewOrder = (input: NewOrder): ValidNewOrder => {
  if (typeof input !== "object" || input === null) throw invalid("order", "must be an object")
  const { orderId, amount, currency = "MDL", description, virtual = false } = input
  if (typeof orderId !== "string" || orderId.trim() === "")
    throw invalid("orderId", "must be a non-empty string")
  if (orderId.length > 100) throw invalid("orderId", "must be at most 100 characters (the MIA orderId limit)")
  const parsed = parseAmount(amount, { from: ["number"] })
  if (!parsed.ok) throw new MiaOrderError("invalid_order", parsed.message, { field: "amount" })
  const amountMinor = parsed.minor
  if (typeof currency !== "string" || currency.toUpperCase() !== "MDL") {
    throw invalid("currency", "must be MDL, the only currency of MIA payments")
  }
  const text = description ?? `Order ${orderId}`
  if (typeof text !== "string" || text.trim() === "")
    throw invalid("description", "must be a non-empty string")
  if (text.length > 500) throw invalid("description", "must be at most 500 characters (the MIA QR limit)")
  if (typeof virtual !== "boolean") throw invalid("virtual", "must be a boolean")
  return {
    orderId,
    amountMinor,
    currency: currency.toUpperCase(),
    description: text,
    virtual
  }
}
