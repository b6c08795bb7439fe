import { usePosSession } from "@mia-sdk/react"
import { ErrorNote } from "../components/error-note.js"
import { ActivationPanel } from "./activation-panel.js"
import { LoginPanel } from "./login-panel.js"
import { ShiftPanel } from "./shift-panel.js"

type Step = "activate" | "login" | "shift" | "charge" | "close"

const STEPS: ReadonlyArray<{ id: Step; label: string }> = [
  { id: "activate", label: "Activate the terminal" },
  { id: "login", label: "Cashier logs in" },
  { id: "shift", label: "Open the shift" },
  { id: "charge", label: "Take payments" },
  { id: "close", label: "Close shift, Z-report" }
]

const stepOf = (session: ReturnType<typeof usePosSession>["session"], lastClosed: boolean): Step => {
  if (!session?.activated) return "activate"
  if (!session.loggedIn) return "login"
  if (session.shift?.open) return "charge"
  return lastClosed ? "close" : "shift"
}

/**
 * The till's whole day, step by step: the steps list with the cashier's card beside the panel of
 * the current step.
 * @example
 * <MiaProvider apiBase="/api/pos"><Cashier /></MiaProvider>
 */
export const Cashier = () => {
  const { phase, session, error, logout, pending } = usePosSession()
  if (phase === "loading") return <p className="muted">Connecting to the terminal…</p>
  // No error at all means no answer came back: said as the network problem it is.
  if (phase === "error") return <ErrorNote error={error ?? { status: 0 }} testId="pos-error" />
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
      <div className="pos-main">
        {step === "activate" && <ActivationPanel />}
        {step === "login" && <LoginPanel />}
        {(step === "shift" || step === "charge" || step === "close") && <ShiftPanel />}
      </div>
    </div>
  )
}
