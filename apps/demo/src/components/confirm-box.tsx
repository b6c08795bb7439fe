import type { ReactNode } from "react"

/**
 * The "are you sure?" step before something that can't be undone (a refund, closing a shift with a
 * QR still open): what will happen, one button to go ahead and one to step back. Nothing is sent
 * until the first one is pressed.
 * @example
 * <ConfirmBox confirmLabel="Refund 5,50 MDL" onConfirm={send} onCancel={back} testId="refund-confirm">
 *   Refund 5,50 MDL to the customer?
 * </ConfirmBox>
 */
export const ConfirmBox = ({
  children,
  confirmLabel,
  cancelLabel = "Back",
  busy = false,
  busyLabel,
  onConfirm,
  onCancel,
  testId
}: {
  children: ReactNode
  confirmLabel: string
  cancelLabel?: string
  busy?: boolean
  busyLabel?: string
  onConfirm: () => void
  onCancel: () => void
  testId: string
}) => (
  <div className="confirm stack" role="alertdialog" aria-label={confirmLabel} data-testid={testId}>
    <div>{children}</div>
    <div className="row">
      <button
        type="button"
        className="btn danger"
        disabled={busy}
        onClick={onConfirm}
        data-testid={`${testId}-yes`}
      >
        {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
      </button>
      <button
        type="button"
        className="btn secondary"
        disabled={busy}
        onClick={onCancel}
        data-testid={`${testId}-no`}
      >
        {cancelLabel}
      </button>
    </div>
  </div>
)
