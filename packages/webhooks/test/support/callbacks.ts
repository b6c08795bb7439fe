import { signMiaCallback } from "@mia-sdk/core"
import type { Order } from "../../src/index.js"
import { uniqueId } from "./orders.js"

export const SIGNATURE_KEY = "8508706b-3454-4733-8295-56e617c4abcf"

/** The `result` of a callback paying `order` in full, as maib sends it (spec §6.1). */
export const callbackResult = (
  order: Order,
  overrides: Record<string, unknown> = {}
): Record<string, unknown> => ({
  qrId: order.qrId,
  extensionId: null,
  qrStatus: "Paid",
  payId: uniqueId("pay"),
  referenceId: "MIA0001234567",
  orderId: order.orderId,
  amount: order.amountMinor / 100,
  commission: 0.1,
  currency: "MDL",
  payerName: "TEST QR PAYMENT",
  payerIban: "MD88AG000000011621810140",
  executedAt: "2026-11-21T10:05:00.81145+00:00",
  terminalId: null,
  ...overrides
})

/** A correctly signed callback body, as a JSON string. */
export const signedBody = async (result: Record<string, unknown>, key = SIGNATURE_KEY): Promise<string> =>
  JSON.stringify({ result, signature: await signMiaCallback(result, key) })
