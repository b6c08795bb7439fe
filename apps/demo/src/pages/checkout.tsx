import { MiaQrCode, useCheckout } from "@mia-sdk/react"
import { useEffect, useState } from "react"
import type { CreatedOrder } from "../../shared/types.js"
import { api } from "../api.js"
import { StatusBadge } from "../components/status-badge.js"
import { useDemoInfo } from "../demo-info.js"
import { formatMoney } from "../format.js"
import { Link } from "../router.js"

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`

/**
 * Checkout of one order: the MIA QR, a countdown to its expiry and the payment status, live.
 * @example
 * <CheckoutPage orderId="1001" />
 */
export const CheckoutPage = ({ orderId }: { orderId: string }) => {
  const info = useDemoInfo()
  const checkout = useCheckout(orderId)
  const [summary, setSummary] = useState<CreatedOrder>()
  useEffect(() => {
    api.get<CreatedOrder>(`/api/shop/orders/${encodeURIComponent(orderId)}`).then(setSummary, () => undefined)
  }, [orderId])

  const { phase, qrUrl, secondsLeft, session, order, status, transport, error, retry } = checkout
  const amount = order?.amount ?? session?.amount ?? summary?.amount
  const qrId = session?.qrId ?? order?.qrId
  const final = phase === "paid" || phase === "cancelled" || phase === "refunded"

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
        <section className="card stack" aria-label="MIA QR">
          {phase === "paid" ? (
            <div className="paid-banner" data-testid="paid-banner">
              <div className="tick">✓</div>
              <h2>Payment received</h2>
              <p className="muted">Thank you! Your coffee is on its way.</p>
            </div>
          ) : qrUrl !== undefined ? (
            <>
              <div className="qr-box" data-testid="qr">
                <MiaQrCode value={qrUrl} title={`MIA QR for order ${orderId}`} />
              </div>
              <div className="row">
                <span className="muted">Expires in</span>
                <span className="spacer" />
                <span className="countdown" data-testid="countdown">
                  {secondsLeft === undefined ? "–" : clock(secondsLeft)}
                </span>
              </div>
              {info.phone && qrId !== undefined && (
                <Link
                  href={`/phone?qrId=${encodeURIComponent(qrId)}`}
                  className="btn secondary block"
                  data-testid="open-phone"
                  target="_blank"
                >
                  Open on the simulated phone
                </Link>
              )}
            </>
          ) : phase === "expired" ? (
            <div className="stack center">
              <h2>The QR expired</h2>
              <button type="button" className="btn" onClick={retry}>
                Get a new QR
              </button>
            </div>
          ) : phase === "error" ? (
            <div className="stack">
              <div className="alert">{error?.message ?? "The checkout failed."}</div>
              <button type="button" className="btn" onClick={retry}>
                Try again
              </button>
            </div>
          ) : phase === "cancelled" || phase === "refunded" ? (
            <div className="stack center">
              <h2>{phase === "refunded" ? "This order was refunded" : "This order was cancelled"}</h2>
            </div>
          ) : (
            <p className="muted center">Preparing your QR…</p>
          )}
        </section>
        <section className="card stack" aria-label="Order">
          <h2>Order summary</h2>
          <dl className="kv">
            <dt>Order</dt>
            <dd>#{orderId}</dd>
            <dt>Amount</dt>
            <dd data-testid="amount">{amount === undefined ? "–" : formatMoney(amount)}</dd>
            <dt>Status</dt>
            <dd data-testid="order-status">{status === undefined ? "–" : <StatusBadge status={status} />}</dd>
            {qrId !== undefined && (
              <>
                <dt>QR id</dt>
                <dd className="mono" data-testid="qr-id">
                  {qrId}
                </dd>
              </>
            )}
            {order?.payId !== undefined && (
              <>
                <dt>Payment</dt>
                <dd className="mono">{order.payId}</dd>
              </>
            )}
            <dt>Live updates</dt>
            <dd>
              {transport === "sse"
                ? "server-sent events"
                : transport === "polling"
                  ? "polling"
                  : final
                    ? "done: the status is final"
                    : "connecting…"}
            </dd>
          </dl>
          {error !== undefined && phase !== "error" && (
            <div className="alert">Reconnecting: {error.message}</div>
          )}
          {!final && (
            <ol className="muted small">
              <li>Open your banking app and choose “Pay with MIA QR”.</li>
              <li>Scan the code and confirm the amount.</li>
              <li>This page turns green the moment the bank tells us, no reload needed.</li>
            </ol>
          )}
          <Link href="/admin" className="small">
            See the order in the admin
          </Link>
        </section>
      </div>
    </main>
  )
}
