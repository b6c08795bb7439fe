import { decideTransition, isPremature, type TransitionDecision } from "../decide-transition.js"
import { MiaOrderError } from "../errors.js"
import { createOrderEventBus, type OrderChange, type OrderEventBus } from "../events/order-event-bus.js"
import {
  applyDecision,
  attachQrRecord,
  DEFAULT_ACTOR,
  listLimit,
  newOrderRecord,
  sameOrder,
  unmatchedRecord
} from "../internal/apply-decision.js"
import { sqlAccess } from "../internal/sql-transaction.js"
import { rowsOf, text } from "../internal/sql-rows.js"
import { createKeyedMutex, createSemaphore } from "../internal/keyed-mutex.js"
import { validateNewOrder } from "../internal/validate-new-order.js"
import type { Order, UnmatchedPayment } from "../order.js"
import { eventKey, type OrderEvent } from "../order-event.js"
import { pendingRefund, planRefund } from "../refunds/plan-refund.js"
import { finishedRecord, ledgerRefundEvent, refundEventKey } from "../refunds/refund-record.js"
import type { SqlClient, SqlQueryable } from "./sql-client.js"
import {
  findOrder,
  insertHistory,
  jsonParam,
  loadOrder,
  notifyChange,
  unmatchedFromRow,
  updateOrder,
  VersionConflict,
  writeTransition
} from "./sql-orders.js"
import { migrateMiaSchema } from "./sql-migrations.js"
import { createOrderChangeRelay } from "./order-change-relay.js"
import {
  type ListenerEvents,
  type OrderListener,
  type SqlListenOptions,
  startPgliteOrderListener,
  startSqlOrderListener
} from "./sql-order-listener.js"
import type { ApplyResult, OrderStore } from "./order-store.js"
import {
  insertRefund,
  insertRefundNotice,
  listRefundNoticeRows,
  listRefundRows,
  loadRefund,
  refundsOfOrder,
  settleRefund
} from "./sql-refunds.js"

/**
 * Options of {@link createSqlOrderStore}.
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite"
 * const options: SqlOrderStoreOptions = { db: new PGlite() }
 */
export interface SqlOrderStoreOptions {
  /** A PGlite instance, a `pg.Pool` or a `pg.Client`. */
  readonly db: SqlClient
  /** The bus changes are published on; a new one by default. */
  readonly events?: OrderEventBus | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
  /** Apply the schema migrations before the first operation. Defaults to `true`. */
  readonly migrate?: boolean | undefined
  /**
   * How to hear about changes other servers commit, so `events` (and the SSE streams on it) see
   * them too: a dedicated LISTEN connection (`{ connect }`, a `pg.Client`). PGlite's own
   * listen/notify is used by default; `false` turns listening off (one server only).
   */
  readonly listen?: SqlListenOptions | false | undefined
  /** Told about a lost listening connection (it reconnects by itself). Default `console.warn`. */
  readonly onListenError?: ((error: unknown) => void) | undefined
}

/**
 * An {@link OrderStore} backed by SQL, plus `ready()` to run the migrations eagerly.
 *
 * @example
 * const store: SqlOrderStore = createSqlOrderStore({ db })
 * await store.ready() // fail fast at start-up if the database is unreachable
 */
export interface SqlOrderStore extends OrderStore {
  /** Resolves once the schema is migrated (runs the migrations on the first call). */
  ready(): Promise<void>
  /** Stops listening for other servers' changes (the database handle stays open: it is yours). */
  close(): Promise<void>
}

// A lost compare-and-set means another change to the same order committed, so retries always
// make progress; a writer loses at most once per change landing on its order meanwhile. Five was
// fewer than the concurrent changes a few pooled servers bring to one order (refunds and their
// redeliveries), and failed such bursts with `conflict` on real PostgreSQL.
const MAX_ATTEMPTS = 50

/** `pg.Pool`'s `max` (10 by default). */
const poolSize = (db: SqlClient): number => {
  const max = (db as { options?: { max?: unknown } }).options?.max
  return typeof max === "number" && max > 0 ? max : 10
}

const timestampText = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : String(value)

