import { useCallback, useEffect, useState } from "react"
import type { AdminOrder, ReconcileSummary } from "../../shared/types.js"
import { AdminTokenForm } from "../admin/admin-token-form.js"
import { OrderDetail } from "../admin/order-detail.js"
import { OrdersTable } from "../admin/orders-table.js"
import { api } from "../api.js"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"

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
  const [error, setError] = useState<unknown>()

  const load = useCallback(() => {
    api.get<AdminOrder[]>("/api/admin/orders").then(
      (list) => {
        setOrders(list)
        setError(undefined)
      },
      (e: unknown) => setError(e)
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
      setError(e)
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
        <div className="stack page-actions">
          {info.adminTokenRequired && <AdminTokenForm onChange={changed} />}
          <button type="button" className="btn secondary" disabled={busy} onClick={runReconcile}>
            {busy ? "Reconciling…" : "Reconcile now"}
          </button>
        </div>
      </div>
      {reconcile !== undefined && (
        <div className="alert info spaced" data-testid="reconcile-result">
          Checked {reconcile.checked} order(s) with {reconcile.bankCalls} request(s) to the bank,{" "}
          {reconcile.changed} changed.
          {reconcile.details.map((d) => (
            <div key={d}>{d}</div>
          ))}
        </div>
      )}
      <ErrorNote error={error} />
      <div className="split split-aside-wide">
        <section className="card">
          <OrdersTable orders={orders} selected={selected} onSelect={setSelected} />
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
