import { createPaymentStatusStore, type PaymentStatusSnapshot } from "../store/payment-status-store.js"
import { useMiaClient } from "./provider.js"
import { useStore } from "../internal/use-store.js"

/**
 * What {@link usePaymentStatus} returns: the {@link PaymentStatusSnapshot} and `retry`.
 * @example
 * const { phase, status, order, retry }: UsePaymentStatusResult = usePaymentStatus("1001")
 */
export interface UsePaymentStatusResult extends PaymentStatusSnapshot {
  /** After `error`: starts following again. */
  readonly retry: () => void
}

/**
 * Follows an order's payment status live (server-sent events, polling as a fallback) without
 * creating a QR, e.g. on an order confirmation page. Stops at a final status and on unmount.
 * Without an `orderId` it stays in `loading` and starts nothing.
 * @example
 * import { usePaymentStatus } from "@mia-sdk/react"
 * function OrderBadge({ orderId }: { orderId: string }) {
 *   const { phase, status } = usePaymentStatus(orderId)
 *   return <span>{phase === "loading" ? "…" : status}</span>
 * }
 */
export const usePaymentStatus = (orderId: string | null | undefined): UsePaymentStatusResult => {
  const client = useMiaClient("usePaymentStatus")
  const [snapshot, store] = useStore(
    () => createPaymentStatusStore({ client, orderId: orderId ?? "" }),
    [client, orderId],
    Boolean(orderId)
  )
  return { ...snapshot, retry: store.retry }
}
