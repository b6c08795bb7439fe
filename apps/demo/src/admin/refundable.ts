import { toMinorUnits } from "@mia-sdk/core/money"
import type { AdminOrder } from "../../shared/types.js"

/**
 * What is left to refund, in bani: exact, so 0.1 + 0.2 never leaves a ban behind.
 * @example
 * refundableMinor(detail) // 61400
 */
export const refundableMinor = (detail: AdminOrder) =>
  (toMinorUnits(detail.order.paidAmount) ?? 0) - (toMinorUnits(detail.order.refundedAmount) ?? 0)
