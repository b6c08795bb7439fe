import { useCharge, usePosReports, usePosShift } from "@mia-sdk/react"
import { useEffect, useState } from "react"
import { ErrorNote } from "../components/error-note.js"
import { ReportView } from "../components/report-view.js"
import { formatDateTime } from "../format.js"
import { ChargePanel } from "./charge-panel.js"
import { CloseShift } from "./close-shift.js"

/**
 * Steps 3 to 5 of the till: open the shift, take payments, X-report, close the shift and show the
 * Z-report (on screen and as a PDF). The current charge is kept here, not in the charge panel, so
 * closing the shift can warn about a QR that is still open.
 * @example
 * {step === "charge" && <ShiftPanel />}
 */
export const ShiftPanel = () => {
  const shift = usePosShift()
  const till = useCharge()
  const { report, pending: loading, error: reportError, load, pdfUrl } = usePosReports()
  const [shown, setShown] = useState<"x" | "z">()
  const { lastClosedShiftId } = shift
  const current = shift.shift

  useEffect(() => {
    if (current?.open === false && lastClosedShiftId !== undefined) {
      setShown("z")
      void load("z", lastClosedShiftId)
    }
  }, [current?.open, lastClosedShiftId, load])

  if (current === undefined) return <p className="muted">Checking the shift…</p>

  if (!current?.open) {
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
        <section className="card stack narrow">
          <h2>{lastClosedShiftId === undefined ? "Start the day" : "Start a new day"}</h2>
          <p className="muted">Payments can only be taken during an open shift.</p>
          <button
            type="button"
            className="btn big"
            disabled={shift.pending !== undefined}
            onClick={() => void shift.open()}
          >
            {shift.pending === "openShift" ? "Opening…" : "Open shift"}
          </button>
          <ErrorNote error={shift.error} testId="pos-error" />
        </section>
      </div>
    )
  }

  return (
    <div className="split split-halves">
      <ChargePanel till={till} />
      <section className="card stack" aria-label="Shift">
        <div className="row">
          <h2>Shift #{current.shiftId}</h2>
          <span className="spacer" />
          <span className="badge ok">Open</span>
        </div>
        {current.openedAt !== undefined && (
          <p className="muted small" data-testid="shift-opened">
            Opened {formatDateTime(current.openedAt)}
          </p>
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
          <CloseShift shift={shift} till={till} />
        </div>
        <ErrorNote error={shift.error} testId="pos-error" />
        <ErrorNote error={reportError} testId="report-error" />
        {shown === "x" && report?.kind === "x" && <ReportView report={report} />}
      </section>
    </div>
  )
}
