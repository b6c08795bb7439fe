import { useEffect, useState } from "react"
import type { AdminOrder } from "../../shared/types.js"
import { api } from "../api.js"
import { ErrorNote } from "../components/error-note.js"
import { StatusBadge } from "../components/status-badge.js"
import { formatDateTime, formatMoney } from "../format.js"
import { readableNote } from "../history-note.js"
import { RefundForm } from "./refund-form.js"
import { refundableMinor } from "./refundable.js"

/**
 * One order in the back office: amounts, bank ids, its status history and the refund form.
 * @example
 * <OrderDetail orderId="1001" version={version} onChange={reload} />
 */
export const OrderDetail = ({
  orderId,
  version,
  onChange
}: {
  orderId: string
  version: number
  onChange: () => void
}) => {
  const [detail, setDetail] = useState<AdminOrder>()
  const [error, setError] = useState<unknown>()
  // `version` changing is the signal to load again.
  useEffect(() => {
    api.get<AdminOrder>(`/api/admin/orders/${encodeURIComponent(orderId)}`).then(
      (d) => {
        setDetail(d)
        setError(undefined)
      },
      (e: unknown) => setError(e)
    )
  }, [orderId, version])
  if (error !== undefined)
    return <ErrorNote error={error} context={{ not_found: "There is no such order." }} />
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
              <span className="muted small" data-testid="transition-time">
                {formatDateTime(t.at)}
              </span>
            </div>
            <div className="muted small">
              {t.actor}: {readableNote(t.reason)}
            </div>
          </li>
        ))}
      </ol>
      {canRefund && <RefundForm key={order.orderId} detail={detail} onDone={onChange} />}
    </div>
  )
}
