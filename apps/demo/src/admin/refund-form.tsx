import type { RefundView } from "@mia-sdk/core/wire"
import { type FormEvent, useRef, useState } from "react"
import type { AdminOrder } from "../../shared/types.js"
import { ApiError, api } from "../api.js"
import { ConfirmBox } from "../components/confirm-box.js"
import { formatMinor, formatMoney } from "../format.js"
import { userMessage } from "../user-message.js"
import { newIdempotencyKey } from "./idempotency-key.js"
import { readRefundAmount, refundBody } from "./refund-amount.js"
import { refundableMinor } from "./refundable.js"

type Result = { tone: "ok" | "info" | "bad"; text: string }

const resultOf = (status: number, refund: RefundView): Result =>
  status === 202
    ? {
        tone: "info",
        text: `Refund of ${formatMoney(refund.amount)} sent, but the bank's answer got lost: it stays pending until reconciliation settles it with the bank (Reconcile now checks it at once). Don't refund it again.`
      }
    : {
        tone: "ok",
        text: `Refunded ${formatMoney(refund.amount)} (refund ${refund.refundId}: ${refund.status}).`
      }

/**
 * Refunds a paid order, all of it (empty amount) or part of it, in two steps: "Refund" checks the
 * amount and shows exactly what will be sent back; only "Yes, refund …" sends it. Money that left
 * the shop can't be called back, so nothing goes out on a single click.
 * @example
 * <RefundForm detail={detail} onDone={reload} />
 */
export const RefundForm = ({ detail, onDone }: { detail: AdminOrder; onDone: () => void }) => {
  const [amount, setAmount] = useState("")
  const [reason, setReason] = useState("Customer returned the goods")
  const [busy, setBusy] = useState(false)
  const [amountError, setAmountError] = useState<string>()
  const [result, setResult] = useState<Result>()
  // The refund waiting for its "Yes": what the admin saw is what is sent.
  const [confirming, setConfirming] = useState<{ minor: number | undefined }>()
  // The submission being sent, with its Idempotency-Key: a second click while it is in flight is
  // ignored, and sending the same refund again after a failure reuses the key, so the server
  // refunds it at most once. Any other amount or reason is a new submission with a new key.
  const attempt = useRef<{ key: string; request: string }>(undefined)
  const sending = useRef(false)
  const leftMinor = refundableMinor(detail)
  const left = formatMinor(leftMinor, detail.order.currency)
  const preview = readRefundAmount(amount, leftMinor)

  const review = (event: FormEvent) => {
    event.preventDefault()
    if (sending.current) return
    setResult(undefined)
    const read = readRefundAmount(amount, leftMinor)
    if (!read.ok) {
      setAmountError(read.message)
      return
    }
    setAmountError(undefined)
    setConfirming({ minor: read.minor })
  }

  const send = async (minor: number | undefined) => {
    if (sending.current) return
    const body = refundBody(minor, reason)
    const request = JSON.stringify([detail.order.orderId, body])
    if (attempt.current?.request !== request) attempt.current = { key: newIdempotencyKey(), request }
    sending.current = true
    setBusy(true)
    try {
      const { status, body: refund } = await api.send<RefundView>(
        "POST",
        `/api/mia/orders/${encodeURIComponent(detail.order.orderId)}/refunds`,
        { body, headers: { "Idempotency-Key": attempt.current.key } }
      )
      attempt.current = undefined
      setAmount("")
      setResult(resultOf(status, refund))
      onDone()
    } catch (e) {
      const field = e instanceof ApiError ? e.problem?.errors?.[0]?.field : undefined
      if (field === "amount") setAmountError(userMessage(e))
      else setResult({ tone: "bad", text: userMessage(e) })
    } finally {
      sending.current = false
      setBusy(false)
      setConfirming(undefined)
    }
  }

  const editing = () => {
    setConfirming(undefined)
    setResult(undefined)
  }
  const sum = confirming?.minor === undefined ? left : formatMinor(confirming.minor, detail.order.currency)

  return (
    <form className="stack" onSubmit={review} aria-label="Refund" noValidate>
      <h3>Refund</h3>
      <label>
        Amount in MDL (empty = full refund)
        <input
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder={`${left}, all of it`}
          value={amount}
          aria-invalid={amountError !== undefined}
          aria-describedby="refund-amount-note"
          onChange={(e) => {
            setAmount(e.target.value)
            setAmountError(undefined)
            editing()
          }}
        />
      </label>
      {amountError !== undefined ? (
        <div id="refund-amount-note" className="field-error" role="alert" data-testid="amount-error">
          {amountError}
        </div>
      ) : (
        <div id="refund-amount-note" className="muted small" data-testid="refund-preview">
          {preview.ok
            ? preview.minor === undefined
              ? `Full refund: ${left}.`
              : `Partial refund: ${formatMinor(preview.minor)} of ${left}.`
            : "Type lei such as 5,50 or 5.50."}
        </div>
      )}
      <label>
        Reason
        <input
          name="reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value)
            editing()
          }}
        />
      </label>
      {result !== undefined && (
        <output className={`alert ${result.tone === "bad" ? "" : result.tone}`} data-testid="refund-result">
          {result.text}
        </output>
      )}
      {confirming === undefined ? (
        <button type="submit" className="btn danger" disabled={busy || leftMinor <= 0}>
          Refund
        </button>
      ) : (
        <ConfirmBox
          testId="refund-confirm"
          confirmLabel={`Yes, refund ${sum}`}
          busy={busy}
          busyLabel="Refunding…"
          onConfirm={() => void send(confirming.minor)}
          onCancel={() => setConfirming(undefined)}
        >
          <strong data-testid="refund-confirm-amount">{sum}</strong>
          {confirming.minor === undefined ? ", all that is left," : ""} goes back to the customer for order #
          {detail.order.orderId}. A refund can't be undone.
        </ConfirmBox>
      )}
    </form>
  )
}