const hasPgliteListen = (
  db: SqlClient
): db is SqlClient & {
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>
} => typeof (db as { listen?: unknown }).listen === "function"

const listenFor = (options: SqlOrderStoreOptions, events: ListenerEvents): OrderListener | undefined => {
  if (options.listen === false) return undefined
  if (options.listen !== undefined) return startSqlOrderListener(options.listen, events)
  return hasPgliteListen(options.db) ? startPgliteOrderListener(options.db, events) : undefined
}

const storageError = (operation: string, error: unknown): MiaOrderError =>
  error instanceof MiaOrderError
    ? error
    : new MiaOrderError(
        "storage",
        `The order store failed during ${operation}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )

/**
 * An {@link OrderStore} on SQL: one implementation for PGlite (the embedded default) and
 * PostgreSQL through `pg` (production, several servers on one database). Idempotency is a
 * primary key on the processed `payId` / `refundId`; each change is one atomic statement that
 * compare-and-sets the order (`UPDATE ... WHERE version = $n`), claims the key and records the
 * history, so concurrent deliveries apply once, across servers too.
 * Tables are prefixed `mia_`; migrations run on first use (see {@link migrateMiaSchema}).
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite"
 * import { createSqlOrderStore } from "@mia-sdk/webhooks"
 *
 * const store = createSqlOrderStore({ db: new PGlite("./data/orders") })
 * await store.createOrder({ orderId: "1001", amount: 150.25 })
 */
export const createSqlOrderStore = (options: SqlOrderStoreOptions): SqlOrderStore => {
  const reportListenError =
    options.onListenError ??
    ((error: unknown) =>
      console.warn("[@mia-sdk/webhooks] listening for order changes failed; retrying", error))
  const access = sqlAccess(options.db)
  const events = options.events ?? createOrderEventBus()
  const localLock = createKeyedMutex()
  // A lock holder keeps a pooled connection while its work needs others from the same pool: if
  // every connection held a lock, the work would wait forever. Half the pool at most holds locks.
  const lockSlots = createSemaphore(Math.max(1, Math.floor(poolSize(options.db) / 2)))
  const relay = createOrderChangeRelay(events, (orderId) => read("getOrder", (db) => loadOrder(db, orderId)))
  const listener = listenFor(options, {
    onChange: (change) => void relay.announced(change).catch(reportListenError),
    onListening: () => void relay.resync().catch(reportListenError),
    onError: (error) => reportListenError(error)
  })
  const clock = options.now ?? Date.now
  const nowIso = () => new Date(clock()).toISOString()
  let migrated: Promise<void> | undefined

  const ready = (): Promise<void> => {
    if (options.migrate === false) return Promise.resolve()
    if (migrated === undefined) {
      migrated = migrateMiaSchema(options.db).then(() => undefined)
      // A failed migration is not cached: the next call tries again.
      migrated.catch(() => {
        migrated = undefined
      })
    }
    return migrated
  }

  /** Runs `work` in a transaction, retried when a compare-and-set lost a race. */
  const inTransaction = async <T>(operation: string, work: (tx: SqlQueryable) => Promise<T>): Promise<T> => {
    try {
      await ready()
      for (let attempt = 1; ; attempt++) {
        try {
          return await access.transaction(work)
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error
          if (attempt >= MAX_ATTEMPTS) {
            throw new MiaOrderError("conflict", `${error.message}; gave up after ${MAX_ATTEMPTS} attempts`)
          }
        }
      }
    } catch (error) {
      throw storageError(operation, error)
    }
  }

  const read = async <T>(operation: string, work: (db: SqlQueryable) => Promise<T>): Promise<T> => {
    try {
      await ready()
      return await work({ query: access.query })
    } catch (error) {
      throw storageError(operation, error)
    }
  }

  /**
   * One attempt at applying an event, in two round trips: read the order, then write the decided
   * outcome in a single atomic statement guarded by the order's version and the event's key.
   */
  const applyOnce = async (
    db: SqlQueryable,
    event: OrderEvent,
    actor: string
  ): Promise<{ result: ApplyResult; change?: OrderChange }> => {
    const at = nowIso()
    const key = eventKey(event)
    const order = await findOrder(db, event)
    const duplicate = async (): Promise<{ result: ApplyResult }> => ({
      result: {
        outcome: "duplicate",
        eventKey: key ?? "",
        order: order === undefined ? undefined : await loadOrder(db, order.orderId)
      }
    })
    // The processed-events primary key is the idempotency guard: a second writer of the same key
    // (even in another transaction on another server) finds it taken.
    const claim = async (outcome: string): Promise<boolean> => {
      if (key === undefined) return true
      const { rows } = await db.query(
        `INSERT INTO mia_processed_events (event_key, order_id, outcome, processed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_key) DO NOTHING RETURNING event_key`,
        [key, order?.orderId ?? null, outcome, at]
      )
      return rows.length > 0
    }

    /** Keeps a payment aside (claim and record in one statement): it pays no order. */
    const keepPayment = async (payment: UnmatchedPayment, named?: Order) => {
      const { rows } = await db.query(
        `WITH claim AS (
           INSERT INTO mia_processed_events (event_key, order_id, outcome, processed_at) VALUES ($1, $11, 'unmatched', $9)
           ON CONFLICT (event_key) DO NOTHING RETURNING event_key
         ), kept AS (
           INSERT INTO mia_unmatched_payments (pay_id, qr_id, order_id, amount_minor, currency, reason, payload, received_at, code)
           SELECT $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10 FROM claim ON CONFLICT (pay_id) DO NOTHING
         )
         SELECT count(*)::int AS claimed FROM claim`,
        [
          key,
          payment.payId,
          payment.qrId ?? null,
          payment.orderId ?? null,
          payment.amountMinor,
          payment.currency,
          payment.reason,
          jsonParam(payment.payload),
          payment.receivedAt,
          payment.code ?? "unknown_order",
          named?.orderId ?? null
        ]
      )
      const [row] = rowsOf({ rows })
      if (row === undefined || Number(row.claimed) === 0) return duplicate()
      return {
        result: { outcome: "unmatched", payment, ...(named === undefined ? {} : { order: named }) } as const
      }
    }

    if (order === undefined) {
      if (event.type !== "payment") {
        if (!(await claim("ignored"))) return duplicate()
        return {
          result: { outcome: "ignored", code: "unknown_order", reason: "No order matches this event" }
        }
      }
      return keepPayment(unmatchedRecord(event, at))
    }
    const decision: TransitionDecision = decideTransition(order, event)
    if (decision.kind === "keep" && event.type === "payment") {
      return keepPayment(unmatchedRecord(event, at, decision), order)
    }
    if (decision.kind !== "transition") {
      const premature = decision.kind === "ignore" && isPremature(event, decision.code)
      // A refund that overtook its payment is not recorded, so a later delivery can still apply it.
      if (!premature && !(await claim("ignored"))) return duplicate()
      const code = decision.kind === "ignore" ? decision.code : "not_allowed"
      return { result: { outcome: "ignored", order, code, reason: decision.reason } }
    }
    const changed = applyDecision(order, decision, { at, actor, payload: event.payload })
    const written = await writeTransition(db, key, changed.order, order, changed.transition)
    if (written === "conflict") throw new VersionConflict(`Order ${order.orderId} changed concurrently`)
    if (written === "taken") return duplicate()
    return {
      result: { outcome: "applied", ...changed },
      change: { orderId: order.orderId, ...changed }
    }
  }

  /** Applies an event, deciding again whenever another writer changed the order first. */
  const applyWithRetries = async (event: OrderEvent, actor: string) => {
    try {
      await ready()
      for (let attempt = 1; ; attempt++) {
        try {
          return await applyOnce({ query: access.query }, event, actor)
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error
          if (attempt >= MAX_ATTEMPTS) {
            throw new MiaOrderError("conflict", `${error.message}; gave up after ${MAX_ATTEMPTS} attempts`)
          }
        }
      }
    } catch (error) {
      throw storageError("applyEvent", error)
    }
  }

  return {
    events,
    ready,
    close: () => listener?.close() ?? Promise.resolve(),
    async createOrder(input, applyOptions) {
      const valid = validateNewOrder(input)
      const candidate = newOrderRecord(valid, nowIso(), applyOptions?.actor ?? DEFAULT_ACTOR)
      const { order, created } = await inTransaction("createOrder", async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO mia_orders (order_id, amount_minor, currency, description, is_virtual, status, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
          [
            candidate.orderId,
            candidate.amountMinor,
            candidate.currency,
            candidate.description,
            candidate.virtual,
            candidate.status,
            candidate.version,
            candidate.createdAt
          ]
        )
        if (inserted.rows.length === 0) {
          const existing = await loadOrder(tx, valid.orderId)
          if (existing !== undefined && sameOrder(existing, valid)) return { order: existing, created: false }
          throw new MiaOrderError("order_exists", `Order ${valid.orderId} already exists with other values`, {
            field: "orderId"
          })
        }
        for (const entry of candidate.history) await insertHistory(tx, candidate.orderId, entry)
        await notifyChange(tx, candidate)
        return { order: candidate, created: true }
      })
      const [transition] = order.history
      if (created && transition !== undefined) relay.publish({ orderId: order.orderId, order, transition })
      return order
    },
    getOrder: (orderId) => read("getOrder", (db) => loadOrder(db, orderId)),
    findOrderByQrId: (qrId) =>
      read("findOrderByQrId", async (db) => {
        const [row] = rowsOf(await db.query("SELECT order_id FROM mia_order_qrs WHERE qr_id = $1", [qrId]))
        return row === undefined ? undefined : loadOrder(db, text(row, "order_id"))
      }),
    async attachQr(orderId, qr, applyOptions) {
      const changed = await inTransaction("attachQr", async (tx) => {
        const order = await loadOrder(tx, orderId, true)
        if (order === undefined) {
          throw new MiaOrderError("order_not_found", `No order ${orderId}`, { field: "orderId" })
        }
        const next = attachQrRecord(order, qr, { at: nowIso(), actor: applyOptions?.actor ?? DEFAULT_ACTOR })
        await updateOrder(tx, next.order, order)
        await insertHistory(tx, orderId, next.transition)
        await notifyChange(tx, next.order)
        return next
      })
      relay.publish({ orderId, ...changed })
      return changed.order
    },
    async applyEvent(event, applyOptions) {
      const actor = applyOptions?.actor ?? DEFAULT_ACTOR
      const { result, change } = await applyWithRetries(event, actor)
      if (change !== undefined) relay.publish(change)
      return result
    },
    listOrders: (filter = {}) =>
      read("listOrders", async (db) => {
        const { rows } = await db.query(
          `SELECT order_id FROM mia_orders
           WHERE ($1::text[] IS NULL OR status = ANY($1::text[])) AND ($2::timestamptz IS NULL OR updated_at < $2::timestamptz)
           ORDER BY updated_at, order_id LIMIT $3`,
          [
            filter.statuses === undefined ? null : [...filter.statuses],
            filter.updatedBefore ?? null,
            listLimit(filter.limit)
          ]
        )
        const orders: Array<Order> = []
        for (const row of rowsOf({ rows })) {
          const order = await loadOrder(db, text(row, "order_id"))
          if (order !== undefined) orders.push(order)
        }
        return orders
      }),
    listDueOrders: (filter) =>
      read("listDueOrders", async (db) => {
        const { rows } = await db.query(
          `SELECT order_id FROM mia_orders WHERE next_check_at <= $1::timestamptz
           ORDER BY next_check_at, order_id LIMIT $2`,
          [filter.now, listLimit(filter.limit)]
        )
        const orders: Array<Order> = []
        for (const row of rowsOf({ rows })) {
          const order = await loadOrder(db, text(row, "order_id"))
          if (order !== undefined) orders.push(order)
        }
        return orders
      }),
    claimDueOrders: (filter) =>
      read("claimDueOrders", async (db) => {
        const { rows } = await db.query(
          `WITH due AS (
             SELECT order_id, next_check_at FROM mia_orders WHERE next_check_at <= $1::timestamptz
             ORDER BY next_check_at, order_id LIMIT $2 FOR UPDATE SKIP LOCKED
           )
           UPDATE mia_orders o SET next_check_at = $3 FROM due WHERE o.order_id = due.order_id
           RETURNING o.order_id, due.next_check_at AS was_due`,
          [filter.now, listLimit(filter.limit), filter.leaseUntil]
        )
        const claimed = [...rowsOf({ rows })].sort(
          (a, b) => Date.parse(timestampText(a.was_due)) - Date.parse(timestampText(b.was_due))
        )
        const orders: Array<Order> = []
        for (const row of claimed) {
          const order = await loadOrder(db, text(row, "order_id"))
          if (order !== undefined) orders.push(order)
        }
        return orders
      }),
    scheduleCheck: (orderId, at) =>
      read("scheduleCheck", async (db) => {
        await db.query("UPDATE mia_orders SET next_check_at = $2 WHERE order_id = $1", [orderId, at ?? null])
      }),
    listUnmatchedPayments: () =>
      read("listUnmatchedPayments", async (db) =>
        rowsOf(await db.query("SELECT * FROM mia_unmatched_payments ORDER BY received_at, pay_id")).map(
          unmatchedFromRow
        )
      ),
    beginRefund: (request) =>
      inTransaction("beginRefund", async (tx) => {
        // The order's row lock serialises every refund of this order, across servers too.
        const order = await loadOrder(tx, request.orderId, true)
        const ledger = await refundsOfOrder(tx, request.orderId)
        const pendingKeys = ledger
          .filter((refund) => refund.status === "pending")
          .map((refund) => refundEventKey(refund))
        const applied = new Set(
          rowsOf(
            await tx.query("SELECT event_key FROM mia_processed_events WHERE event_key = ANY($1::text[])", [
              pendingKeys
            ])
          ).map((row) => text(row, "event_key"))
        )
        const plan = planRefund(order, ledger, request, (refund) => applied.has(refundEventKey(refund)))
        if ("existing" in plan) return { outcome: "existing", refund: plan.existing } as const
        const at = nowIso()
        const refund = pendingRefund(request, plan, at)
        await insertRefund(tx, refund)
        return { outcome: "started", refund, order: order as Order } as const
      }),
    async finishRefund(refundKey, outcome) {
      const refund = await read("finishRefund", (db) => loadRefund(db, refundKey))
      if (refund === undefined) {
        throw new MiaOrderError("order_not_found", `No refund ${refundKey} in the ledger`, {
          field: "refundKey"
        })
      }
      if (refund.status !== "pending") return { refund }
      const finished = finishedRecord(refund, outcome, nowIso())
      // The order first, then the ledger: after a crash between the two the refund is still
      // pending (it counts twice against the remainder, never zero times) and finishing it again
      // finds its event already applied under the same key.
      let applied: ApplyResult | undefined
      if (finished.status === "accepted") {
        const { result, change } = await applyWithRetries(ledgerRefundEvent(finished), finished.actor)
        if (change !== undefined) relay.publish(change)
        applied = result
      }
      const settled = await read("finishRefund", (db) => settleRefund(db, finished))
      const current = settled
        ? finished
        : ((await read("finishRefund", (db) => loadRefund(db, refundKey))) ?? finished)
      return { refund: current, ...(applied === undefined ? {} : { applied }) }
    },
    listRefunds: (filter = {}) =>
      read("listRefunds", (db) => listRefundRows(db, filter, listLimit(filter.limit))),
    recordRefundNotice: (notice) => read("recordRefundNotice", (db) => insertRefundNotice(db, notice)),
    listRefundNotices: () => read("listRefundNotices", (db) => listRefundNoticeRows(db)),
    withOrderLock: (orderId, work) =>
      localLock(orderId, async () => {
        // One process (PGlite, one connection): the local lock is the whole story. On a pool, a
        // transaction-scoped advisory lock on a connection of its own excludes every other server
        // and is released by COMMIT, or by the server if this process dies.
        if (!access.concurrent) return work()
        await ready()
        return lockSlots(() =>
          access.transaction(async (tx) => {
            await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`mia-order:${orderId}`])
            return work()
          })
        )
      })
  }
}
