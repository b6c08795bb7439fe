"use client"

import { MiaProvider, MiaQrCode, useCheckout } from "@mia-sdk/react"

export function Checkout({ orderId }: { orderId: string }) {
  return (
    <MiaProvider apiBase="/api/mia">
      <Pay orderId={orderId} />
    </MiaProvider>
  )
}

function Pay({ orderId }: { orderId: string }) {
  const { phase, qrUrl, secondsLeft, session, error, retry } = useCheckout(orderId)
  return (
    <section data-testid="mia-checkout" data-phase={phase} aria-live="polite">
      {(phase === "idle" || phase === "creating") && <p>Preparing your QR code…</p>}
      {phase === "awaiting_payment" && qrUrl !== undefined && (
        <figure>
          <MiaQrCode
            value={qrUrl}
            size={240}
            label={`Scan with your banking app to pay ${session?.amount.toFixed(2)} MDL`}
          />
          <figcaption>
            Scan with your banking app. Expires in {Math.floor((secondsLeft ?? 0) / 60)}:
            {String((secondsLeft ?? 0) % 60).padStart(2, "0")}
          </figcaption>
        </figure>
      )}
      {phase === "paid" && <p>Thank you, your payment arrived.</p>}
      {phase === "expired" && (
        <button type="button" onClick={retry}>
          The QR expired: get a new one
        </button>
      )}
      {(phase === "cancelled" || phase === "refunded") && <p>This order is {phase}.</p>}
      {phase === "error" && (
        <p role="alert">
          {error?.message}{" "}
          {error?.retryable === true && (
            <button type="button" onClick={retry}>
              Try again
            </button>
          )}
        </p>
      )}
    </section>
  )
}
