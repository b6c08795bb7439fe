import { usePosSession } from "@mia-sdk/react"
import { type FormEvent, useState } from "react"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"
import { SmsInbox } from "./sms-inbox.js"

/**
 * Step 1 of the till: bind this screen to the bank's terminal with the one-time code the bank
 * texts to the terminal owner.
 * @example
 * {step === "activate" && <ActivationPanel />}
 */
export const ActivationPanel = () => {
  const info = useDemoInfo()
  const { session, pending, error, startActivation, confirmActivation, resendOtp } = usePosSession()
  const [otp, setOtp] = useState("")
  const waiting = session?.activation !== undefined
  const confirm = (event: FormEvent) => {
    event.preventDefault()
    void confirmActivation(otp.trim())
  }

  return (
    <div className="split split-aside-narrow">
      <section className="card stack">
        <h2>Activate this terminal</h2>
        <p className="muted">
          Binds this cashier screen to the bank's terminal. The bank texts a one-time code to the phone
          registered for the terminal.
        </p>
        {info.posDefaults !== undefined && (
          <dl className="kv">
            <dt>Terminal</dt>
            <dd className="mono">{info.posDefaults.terminalId}</dd>
            <dt>Merchant IDNO</dt>
            <dd className="mono">{info.posDefaults.merchantIdno}</dd>
          </dl>
        )}
        {!waiting ? (
          <button
            type="button"
            className="btn"
            disabled={pending !== undefined}
            onClick={() => void startActivation()}
          >
            {pending === "startActivation" ? "Sending…" : "Send activation code"}
          </button>
        ) : (
          <form className="stack" onSubmit={confirm}>
            <div className="alert info">
              Code sent to {session?.activation?.maskedPhoneNumber ?? "the terminal owner's phone"}
              {session?.activation?.leftAttempts !== undefined &&
                ` · ${session.activation.leftAttempts} attempt(s) left`}
            </div>
            <label>
              Code from the SMS
              <input
                name="otp"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={otp}
                onChange={(e) => setOtp(e.target.value)}
              />
            </label>
            <div className="row">
              <button
                type="submit"
                className="btn"
                disabled={pending !== undefined || otp.trim().length === 0}
              >
                {pending === "confirmActivation" ? "Activating…" : "Activate"}
              </button>
              <button
                type="button"
                className="btn secondary"
                disabled={pending !== undefined}
                onClick={() => void resendOtp()}
              >
                Resend code
              </button>
            </div>
          </form>
        )}
        <ErrorNote error={error} testId="pos-error" />
      </section>
      {info.phone && <SmsInbox />}
    </div>
  )
}
