import { createRtpStore, type RtpSnapshot } from "../store/rtp-store.js"
import { useStore } from "../internal/use-store.js"
import { useMiaClient } from "./provider.js"

/**
 * What {@link useRtpPayment} returns: the {@link RtpSnapshot} and `request`.
 * @example
 * const { phase, rtp, secondsLeft, request }: UseRtpPaymentResult = useRtpPayment("1001")
 */
export interface UseRtpPaymentResult extends RtpSnapshot {
  /** Sends the payment request to the payer's number (`373` + 8 digits). */
  readonly request: (alias: string) => Promise<void>
}

/**
 * "Pay by phone number": sends the order's amount as a payment request to the payer's banking
 * app through your checkout routes (`POST /orders/:orderId/rtp`), then follows the order live
 * (server-sent events, polling as a fallback) until the payer accepts, declines or lets it expire.
 * Paying by QR meanwhile shows as `paid` too. Everything stops on unmount.
 * @example
 * import { useRtpPayment } from "@mia-sdk/react/rtp"
 * function PayByPhone({ orderId }: { orderId: string }) {
 *   const { phase, rtp, secondsLeft, error, request } = useRtpPayment(orderId)
 *   if (phase === "paid") return <p>Thank you!</p>
 *   if (phase === "awaiting_payment") return <p>Accept the request sent to {rtp?.alias} in your banking app ({secondsLeft}s)</p>
 *   return (
 *     <form onSubmit={(event) => { event.preventDefault(); void request(new FormData(event.currentTarget).get("phone") as string) }}>
 *       <input name="phone" placeholder="37369112221" />
 *       <button disabled={phase === "sending"}>{phase === "declined" ? "Send again" : "Send request"}</button>
 *       {error ? <p role="alert">{error.message}</p> : null}
 *     </form>
 *   )
 * }
 */
export const useRtpPayment = (orderId: string | null | undefined): UseRtpPaymentResult => {
  const client = useMiaClient("useRtpPayment")
  const [snapshot, store] = useStore(
    () => createRtpStore({ client, orderId: orderId ?? "" }),
    [client, orderId],
    Boolean(orderId)
  )
  return { ...snapshot, request: store.request }
}
