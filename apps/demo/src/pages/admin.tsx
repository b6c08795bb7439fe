import { fromMinorUnits, parseAmount, toMinorUnits } from "@mia-sdk/core/money"
import type { RefundView } from "@mia-sdk/core/wire"
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react"
import type { AdminOrder, ReconcileSummary } from "../../shared/types.js"
import { readAdminToken, saveAdminToken } from "../admin-token.js"
import { ApiError, api } from "../api.js"
import { StatusBadge } from "../components/status-badge.js"
import { useDemoInfo } from "../demo-info.js"
import { formatMoney, formatTime } from "../format.js"

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** What is left to refund, in bani: exact, so 0.1 + 0.2 never leaves a ban behind. */
const refundableMinor = (detail: AdminOrder) =>
  (toMinorUnits(detail.order.paidAmount) ?? 0) - (toMinorUnits(detail.order.refundedAmount) ?? 0)

/** 128 random bits as hex; `crypto.randomUUID` needs HTTPS, which a LAN address doesn't have. */
const newIdempotencyKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join(
    ""
  )

/** The amount field's text as bani, or the message to show next to it; empty means everything. */
const readAmount = (
  text: string,
  leftMinor: number
): { ok: true; minor: number | undefined } | { ok: false; message: string } => {
  if (text.trim() === "") return { ok: true, minor: undefined }
  const parsed = parseAmount(text, { decimalComma: true, from: ["string"], field: "The amount" })
  if (!parsed.ok) {
    const message =
      parsed.rule === "format"
        ? `"${text.trim()}" is not an amount: type lei such as 5,50 or 5.50, or leave it empty to refund everything.`
        : parsed.rule === "positive"
          ? "The amount must be greater than 0: leave it empty to refund everything."
          : parsed.rule === "max_2_decimals"
            ? "At most 2 decimals: whole bani, such as 5,55."
            : parsed.message
    return { ok: false, message }
  }
  if (parsed.minor > leftMinor) {
    return { ok: false, message: `At most ${formatMoney(fromMinorUnits(leftMinor))} is left to refund.` }
  }
  return { ok: true, minor: parsed.minor }
}

const RefundForm = ({ detail, onDone }: { detail: AdminOrder; onDone: () => void }) => {
  const [amount, setAmount] = useState("")
  const [reason, setReason] = useState("Customer returned the goods")
  const [busy, setBusy] = useState(false)
  const [amountError, setAmountError] = useState<string>()
  const [result, setResult] = useState<{ tone: "ok" | "info" | "bad"; text: string }>()
  // The submission being sent, with its Idempotency-Key: a second click while it is in flight is
  // ignored, and sending the same refund again after a failure reuses the key, so the server
  // refunds it at most once. Any other amount or reason is a new submission with a new key.
  const attempt = useRef<{ key: string; request: string }>(undefined)
  const sending = useRef(false)
  const leftMinor = refundableMinor(detail)
  const left = formatMoney(fromMinorUnits(leftMinor), detail.order.currency)
  const preview = readAmount(amount, leftMinor)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (sending.current) return
    setResult(undefined)
    const read = readAmount(amount, leftMinor)
    if (!read.ok) {
      setAmountError(read.message)
      return
    }
    setAmountError(undefined)
    // No `amount` key at all for a full refund: the server reads a missing amount as "everything".
    const body = read.minor === undefined ? { reason } : { reason, amount: fromMinorUnits(read.minor) }
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
      setResult(
        status === 202
          ? {
              tone: "info",
              text: `Refund of ${formatMoney(refund.amount)} sent, but the bank's answer got lost: it stays pending until reconciliation settles it with the bank (Reconcile now checks it at once). Don't refund it again.`
            }
          : {
              tone: "ok",
              text: `Refunded ${formatMoney(refund.amount)} (refund ${refund.refundId}: ${refund.status}).`
            }
      )
      onDone()
    } catch (e) {
      const field = e instanceof ApiError ? e.problem?.errors?.[0]?.field : undefined
      if (field === "amount") setAmountError(errorText(e))
      else setResult({ tone: "bad", text: errorText(e) })
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="Refund" noValidate>
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
              : `Partial refund: ${formatMoney(fromMinorUnits(preview.minor))} of ${left}.`
            : "Type lei such as 5,50 or 5.50."}
        </div>
      )}
      <label>
        Reason
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {result !== undefined && (
        <output className={`alert ${result.tone === "bad" ? "" : result.tone}`} data-testid="refund-result">
          {result.text}
        </output>
      )}
      <button type="submit" className="btn danger" disabled={busy || leftMinor <= 0}>
        {busy ? "Refunding…" : "Refund"}
      </button>
    </form>
  )
}

