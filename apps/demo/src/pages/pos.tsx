import { MiaProvider, MiaQrCode, useCharge, usePosReports, usePosSession, usePosShift } from "@mia-sdk/react"
import { type FormEvent, useCallback, useEffect, useState } from "react"
import type { SmsMessage } from "../../shared/types.js"
import { adminHeaders } from "../admin-token.js"
import { api } from "../api.js"
import { ReportView } from "../components/report-view.js"
import { useDemoInfo } from "../demo-info.js"
import { formatMoney } from "../format.js"
import { Link } from "../router.js"

type Step = "activate" | "login" | "shift" | "charge" | "close"

const STEPS: ReadonlyArray<{ id: Step; label: string }> = [
  { id: "activate", label: "Activate the terminal" },
  { id: "login", label: "Cashier logs in" },
  { id: "shift", label: "Open the shift" },
  { id: "charge", label: "Take payments" },
  { id: "close", label: "Close shift, Z-report" }
]

/** The sandbox's "SMS" inbox: where the activation code lands (only the embedded bank has one). */
const SmsInbox = () => {
  const [messages, setMessages] = useState<ReadonlyArray<SmsMessage>>([])
  const load = useCallback(() => {
    api.get<SmsMessage[]>("/api/demo/sms-inbox").then(setMessages, () => undefined)
  }, [])
  useEffect(() => {
    load()
    const timer = setInterval(load, 1500)
    return () => clearInterval(timer)
  }, [load])
  return (
    <section className="card stack" aria-label="SMS inbox" data-testid="sms-inbox">
      <div className="row">
        <strong>Terminal owner's SMS (sandbox)</strong>
      </div>
      {messages.length === 0 && <p className="muted small">No message yet.</p>}
      {messages.slice(0, 3).map((m) => (
        <div key={`${m.sentAt}-${m.code}`} className="sms">
          <div className="small">{m.text}</div>
          <div className="muted small">
            to {m.to} · code <strong data-testid="sms-code">{m.code}</strong>
          </div>
        </div>
      ))}
    </section>
  )
}

const ActivationPanel = () => {
  const info = useDemoInfo()
  const { session, pending, error, startActivation, confirmActivation, resendOtp } = usePosSession()
  const [otp, setOtp] = useState("")
  const waiting = session?.activation !== undefined
  const confirm = (event: FormEvent) => {
    event.preventDefault()
    void confirmActivation(otp.trim())
  }

  return (
    <div className="split" style={{ gridTemplateColumns: "minmax(0, 1fr) 300px" }}>
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
        {error !== undefined && <div className="alert">{error.message}</div>}
      </section>
      {info.phone && <SmsInbox />}
    </div>
  )
}

const LoginPanel = () => {
  const info = useDemoInfo()
  const { pending, error, login } = usePosSession()
  const [username, setUsername] = useState(info.posDefaults?.username ?? "")
  const [password, setPassword] = useState(info.posDefaults?.password ?? "")
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void login({ username, password })
  }
  return (
    <form className="card stack" onSubmit={submit} style={{ maxWidth: 460 }}>
      <h2>Cashier login</h2>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="btn" disabled={pending !== undefined}>
        {pending === "login" ? "Logging in…" : "Log in"}
      </button>
      {error !== undefined && <div className="alert">{error.message}</div>}
    </form>
  )
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "⌫"]

/** What the amount field accepts while typing: up to 100000 and two decimals. */
const AMOUNT = /^\d{0,6}(\.\d{0,2})?$/

const typeKey = (current: string, key: string) => {
  if (key === "⌫") return current.slice(0, -1)
  const next = current === "0" && key !== "." ? key : current + key
  return AMOUNT.test(next) ? next : current
}

