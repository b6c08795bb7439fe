import { useCheckout } from "@mia-sdk/react"
import { useEffect, useState } from "react"
import type { CreatedOrder } from "../../shared/types.js"
import { api } from "../api.js"
import { OrderSummary } from "../checkout/order-summary.js"
import { PhoneNumberPanel } from "../checkout/phone-number-panel.js"
import { QrPanel } from "../checkout/qr-panel.js"
import { Link } from "../router.js"

/**
 * Checkout of one order: the payment options (the MIA QR with a countdown to its expiry, and a
 * payment request to the shopper's phone number) beside the order summary with its status, live.
 * @example
 * <CheckoutPage orderId="1001" />
 */
export const CheckoutPage = ({ orderId }: { orderId: string }) => {
  const checkout = useCheckout(orderId)
  const [summary, setSummary] = useState<CreatedOrder>()
  useEffect(() => {
    api.get<CreatedOrder>(`/api/shop/orders/${encodeURIComponent(orderId)}`).then(setSummary, () => undefined)
  }, [orderId])

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Pay for order #{orderId}</h1>
          <p>{summary?.description ?? "Scan the QR with your banking app."}</p>
        </div>
        <Link href="/" className="btn secondary">
          Back to the shop
        </Link>
      </div>
      <div className="checkout">
        <div className="stack">
          <section className="card stack" aria-label="MIA QR">
            <QrPanel orderId={orderId} checkout={checkout} />
          </section>
          {checkout.phase !== "paid" && (
            <section className="card stack" aria-label="Pay by phone number">
              <h2>Or pay by phone number</h2>
              <PhoneNumberPanel orderId={orderId} />
            </section>
          )}
        </div>
        <OrderSummary orderId={orderId} checkout={checkout} summary={summary} />
      </div>
    </main>
  )
}