/** The admin token field, shown when the demo talks to a real bank and asks for one. */
const AdminTokenForm = ({ onChange }: { onChange: () => void }) => {
  const [saved, setSaved] = useState(readAdminToken() !== undefined)
  const [draft, setDraft] = useState("")
  const use = (event: FormEvent) => {
    event.preventDefault()
    saveAdminToken(draft)
    setDraft("")
    setSaved(readAdminToken() !== undefined)
    onChange()
  }
  const forget = () => {
    saveAdminToken("")
    setSaved(false)
    onChange()
  }
  return saved ? (
    <div className="row" data-testid="admin-token">
      <span className="muted small">Admin token set for this tab.</span>
      <button type="button" className="btn secondary" onClick={forget}>
        Forget it
      </button>
    </div>
  ) : (
    <form
      className="row"
      style={{ alignItems: "flex-end", flexWrap: "nowrap" }}
      onSubmit={use}
      aria-label="Admin token"
      data-testid="admin-token"
    >
      <label>
        Admin token
        <input
          name="admin-token"
          type="password"
          placeholder="DEMO_ADMIN_TOKEN"
          autoComplete="off"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="btn secondary"
        style={{ whiteSpace: "nowrap" }}
        disabled={draft.trim() === ""}
      >
        Use token
      </button>
    </form>
  )
}

const OrderDetail = ({
  orderId,
  version,
  onChange
}: {
  orderId: string
  version: number
  onChange: () => void
}) => {
  const [detail, setDetail] = useState<AdminOrder>()
  const [error, setError] = useState<string>()
  // `version` changing is the signal to load again.
  useEffect(() => {
    api.get<AdminOrder>(`/api/admin/orders/${encodeURIComponent(orderId)}`).then(
      (d) => {
        setDetail(d)
        setError(undefined)
      },
      (e: unknown) => setError(errorText(e))
    )
  }, [orderId, version])
  if (error !== undefined) return <div className="alert">{error}</div>
  if (detail === undefined) return <p className="muted">Loading…</p>
  const { order } = detail
  const canRefund =
    ["processing", "completed", "on-hold"].includes(order.status) && refundableMinor(detail) > 0
  return (
    <div className="stack" data-testid="order-detail">
      <div className="row">
        <h2>Order #{order.orderId}</h2>
        <span className="spacer" />
        <StatusBadge status={order.status} />
      </div>
      <p className="muted">{detail.description}</p>
      <dl className="kv">
        <dt>Amount</dt>
        <dd>{formatMoney(order.amount, order.currency)}</dd>
        <dt>Paid</dt>
        <dd>{formatMoney(order.paidAmount, order.currency)}</dd>
        <dt>Refunded</dt>
        <dd data-testid="refunded-amount">{formatMoney(order.refundedAmount, order.currency)}</dd>
        {order.payId !== undefined && (
          <>
            <dt>payId</dt>
            <dd className="mono">{order.payId}</dd>
          </>
        )}
        {order.qrId !== undefined && (
          <>
            <dt>qrId</dt>
            <dd className="mono">{order.qrId}</dd>
          </>
        )}
        {order.duplicatePayment && (
          <>
            <dt>Attention</dt>
            <dd>
              <span className="badge warn">Duplicate payment: refund it</span>
            </dd>
          </>
        )}
      </dl>
      <h3>History</h3>
      <ol className="timeline" data-testid="transitions">
        {detail.transitions.map((t, i) => (
          <li key={`${t.at}-${i}`}>
            <div className="row">
              <strong>{t.from === t.to ? `${t.to} (unchanged)` : `${t.from ?? "new"} → ${t.to}`}</strong>
              <span className="spacer" />
              <span className="muted small">{formatTime(t.at)}</span>
            </div>
            <div className="muted small">
              {t.actor}: {t.reason}
            </div>
          </li>
        ))}
      </ol>
      {canRefund && <RefundForm key={order.orderId} detail={detail} onDone={onChange} />}
    </div>
  )
}