const ChargePanel = () => {
  const info = useDemoInfo()
  const { phase, charge, qrUrl, secondsLeft, error, create, cancel, reset } = useCharge()
  const [amount, setAmount] = useState("")
  const value = Number(amount)
  const valid = amount !== "" && value > 0 && value <= 100_000

  if (phase === "awaiting_payment" && qrUrl !== undefined && charge !== undefined) {
    return (
      <section className="card stack center" data-testid="charge-qr">
        <h2>{formatMoney(charge.amount, charge.currency)}</h2>
        <p className="muted">Show this QR to the customer</p>
        <div className="qr-box">
          <MiaQrCode value={qrUrl} title={`MIA QR for ${charge.amount} MDL`} />
        </div>
        <div className="row" style={{ justifyContent: "center" }}>
          <span className="badge info" data-testid="charge-state" data-state={charge.state}>
            Waiting for payment
          </span>
          {secondsLeft !== undefined && <span className="countdown">{secondsLeft}s</span>}
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
        <button
          type="button"
          className="btn big"
          onClick={() => {
            reset()
            setAmount("")
          }}
        >
          Next customer
        </button>
      </section>
    )
  }

  return (
    <section className="card stack" aria-label="Charge">
      <h2>New payment</h2>
      <input
        className="display"
        name="amount"
        aria-label="Amount in MDL"
        inputMode="decimal"
        placeholder="0.00"
        value={amount}
        onChange={(e) => {
          const next = e.target.value.replace(",", ".")
          if (AMOUNT.test(next)) setAmount(next)
        }}
      />
      <div className="keypad">
        {KEYS.map((key) => (
          <button type="button" key={key} onClick={() => setAmount((a) => typeKey(a, key))}>
            {key}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn big block"
        disabled={!valid || phase === "creating"}
        onClick={() => void create(value)}
      >
        {phase === "creating" ? "Creating QR…" : `Charge ${valid ? formatMoney(value) : ""}`}
      </button>
      {error !== undefined && <div className="alert">{error.message}</div>}
    </section>
  )
}

const ShiftPanel = () => {
  const { shift, lastClosedShiftId, pending, error, open, close } = usePosShift()
  const { report, pending: loading, error: reportError, load, pdfUrl } = usePosReports()
  const [shown, setShown] = useState<"x" | "z">()

  useEffect(() => {
    if (shift?.open === false && lastClosedShiftId !== undefined) {
      setShown("z")
      void load("z", lastClosedShiftId)
    }
  }, [shift?.open, lastClosedShiftId, load])

  if (shift === undefined) return <p className="muted">Checking the shift…</p>

  if (!shift?.open) {
    return (
      <div className="stack">
        {shown === "z" && report?.kind === "z" && (
          <section className="card stack">
            <div className="row">
              <h2>Z-report</h2>
              <span className="spacer" />
              <a
                className="btn secondary"
                href={pdfUrl("z", report.shiftId ?? lastClosedShiftId)}
                download={`z-report-${report.shiftId ?? "shift"}.pdf`}
                data-testid="z-pdf"
              >
                Download PDF
              </a>
            </div>
            <ReportView report={report} />
          </section>
        )}
        <section className="card stack" style={{ maxWidth: 460 }}>
          <h2>{lastClosedShiftId === undefined ? "Start the day" : "Start a new day"}</h2>
          <p className="muted">Payments can only be taken during an open shift.</p>
          <button
            type="button"
            className="btn big"
            disabled={pending !== undefined}
            onClick={() => void open()}
          >
            {pending === "openShift" ? "Opening…" : "Open shift"}
          </button>
          {error !== undefined && <div className="alert">{error.message}</div>}
        </section>
      </div>
    )
  }

  return (
    <div className="split" style={{ gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)" }}>
      <ChargePanel />
      <section className="card stack">
        <div className="row">
          <h2>Shift #{shift.shiftId}</h2>
          <span className="spacer" />
          <span className="badge ok">Open</span>
        </div>
        {shift.openedAt !== undefined && (
          <p className="muted small">Opened {shift.openedAt.replace("T", " ")}</p>
        )}
        <div className="row">
          <button
            type="button"
            className="btn secondary"
            disabled={loading !== undefined}
            onClick={() => {
              setShown("x")
              void load("x")
            }}
          >
            {loading === "x" ? "Loading…" : "X-report"}
          </button>
          <button
            type="button"
            className="btn danger"
            disabled={pending !== undefined}
            onClick={() => void close()}
          >
            {pending === "closeShift" ? "Closing…" : "Close shift"}
          </button>
        </div>
        {error !== undefined && <div className="alert">{error.message}</div>}
        {reportError !== undefined && <div className="alert">{reportError.message}</div>}
        {shown === "x" && report?.kind === "x" && <ReportView report={report} />}
      </section>
    </div>
  )
}

const stepOf = (session: ReturnType<typeof usePosSession>["session"], lastClosed: boolean): Step => {
  if (!session?.activated) return "activate"
  if (!session.loggedIn) return "login"
  if (session.shift?.open) return "charge"
  return lastClosed ? "close" : "shift"
}

const Cashier = () => {
  const { phase, session, error, logout, pending } = usePosSession()
  if (phase === "loading") return <p className="muted">Connecting to the terminal…</p>
  if (phase === "error")
    return <div className="alert">{error?.message ?? "The POS router did not answer."}</div>
  const step = stepOf(session, session?.lastClosedShiftId !== undefined)
  // After the Z-report the day is done: every step ticks.
  const index = step === "close" ? STEPS.length : STEPS.findIndex((s) => s.id === step)
  return (
    <div className="pos">
      <aside className="stack">
        <ol className="steps card" data-testid="pos-steps" data-step={step}>
          {STEPS.map((s, i) => (
            <li key={s.id} className={i < index ? "done" : i === index ? "current" : ""}>
              <span className="dot">{i < index ? "✓" : i + 1}</span>
              {s.label}
            </li>
          ))}
        </ol>
        {session?.loggedIn && session.seller !== undefined && (
          <div className="card stack small">
            <strong>{session.seller.merchantName}</strong>
            <span className="muted">
              {session.seller.placeName}
              {session.seller.placeAddress !== undefined && <br />}
              {session.seller.placeAddress}
            </span>
            <span>
              Cashier: <strong data-testid="seller-name">{session.seller.name}</strong>
            </span>
            <span className="muted">Terminal {session.seller.terminalId}</span>
            <button
              type="button"
              className="btn secondary"
              disabled={pending !== undefined}
              onClick={() => void logout()}
            >
              Log out
            </button>
          </div>
        )}
      </aside>
      <div>
        {step === "activate" && <ActivationPanel />}
        {step === "login" && <LoginPanel />}
        {(step === "shift" || step === "charge" || step === "close") && <ShiftPanel />}
      </div>
    </div>
  )
}

/**
 * The cashier screen of the café's till: activate the terminal with the SMS code, log in, open the
 * shift, charge amounts with a QR paid live, X-report, close the shift and get the Z-report (PDF too).
 * @example
 * <PosPage />
 */
export const PosPage = () => {
  const info = useDemoInfo()
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Till · Cafeneaua Mia</h1>
          <p>The MiaPos terminal API behind a web cashier screen. The bank's tokens never reach this page.</p>
        </div>
      </div>
      {info.pos ? (
        <MiaProvider apiBase="/api/pos" headers={adminHeaders}>
          <Cashier />
        </MiaProvider>
      ) : (
        <p className="alert info">The cashier screen runs on the embedded sandbox's MiaPos terminal.</p>
      )}
    </main>
  )
}
