import type { UseChargeResult, UsePosShiftResult } from "@mia-sdk/react"
import { useEffect, useState } from "react"
import { ConfirmBox } from "../components/confirm-box.js"
import { formatMoney } from "../format.js"

/** A QR the customer may still pay (or one being created): closing the shift would strand it. */
const openQr = (till: UseChargeResult) => till.phase === "creating" || till.phase === "awaiting_payment"

/**
 * The "Close shift" button. With a QR still open it first asks: closing the shift under an unpaid
 * QR leaves the customer with a code the till no longer follows, so the cashier either keeps the
 * shift open or cancels the QR and closes. Without an open QR it closes at once.
 * @example
 * <CloseShift shift={shift} till={till} />
 */
export const CloseShift = ({ shift, till }: { shift: UsePosShiftResult; till: UseChargeResult }) => {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const qrOpen = openQr(till)
  // Paid or expired while the question was on screen: nothing is left to warn about.
  useEffect(() => {
    if (!qrOpen) setAsking(false)
  }, [qrOpen])

  const cancelAndClose = async () => {
    setBusy(true)
    try {
      const cancelled = await till.cancel()
      // The cancel failed (its error shows on the charge): the QR may still be payable, so stay open.
      if (cancelled === undefined) return
      await shift.close()
    } finally {
      setBusy(false)
      setAsking(false)
    }
  }

  if (asking && qrOpen) {
    const amount =
      till.charge === undefined ? "" : ` for ${formatMoney(till.charge.amount, till.charge.currency)}`
    return (
      <ConfirmBox
        testId="close-shift-warning"
        confirmLabel="Cancel the QR and close the shift"
        cancelLabel="Keep the shift open"
        busy={busy || shift.pending !== undefined}
        busyLabel="Closing…"
        onConfirm={() => void cancelAndClose()}
        onCancel={() => setAsking(false)}
      >
        <strong>A QR{amount} is still waiting for payment.</strong> Closing the shift now cancels it: the
        customer can no longer pay it, and it is left out of the Z-report.
      </ConfirmBox>
    )
  }
  return (
    <button
      type="button"
      className="btn danger"
      disabled={shift.pending !== undefined}
      onClick={() => (qrOpen ? setAsking(true) : void shift.close())}
    >
      {shift.pending === "closeShift" ? "Closing…" : "Close shift"}
    </button>
  )
}
