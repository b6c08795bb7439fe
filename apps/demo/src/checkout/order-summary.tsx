import type { UseCheckoutResult } from "@mia-sdk/react"
import type { CreatedOrder } from "../../shared/types.js"
import { StatusBadge } from "../components/status-badge.js"
import { formatMoney } from "../format.js"
import { Link } from "../router.js"
import { userMessage } from "../user-message.js"

/**
 * The order beside the payment options: amount, live status, the bank's ids, how updates arrive.
 * @example
 * <OrderSummary orderId="1001" checkout={checkout} summary={summary} />
 */
export const OrderSummary = ({
  orderId,
  checkout,
  summary
}: {
  orderId: string
  checkout: UseCheckoutResult
  summary: CreatedOrder | undefined
}) => {
  const { phase, session, order, status, transport, error } = checkout
  const amount = order?.amount ?? session?.amount ?? summary?.amount
  const qrId = session?.qrId ?? order?.qrId
  const final = phase === "paid" || phase === "cancelled" || phase === "refunded"
  return (
    <section className="card stack" aria-label="Order">
      <h2>Order summary</h2>
      <dl className="kv">
        <dt>Order</dt>
        <dd>#{orderId}</dd>
        <dt>Amount</dt>
        <dd data-testid="amount">{amount === undefined ? "–" : formatMoney(amount)}</dd>
        <dt>Status</dt>
        <dd data-testid="order-status">{status === undefined ? "–" : <StatusBadge status={status} />}</dd>
        {qrId !== undefined && (
          <>
            <dt>QR id</dt>
            <dd className="mono" data-testid="qr-id">
              {qrId}
            </dd>
          </>
        )}
        {order?.payId !== undefined && (
          <>
            <dt>Payment</dt>
            <dd className="mono">{order.payId}</dd>
          </>
        )}
        <dt>Live updates</dt>
        <dd>
          {transport === "sse"
            ? "server-sent events"
            : transport === "polling"
              ? "polling"
              : final
                ? "done: the status is final"
                : "connecting…"}
        </dd>
      </dl>
      {error !== undefined && phase !== "error" && (
        <div className="alert">Reconnecting. {userMessage(error)}</div>
      )}
      {!final && (
        <ol className="muted small">
          <li>Open your banking app and choose “Pay with MIA QR”.</li>
          <li>Scan the code and confirm the amount.</li>
          <li>This page turns green the moment the bank tells us, no reload needed.</li>
        </ol>
      )}
      <Link href="/admin" className="small">
        See the order in the admin
      </Link>
    </section>
  )
}
