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
import { createKeyedMutex } from "../internal/keyed-mutex.js"
import { validateNewOrder } from "../internal/validate-new-order.js"
import type { Order, UnmatchedPayment } from "../order.js"
import { eventKey, type OrderEvent } from "../order-event.js"
import { pendingRefund, planRefund } from "../refunds/plan-refund.js"
import {
  finishedRecord,
  ledgerRefundEvent,
  type RefundNotice,
  type RefundRecord,
  refundEventKey
} from "../refunds/refund-record.js"
import type { ApplyOptions, ApplyResult, OrderStore } from "./order-store.js"

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
 * are lost on restart). Atomic because each operation runs to completion without yielding: no
 * `await` sits between reading an order and writing it.
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
  const orderByRtp = new Map<string, string>()
  const orderByPayment = new Map<string, string>()
  const processed = new Map<string, string | undefined>()
  const unmatched = new Map<string, UnmatchedPayment>()
  const refunds = new Map<string, RefundRecord>()
  const notices = new Map<string, RefundNotice>()
  const timestamp = () => new Date(clock()).toISOString()
  const orderLock = createKeyedMutex()

  const save = (order: Order) => {
    orders.set(order.orderId, order)
    for (const qrId of order.qrIds) orderByQr.set(qrId, order.orderId)
    for (const rtp of order.rtps) orderByRtp.set(rtp.rtpId, order.orderId)
    if (order.payId !== undefined) orderByPayment.set(order.payId, order.orderId)
  }

  const lookup = (by: ReturnType<typeof eventLookup>): Order | undefined => {
    const viaQr = by.qrId === undefined ? undefined : orderByQr.get(by.qrId)
    if (viaQr !== undefined) return orders.get(viaQr)
    const viaRtp = by.rtpId === undefined ? undefined : orderByRtp.get(by.rtpId)
    if (viaRtp !== undefined) return orders.get(viaRtp)
    const byId = by.orderId === undefined ? undefined : orders.get(by.orderId)
    if (byId !== undefined) return byId
    const viaPayment = by.payId === undefined ? undefined : orderByPayment.get(by.payId)
    return viaPayment === undefined ? undefined : orders.get(viaPayment)
  }

  const keepPayment = (payment: UnmatchedPayment, key: string | undefined, order?: Order): ApplyResult => {
    if (key !== undefined) processed.set(key, order?.orderId)
    unmatched.set(payment.payId, payment)
    return { outcome: "unmatched", payment, ...(order === undefined ? {} : { order }) }
  }

  const apply = (event: OrderEvent, applyOptions?: ApplyOptions): ApplyResult => {
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
      if (event.type === "payment") return keepPayment(unmatchedRecord(event, at), key)
      if (key !== undefined) processed.set(key, undefined)
      return { outcome: "ignored", code: "unknown_order", reason: "No order matches this event" }
    }
    const decision = decideTransition(order, event)
    if (decision.kind === "keep" && event.type === "payment") {
      return keepPayment(unmatchedRecord(event, at, decision), key, order)
    }
    if (decision.kind !== "transition") {
      // A refund that overtook its payment is not recorded, so a later delivery can still apply it.
      if (key !== undefined && !(decision.kind === "ignore" && isPremature(event, decision.code))) {
        processed.set(key, order.orderId)
      }
      const code = decision.kind === "ignore" ? decision.code : "not_allowed"
      return { outcome: "ignored", order, code, reason: decision.reason }
    }
    if (key !== undefined) processed.set(key, order.orderId)
    const actor = applyOptions?.actor ?? DEFAULT_ACTOR
    const changed = applyDecision(order, decision, { at, actor, payload: event.payload })
    save(changed.order)
    for (const payId of changed.order.duplicatePayIds) orderByPayment.set(payId, order.orderId)
    events.publish({ orderId: order.orderId, ...changed })
    return { outcome: "applied", ...changed }
  }

  const ledgerOf = (orderId: string) => [...refunds.values()].filter((refund) => refund.orderId === orderId)

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
    async applyEvent(event, applyOptions) {
      return apply(event, applyOptions)
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
    async listDueOrders(filter) {
      const now = Date.parse(filter.now)
      return [...orders.values()]
        .filter((order) => order.nextCheckAt !== undefined && Date.parse(order.nextCheckAt) <= now)
        .sort((a, b) => Date.parse(a.nextCheckAt ?? "") - Date.parse(b.nextCheckAt ?? ""))
        .slice(0, listLimit(filter.limit))
    },
    async claimDueOrders(filter) {
      const due = await this.listDueOrders(filter)
      return due.map((order) => {
        const claimed = { ...order, nextCheckAt: filter.leaseUntil }
        orders.set(order.orderId, claimed)
        return claimed
      })
    },
    async scheduleCheck(orderId, at) {
      const order = orders.get(orderId)
      if (order !== undefined) orders.set(orderId, { ...order, nextCheckAt: at })
    },
    async listUnmatchedPayments() {
      return [...unmatched.values()]
    },
    async beginRefund(request) {
      const plan = planRefund(orders.get(request.orderId), ledgerOf(request.orderId), request, (refund) =>
        processed.has(refundEventKey(refund))
      )
      if ("existing" in plan) return { outcome: "existing", refund: plan.existing }
      const at = timestamp()
      const refund = pendingRefund(request, plan, at)
      refunds.set(refund.refundKey, refund)
      return { outcome: "started", refund, order: orders.get(request.orderId) as Order }
    },
    async finishRefund(refundKey, outcome) {
      const refund = refunds.get(refundKey)
      if (refund === undefined) {
        throw new MiaOrderError("order_not_found", `No refund ${refundKey} in the ledger`, {
          field: "refundKey"
        })
      }
      if (refund.status !== "pending") return { refund }
      const finished = finishedRecord(refund, outcome, timestamp())
      // The order first, then the ledger (see the SQL store): a crash between the two leaves a
      // pending refund that counts twice against the remainder, never one that counts zero times.
      const applied =
        finished.status === "accepted"
          ? apply(ledgerRefundEvent(finished), { actor: finished.actor })
          : undefined
      refunds.set(refundKey, finished)
      return { refund: finished, ...(applied === undefined ? {} : { applied }) }
    },
    async listRefunds(filter = {}) {
      const before = filter.createdBefore === undefined ? undefined : Date.parse(filter.createdBefore)
      return [...refunds.values()]
        .filter((refund) => filter.orderId === undefined || refund.orderId === filter.orderId)
        .filter((refund) => filter.status === undefined || refund.status === filter.status)
        .filter((refund) => filter.bankRefundId === undefined || refund.bankRefundId === filter.bankRefundId)
        .filter((refund) => before === undefined || Date.parse(refund.createdAt) < before)
        .reverse()
        .slice(0, listLimit(filter.limit))
    },
    async recordRefundNotice(notice) {
      if (notices.has(notice.refundId)) return false
      notices.set(notice.refundId, notice)
      return true
    },
    async listRefundNotices() {
      return [...notices.values()]
    },
    withOrderLock: orderLock
  }
}
