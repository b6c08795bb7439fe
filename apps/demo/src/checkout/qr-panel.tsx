import { MiaQrCode, type UseCheckoutResult } from "@mia-sdk/react"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"
import { formatCountdown } from "../format.js"
import { Link } from "../router.js"

/**
 * Paying by MIA QR: the code to scan, the countdown to its expiry, and the states around it
 * (preparing, paid, expired, failed, cancelled or refunded). One payment option of the checkout
 * page; another option is a sibling panel fed by the same `useCheckout` result.
 * @example
 * <QrPanel orderId="1001" checkout={useCheckout("1001")} />
 */
export const QrPanel = ({ orderId, checkout }: { orderId: string; checkout: UseCheckoutResult }) => {
  const info = useDemoInfo()
  const { phase, qrUrl, secondsLeft, session, order, error, retry } = checkout
  const qrId = session?.qrId ?? order?.qrId

  if (phase === "paid") {
    return (
      <div className="paid-banner" data-testid="paid-banner">
        <div className="tick">✓</div>
        <h2>Payment received</h2>
        <p className="muted">Thank you! Your coffee is on its way.</p>
      </div>
    )
  }
  if (qrUrl !== undefined) {
    return (
      <>
        <div className="qr-box" data-testid="qr">
          <MiaQrCode value={qrUrl} title={`MIA QR for order ${orderId}`} />
        </div>
        <div className="row">
          <span className="muted">Expires in</span>
          <span className="spacer" />
          <span className="countdown" data-testid="countdown">
            {secondsLeft === undefined ? "–" : formatCountdown(secondsLeft)}
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
    )
  }
  if (phase === "expired") {
    return (
      <div className="stack center">
        <h2>The QR expired</h2>
        <button type="button" className="btn" onClick={retry}>
          Get a new QR
        </button>
      </div>
    )
  }
  if (phase === "error") {
    return (
      <div className="stack">
        <ErrorNote error={error ?? { status: 0 }} context={{ not_found: "There is no such order." }} />
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      </div>
    )
  }
  if (phase === "cancelled" || phase === "refunded") {
    return (
      <div className="stack center">
        <h2>{phase === "refunded" ? "This order was refunded" : "This order was cancelled"}</h2>
      </div>
    )
  }
  return <p className="muted center">Preparing your QR…</p>
}
