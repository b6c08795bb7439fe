import { decideTransition, isPremature } from "../decide-transition.js"
import { MiaOrderError } from "../errors.js"
import { createOrderEventBus, type OrderEventBus } from "../events/order-event-bus.js"
import {
  applyDecision,
  attachQrRecord,
  DEFAULT_ACTOR,
  eventLookup,
  listLimit,
  newOrderRecord,
  sameOrder,
  unmatchedRecord
} from "../internal/apply-decision.js"
import { validateNewOrder } from "../internal/validate-new-order.js"
import type { Order, UnmatchedPayment } from "../order.js"
import { eventKey } from "../order-event.js"
import type { ApplyResult, OrderStore } from "./order-store.js"

/**
 * Options of {@link createMemoryOrderStore}.
 *
 * @example
 * const options: MemoryOrderStoreOptions = { now: () => Date.parse("2026-11-21T12:00:00Z") }
 */
export interface MemoryOrderStoreOptions {
  /** The bus changes are published on; a new one by default. */
  readonly events?: OrderEventBus | undefined
  /** Milliseconds since the epoch; `Date.now` by default (pass a sandbox clock's `now` in tests). */
  readonly now?: (() => number) | undefined
}

/**
 * An {@link OrderStore} in process memory: for tests, demos and single-process prototypes (orders
 * are lost on restart). Atomic because each operation runs to completion without yielding.
 *
 * @example
 * import { createMemoryOrderStore } from "@mia-sdk/webhooks"
 *
 * const store = createMemoryOrderStore()
 * await store.createOrder({ orderId: "1001", amount: 150.25 })
 */
export const createMemoryOrderStore = (options: MemoryOrderStoreOptions = {}): OrderStore => {
  const events = options.events ?? createOrderEventBus()
  const clock = options.now ?? Date.now
  const orders = new Map<string, Order>()
  const orderByQr = new Map<string, string>()
  const orderByPayment = new Map<string, string>()
  const processed = new Map<string, string | undefined>()
  const unmatched = new Map<string, UnmatchedPayment>()
  const timestamp = () => new Date(clock()).toISOString()

  const save = (order: Order) => {
    orders.set(order.orderId, order)
    if (order.qrId !== undefined) orderByQr.set(order.qrId, order.orderId)
    if (order.payId !== undefined) orderByPayment.set(order.payId, order.orderId)
  }

  const lookup = (by: ReturnType<typeof eventLookup>): Order | undefined => {
    const byId = by.orderId === undefined ? undefined : orders.get(by.orderId)
    if (byId !== undefined) return byId
    const viaQr = by.qrId === undefined ? undefined : orderByQr.get(by.qrId)
    if (viaQr !== undefined) return orders.get(viaQr)
    const viaPayment = by.payId === undefined ? undefined : orderByPayment.get(by.payId)
    return viaPayment === undefined ? undefined : orders.get(viaPayment)
  }

  return {
    events,
    async createOrder(input, applyOptions) {
      const valid = validateNewOrder(input)
      const existing = orders.get(valid.orderId)
      if (existing !== undefined) {
        if (sameOrder(existing, valid)) return existing
        throw new MiaOrderError("order_exists", `Order ${valid.orderId} already exists with other values`, {
          field: "orderId"
        })
      }
      const order = newOrderRecord(valid, timestamp(), applyOptions?.actor ?? DEFAULT_ACTOR)
      save(order)
      const [transition] = order.history
      if (transition !== undefined) events.publish({ orderId: order.orderId, order, transition })
      return order
    },
    async getOrder(orderId) {
      return orders.get(orderId)
    },
    async findOrderByQrId(qrId) {
      const orderId = orderByQr.get(qrId)
      return orderId === undefined ? undefined : orders.get(orderId)
    },
    async attachQr(orderId, qr, applyOptions) {
      const order = orders.get(orderId)
      if (order === undefined)
        throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
      const changed = attachQrRecord(order, qr, {
        at: timestamp(),
        actor: applyOptions?.actor ?? DEFAULT_ACTOR
      })
      save(changed.order)
      events.publish({ orderId, ...changed })
      return changed.order
    },
    async applyEvent(event, applyOptions): Promise<ApplyResult> {
      const key = eventKey(event)
      if (key !== undefined && processed.has(key)) {
        const orderId = processed.get(key)
        return {
          outcome: "duplicate",
          eventKey: key,
          order: orderId === undefined ? undefined : orders.get(orderId)
        }
      }
      const at = timestamp()
      const order = lookup(eventLookup(event))
      if (order === undefined) {
        if (key !== undefined) processed.set(key, undefined)
        if (event.type === "payment") {
          const payment = unmatchedRecord(event, at)
          unmatched.set(payment.payId, payment)
          return { outcome: "unmatched", payment }
        }
        return { outcome: "ignored", code: "unknown_order", reason: "No order matches this event" }
      }
      if (key !== undefined) processed.set(key, order.orderId)
      const decision = decideTransition(order, event)
      if (decision.kind === "ignore") {
        // A refund that overtook its payment: forget it, so a later delivery can still apply it.
        if (key !== undefined && isPremature(event, decision.code)) processed.delete(key)
        return { outcome: "ignored", order, code: decision.code, reason: decision.reason }
      }
      const actor = applyOptions?.actor ?? DEFAULT_ACTOR
      const changed = applyDecision(order, decision, { at, actor, payload: event.payload })
      save(changed.order)
      for (const payId of changed.order.duplicatePayIds) orderByPayment.set(payId, order.orderId)
      events.publish({ orderId: order.orderId, ...changed })
      return { outcome: "applied", ...changed }
    },
    async listOrders(filter = {}) {
      const statuses = filter.statuses === undefined ? undefined : new Set(filter.statuses)
      const before = filter.updatedBefore === undefined ? undefined : Date.parse(filter.updatedBefore)
      return [...orders.values()]
        .filter((order) => statuses === undefined || statuses.has(order.status))
        .filter((order) => before === undefined || Date.parse(order.updatedAt) < before)
        .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))
        .slice(0, listLimit(filter.limit))
    },
    async listUnmatchedPayments() {
      return [...unmatched.values()]
    }
  }
}
