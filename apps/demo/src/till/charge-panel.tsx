import { fromMinorUnits } from "@mia-sdk/core/money"
import { MiaQrCode, type UseChargeResult } from "@mia-sdk/react"
import { useState } from "react"
import { readAmountInput } from "../amount-input.js"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"
import { formatCountdown, formatMinor, formatMoney } from "../format.js"
import { Link } from "../router.js"
import { KEYS, pressKey } from "./amount-keys.js"

const AwaitingPayment = ({ till }: { till: UseChargeResult }) => {
  const info = useDemoInfo()
  const { charge, qrUrl, secondsLeft, cancel } = till
  if (charge === undefined || qrUrl === undefined) return null
  const amount = formatMoney(charge.amount, charge.currency)
  return (
    <section className="card stack center" data-testid="charge-qr">
      <h2>{amount}</h2>
      <p className="muted">Show this QR to the customer</p>
      <div className="qr-box">
        <MiaQrCode value={qrUrl} title={`MIA QR for ${amount}`} />
      </div>
      <div className="row centered">
        <span className="badge info" data-testid="charge-state" data-state={charge.state}>
          Waiting for payment
        </span>
        {secondsLeft !== undefined && (
          <span className="countdown" data-testid="charge-countdown">
            {formatCountdown(secondsLeft)}
          </span>
        )}
      </div>
      {info.phone && (
        <Link
          href={`/phone?qrId=${encodeURIComponent(charge.chargeId)}`}
          className="btn secondary"
          data-testid="charge-open-phone"
          target="_blank"
        >
          Open on the simulated phone
        </Link>
      )}
      <button type="button" className="btn secondary" onClick={() => void cancel()}>
        Cancel this QR
      </button>
    </section>
  )
}

/**
 * The till's amount: typed or tapped on the keypad, in lei with `,` or `.`. An amount that can't be
 * charged stays as typed, with the reason under it, and the Charge button stays disabled.
 */
const NewCharge = ({ till }: { till: UseChargeResult }) => {
  const [amount, setAmount] = useState("")
  const reading = readAmountInput(amount)
  // An empty field is not a mistake yet: the button just waits for an amount.
  const problem = amount.trim() !== "" && !reading.ok ? reading.message : undefined
  const creating = till.phase === "creating"
  return (
    <section className="card stack" aria-label="Charge">
      <h2>New payment</h2>
      <input
        className="display"
        name="amount"
        aria-label="Amount in MDL"
        inputMode="decimal"
        autoComplete="off"
        placeholder="0,00"
        value={amount}
        aria-invalid={problem !== undefined}
        aria-describedby="charge-amount-note"
        onChange={(e) => setAmount(e.target.value)}
      />
      {problem !== undefined && (
        <div id="charge-amount-note" className="field-error" role="alert" data-testid="amount-error">
          {problem}
        </div>
      )}
      <div className="keypad">
        {KEYS.map((key) => (
          <button
            type="button"
            key={key}
            aria-label={key === "⌫" ? "Delete the last character" : undefined}
            onClick={() => setAmount((current) => pressKey(current, key))}
          >
            {key}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn big block"
        disabled={!reading.ok || creating}
        onClick={() => {
          if (reading.ok) void till.create(fromMinorUnits(reading.minor))
        }}
      >
        {creating ? "Creating QR…" : reading.ok ? `Charge ${formatMinor(reading.minor)}` : "Charge"}
      </button>
      <ErrorNote error={till.error} testId="charge-error" />
    </section>
  )
}

/**
 * Takes a payment: the amount, then the QR with its countdown until the customer pays (or it
 * expires, or the cashier cancels it), then "Next customer". The charge itself lives in the shift
 * panel, which needs to know whether a QR is still open before the shift is closed.
 * @example
 * const till = useCharge()
 * <ChargePanel till={till} />
 */
export const ChargePanel = ({ till }: { till: UseChargeResult }) => {
  const { phase, charge, reset } = till
  if (phase === "awaiting_payment" && till.qrUrl !== undefined && charge !== undefined)
    return <AwaitingPayment till={till} />
  if (phase === "paid" || phase === "expired" || phase === "cancelled") {
    return (
      <section className="card stack center" data-testid="charge-result" data-phase={phase}>
        {phase === "paid" ? (
          <div className="paid-banner">
            <div className="tick">✓</div>
            <h2>Paid {charge !== undefined && formatMoney(charge.amount, charge.currency)}</h2>
          </div>
        ) : (
          <h2>{phase === "expired" ? "The QR expired unpaid" : "The QR was cancelled"}</h2>
        )}
        <button type="button" className="btn big" onClick={reset}>
          Next customer
        </button>
      </section>
    )
  }
  return <NewCharge till={till} />
}