/**
 * The merchant's back office: every order with its status history, refunds, and a button that
 * runs the reconciliation poller now (it also runs on its own in the background).
 * @example
 * <AdminPage />
 */
export const AdminPage = () => {
  const info = useDemoInfo()
  const [orders, setOrders] = useState<ReadonlyArray<AdminOrder>>([])
  const [selected, setSelected] = useState<string>()
  const [version, setVersion] = useState(0)
  const [reconcile, setReconcile] = useState<ReconcileSummary>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const load = useCallback(() => {
    api.get<AdminOrder[]>("/api/admin/orders").then(
      (list) => {
        setOrders(list)
        setError(undefined)
      },
      (e: unknown) => setError(errorText(e))
    )
  }, [])

  useEffect(() => {
    load()
    const timer = setInterval(() => {
      load()
      setVersion((v) => v + 1)
    }, 3000)
    return () => clearInterval(timer)
  }, [load])

  const changed = () => {
    load()
    setVersion((v) => v + 1)
  }

  const runReconcile = async () => {
    setBusy(true)
    try {
      setReconcile(await api.post<ReconcileSummary>("/api/admin/reconcile"))
      changed()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Orders</h1>
          <p>
            Every status change is recorded with who made it and why. Callbacks, reconciliation and refunds
            all land here.
          </p>
        </div>
        <div className="stack" style={{ alignItems: "flex-end" }}>
          {info.adminTokenRequired && <AdminTokenForm onChange={changed} />}
          <button type="button" className="btn secondary" disabled={busy} onClick={runReconcile}>
            {busy ? "Reconciling…" : "Reconcile now"}
          </button>
        </div>
      </div>
      {reconcile !== undefined && (
        <div className="alert info" data-testid="reconcile-result" style={{ marginBottom: "1rem" }}>
          Checked {reconcile.checked} order(s) with {reconcile.bankCalls} request(s) to the bank,{" "}
          {reconcile.changed} changed.
          {reconcile.details.map((d) => (
            <div key={d}>{d}</div>
          ))}
        </div>
      )}
      {error !== undefined && <div className="alert">{error}</div>}
      <div className="split" style={{ gridTemplateColumns: "minmax(0, 1fr) 420px" }}>
        <section className="card">
          {orders.length === 0 ? (
            <p className="muted">No orders yet. Buy something in the shop.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Order</th>
                  <th>Created</th>
                  <th>Amount</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {orders.map(({ order, createdAt }) => (
                  <tr
                    key={order.orderId}
                    data-order={order.orderId}
                    aria-selected={order.orderId === selected}
                    onClick={() => setSelected(order.orderId)}
                  >
                    <td>#{order.orderId}</td>
                    <td className="muted">{formatTime(createdAt)}</td>
                    <td>{formatMoney(order.amount, order.currency)}</td>
                    <td>
                      <StatusBadge status={order.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <aside className="card">
          {selected === undefined ? (
            <p className="muted">Select an order to see its history and refund it.</p>
          ) : (
            <OrderDetail orderId={selected} version={version} onChange={changed} />
          )}
        </aside>
      </div>
    </main>
  )
}
