import { type ChargeSnapshot, type ChargeStore, createChargeStore } from "../store/charge-store.js"
import { useMiaClient } from "./provider.js"
import { useStore } from "../internal/use-store.js"

/**
 * What {@link useCharge} returns: the {@link ChargeSnapshot} and `create`, `cancel`, `reset`.
 * @example
 * const { phase, qrUrl, create, cancel, reset }: UseChargeResult = useCharge()
 */
export type UseChargeResult = ChargeSnapshot & Pick<ChargeStore, "create" | "cancel" | "reset">

/**
 * Takes a payment on the cashier screen: `create(amount)` makes a dynamic QR through your
 * `miaPos` router, then the hook polls it (with backoff) until paid, expired or cancelled, with
 * a countdown. One charge at a time; everything stops on unmount.
 * @example
 * import { MiaQrCode, useCharge } from "@mia-sdk/react"
 * function Till({ total }: { total: number }) {
 *   const { phase, qrUrl, secondsLeft, error, create, cancel, reset } = useCharge()
 *   if (phase === "awaiting_payment" && qrUrl)
 *     return <><MiaQrCode value={qrUrl} /><p>{secondsLeft}s</p><button onClick={() => cancel()}>Cancel</button></>
 *   if (phase === "paid") return <button onClick={reset}>Paid: next customer</button>
 *   return <><button onClick={() => create(total)}>Charge {total} MDL</button>{error && <p>{error.message}</p>}</>
 * }
 */
export const useCharge = (): UseChargeResult => {
  const client = useMiaClient("useCharge")
  const [snapshot, store] = useStore(() => createChargeStore({ client }), [client])
  return { ...snapshot, create: store.create, cancel: store.cancel, reset: store.reset }
}
