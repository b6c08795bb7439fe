import type { RefundView } from "@mia-sdk/core/wire"
import { useMiaClient } from "@mia-sdk/react"
import { type FormEvent, useCallback, useEffect, useState } from "react"
import type { AdminOrder, ReconcileSummary } from "../../shared/types.js"
import { api } from "../api.js"
import { StatusBadge } from "../components/status-badge.js"
import { formatMoney, formatTime } from "../format.js"

const refundable = (detail: AdminOrder) =>
  Math.round((detail.order.paidAmount - detail.order.refundedAmount) * 100) / 100

const RefundForm = ({ detail, onDone }: { detail: AdminOrder; onDone: () => void }) => {
  const client = useMiaClient()
  const [amount, setAmount] = useState("")
  const [reason, setReason] = useState("Customer returned the goods")
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string }>()
  const left = refundable(detail)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setResult(undefined)
    try {
      const body = amount.trim() === "" ? { reason } : { reason, amount: Number(amount) }
      const path = `/orders/${encodeURIComponent(detail.order.orderId)}/refunds`
      const { body: refund } = await client.request<RefundView>("POST", path, body)
      setResult({
        ok: true,
        text: `Refund ${refund.refundId} of ${formatMoney(refund.amount)}: ${refund.status}`
      })
      setAmount("")
      onDone()
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="Refund">
      <h3>Refund</h3>
      <div className="row">
        <label style={{ flex: 1 }}>
          Amount (empty = all {formatMoney(left)})
          <input
            name="amount"
            inputMode="decimal"
            placeholder={left.toFixed(2)}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </label>
      </div>
      <label>
        Reason
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {result !== undefined && <div className={`alert ${result.ok ? "ok" : ""}`}>{result.text}</div>}
      <button type="submit" className="btn danger" disabled={busy || left <= 0}>
        {busy ? "Refunding…" : "Refund"}
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
      (e: unknown) => setError(String(e))
    )
  }, [orderId, version])
  if (error !== undefined) return <div className="alert">{error}</div>
  if (detail === undefined) return <p className="muted">Loading…</p>
  const { order } = detail
  const canRefund = ["processing", "completed", "on-hold"].includes(order.status) && refundable(detail) > 0
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
      {canRefund && <RefundForm detail={detail} onDone={onChange} />}
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
      (e: unknown) => setError(String(e))
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
      setError(e instanceof Error ? e.message : String(e))
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
        <button type="button" className="btn secondary" disabled={busy} onClick={runReconcile}>
          {busy ? "Reconciling…" : "Reconcile now"}
        </button>
      </div>
      {reconcile !== undefined && (
        <div className="alert info" data-testid="reconcile-result" style={{ marginBottom: "1rem" }}>
          Checked {reconcile.checked} pending order(s) with the bank, {reconcile.changed} changed.
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
