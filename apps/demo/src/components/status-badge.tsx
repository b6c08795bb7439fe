import type { OrderStatus } from "@mia-sdk/core/wire"
import { statusLook } from "../format.js"

/**
 * A coloured pill for an order status; `data-status` carries the raw value for tests.
 * @example
 * <StatusBadge status="processing" />
 */
export const StatusBadge = ({ status }: { status: OrderStatus | string }) => {
  const { label, tone } = statusLook(status)
  return (
    <span className={`badge ${tone}`} data-status={status}>
      {label}
    </span>
  )
}
