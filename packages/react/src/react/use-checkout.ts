import { type CheckoutSnapshot, createCheckoutStore } from "../store/checkout-store.js"
import { useMiaClient } from "./provider.js"
import { useStore } from "../internal/use-store.js"

/**
 * What {@link useCheckout} returns: the {@link CheckoutSnapshot} and `retry`.
 * @example
 * const { phase, qrUrl, secondsLeft, retry }: UseCheckoutResult = useCheckout("1001")
 */
export interface UseCheckoutResult extends CheckoutSnapshot {
  /** After `expired` or `error`: requests a fresh QR. */
  readonly retry: () => void
}

/**
 * Shows the order's MIA QR: creates or reuses it through your `miaCheckout` router, counts down
 * to its expiry and follows the payment live (server-sent events, polling as a fallback) until a
 * final status. Without an `orderId` (not created yet) it waits in `idle`. Everything stops on unmount.
 * @example
 * import { MiaQrCode, useCheckout } from "@mia-sdk/react"
 * function Pay({ orderId }: { orderId: string }) {
 *   const { phase, qrUrl, secondsLeft, error, retry } = useCheckout(orderId)
 *   if (phase === "paid") return <p>Thank you!</p>
 *   if (phase === "expired" || phase === "error") return <button onClick={retry}>{error?.message ?? "New QR"}</button>
 *   return qrUrl ? <><MiaQrCode value={qrUrl} /><p>{secondsLeft}s left</p></> : <p>Preparing…</p>
 * }
 */
export const useCheckout = (orderId: string | null | undefined): UseCheckoutResult => {
  const client = useMiaClient("useCheckout")
  const [snapshot, store] = useStore(
    () => createCheckoutStore({ client, orderId: orderId ?? "" }),
    [client, orderId],
    Boolean(orderId)
  )
  return { ...snapshot, retry: store.retry }
}
