import type { AdminOrder } from "../../shared/types.js"
import { StatusBadge } from "../components/status-badge.js"
import { formatDateTime, formatMoney } from "../format.js"

/**
 * Every order, newest first; a click selects one. On a phone each row folds into two lines
 * (styles.css, `.rows`) rather than squeezing four columns into 390 px.
 * @example
 * <OrdersTable orders={orders} selected={selected} onSelect={setSelected} />
 */
export const OrdersTable = ({
  orders,
  selected,
  onSelect
}: {
  orders: ReadonlyArray<AdminOrder>
  selected: string | undefined
  onSelect: (orderId: string) => void
}) =>
  orders.length === 0 ? (
    <p className="muted">No orders yet. Buy something in the shop.</p>
  ) : (
    <table className="rows orders">
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
            onClick={() => onSelect(order.orderId)}
          >
            <td className="cell-id">#{order.orderId}</td>
            <td className="muted cell-time" data-testid="order-created">
              {formatDateTime(createdAt)}
            </td>
            <td className="cell-amount">{formatMoney(order.amount, order.currency)}</td>
            <td className="cell-status">
              <StatusBadge status={order.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
