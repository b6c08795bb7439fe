import { eventLookup } from "../internal/apply-decision.js"
import {
  integer,
  json,
  optionalText,
  optionalTimestamp,
  rowsOf,
  status,
  text,
  timestamp,
  transitionFromRow
} from "../internal/sql-rows.js"
import type { Order, OrderRtp, OrderTransition, UnmatchedPayment } from "../order.js"
import type { OrderEvent } from "../order-event.js"
import type { SqlQueryable } from "./sql-client.js"

/** The order rows of the SQL store: reading, locking, compare-and-set writes. */

/**
 * The channel every committed order change is announced on (`{"o": orderId, "v": version}`),
 * from inside the transaction that made it, so listeners hear of it only once it is committed.
 */
export const ORDER_EVENTS_CHANNEL = "mia_order_events"

/** Announces an order's new version on {@link ORDER_EVENTS_CHANNEL}, inside the caller's transaction. */
export const notifyChange = (db: SqlQueryable, order: Order) =>
  db.query("SELECT pg_notify($1, $2)", [
    ORDER_EVENTS_CHANNEL,
    JSON.stringify({ o: order.orderId, v: order.version })
  ])

/** A compare-and-set update found the order changed by someone else: the transaction is retried. */
export class VersionConflict extends Error {}

const orderColumns = `order_id, amount_minor, currency, description, is_virtual, status, paid_amount_minor,
  refunded_amount_minor, pay_id, qr_id, qr_url, qr_expires_at, duplicate_pay_ids, rtps, next_check_at, version, created_at, updated_at`

export const orderFromRow = (
  row: Readonly<Record<string, unknown>>,
  history: ReadonlyArray<OrderTransition>
): Order => {
  const duplicates = json(row, "duplicate_pay_ids")
  const duplicatePayIds = Array.isArray(duplicates) ? duplicates.map(String) : []
  const qrs = json(row, "qr_ids")
  const rtps = json(row, "rtps")
  return {
    orderId: text(row, "order_id"),
    amountMinor: integer(row, "amount_minor"),
    currency: text(row, "currency"),
    description: text(row, "description"),
    virtual: row.is_virtual === true,
    status: status(row, "status"),
    paidAmountMinor: integer(row, "paid_amount_minor"),
    refundedAmountMinor: integer(row, "refunded_amount_minor"),
    payId: optionalText(row, "pay_id"),
    qrId: optionalText(row, "qr_id"),
    qrUrl: optionalText(row, "qr_url"),
    qrExpiresAt: optionalTimestamp(row, "qr_expires_at"),
    qrIds: Array.isArray(qrs) ? qrs.map(String) : [],
    rtps: Array.isArray(rtps) ? (rtps as Array<OrderRtp>) : [],
    nextCheckAt: optionalTimestamp(row, "next_check_at"),
    duplicatePayment: duplicatePayIds.length > 0,
    duplicatePayIds,
    history,
    version: integer(row, "version"),
    createdAt: timestamp(row, "created_at"),
    updatedAt: timestamp(row, "updated_at")
  }
}

const UNMATCHED_CODES = ["unknown_order", "foreign_qr", "terms_mismatch"] as const

export const unmatchedFromRow = (row: Readonly<Record<string, unknown>>): UnmatchedPayment => {
  const payload = json(row, "payload")
  return {
    code: UNMATCHED_CODES.find((code) => code === row.code) ?? "unknown_order",
    payId: text(row, "pay_id"),
    qrId: optionalText(row, "qr_id"),
    orderId: optionalText(row, "order_id"),
    amountMinor: integer(row, "amount_minor"),
    currency: text(row, "currency"),
    reason: text(row, "reason"),
    receivedAt: timestamp(row, "received_at"),
    ...(payload === undefined || payload === null ? {} : { payload })
  }
}

export const jsonParam = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value)

const historyFromJson = (value: unknown): ReadonlyArray<OrderTransition> =>
  Array.isArray(value) ? rowsOf({ rows: value }).map(transitionFromRow) : []

const selectOrder = (where: string) => `SELECT ${orderColumns}, (
    SELECT coalesce(json_agg(json_build_object('at', h.at, 'from_status', h.from_status, 'to_status', h.to_status,
      'code', h.code, 'reason', h.reason, 'actor', h.actor, 'payload', h.payload) ORDER BY h.id), '[]'::json)
    FROM mia_order_history h WHERE h.order_id = o.order_id
  ) AS history, (
    SELECT coalesce(json_agg(q.qr_id ORDER BY q.seq), '[]'::json) FROM mia_order_qrs q WHERE q.order_id = o.order_id
  ) AS qr_ids
  FROM mia_orders o WHERE ${where}`

const firstOrder = async (
  db: SqlQueryable,
  where: string,
  params: Array<unknown>
): Promise<Order | undefined> => {
  const [row] = rowsOf(await db.query(selectOrder(where), params))
  return row === undefined ? undefined : orderFromRow(row, historyFromJson(json(row, "history")))
}

/**
 * One round trip: the order row with its history and QRs aggregated in order. With `lock`, the
 * row is first locked by a statement of its own (a second round trip): a `FOR UPDATE` that waited
 * for another writer re-reads the row but not the history subquery (its snapshot predates the
 * wait), so the history would be stale; the load after the lock sees everything committed before it.
 */
export const loadOrder = async (
  db: SqlQueryable,
  orderId: string,
  lock = false
): Promise<Order | undefined> => {
  if (lock) await db.query("SELECT 1 FROM mia_orders WHERE order_id = $1 FOR UPDATE", [orderId])
  return firstOrder(db, "o.order_id = $1", [orderId])
}

export const insertHistory = (db: SqlQueryable, orderId: string, entry: OrderTransition) =>
  db.query(
    `INSERT INTO mia_order_history (order_id, at, from_status, to_status, code, reason, actor, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [orderId, entry.at, entry.from, entry.to, entry.code, entry.reason, entry.actor, jsonParam(entry.payload)]
  )

/** Writes a changed order if nobody changed it since `expected` was read (compare-and-set). */
export const updateOrder = async (db: SqlQueryable, order: Order, expected: Order) => {
  const expectedVersion = expected.version
  const { rows } = await db.query(
    `UPDATE mia_orders SET status = $3, paid_amount_minor = $4, refunded_amount_minor = $5, pay_id = $6,
       qr_id = $7, qr_url = $8, qr_expires_at = $9, duplicate_pay_ids = $10::jsonb, version = $11, updated_at = $12,
       next_check_at = $13, rtps = $14::jsonb
     WHERE order_id = $1 AND version = $2 RETURNING version`,
    [
      order.orderId,
      expectedVersion,
      order.status,
      order.paidAmountMinor,
      order.refundedAmountMinor,
      order.payId ?? null,
      order.qrId ?? null,
      order.qrUrl ?? null,
      order.qrExpiresAt ?? null,
      JSON.stringify(order.duplicatePayIds),
      order.version,
      order.updatedAt,
      order.nextCheckAt ?? null,
      JSON.stringify(order.rtps)
    ]
  )
  if (rows.length === 0) throw new VersionConflict(`Order ${order.orderId} changed concurrently`)
  if (order.qrId !== undefined && order.qrId !== expected.qrId) {
    await db.query(
      "INSERT INTO mia_order_qrs (qr_id, order_id) VALUES ($1, $2) ON CONFLICT (qr_id) DO NOTHING",
      [order.qrId, order.orderId]
    )
  }
}

/**
 * Finds the order an event is about: by any QR or payment request it ever had (each belongs to
 * one order), then by id, then by payment.
 */
export const findOrder = async (db: SqlQueryable, event: OrderEvent): Promise<Order | undefined> => {
  const by = eventLookup(event)
  if (by.rtpId !== undefined) {
    const viaRtp = await firstOrder(
      db,
      "o.rtps @> jsonb_build_array(jsonb_build_object('rtpId', $1::text))",
      [by.rtpId]
    )
    if (viaRtp !== undefined) return viaRtp
  }
  // The usual case in one round trip: the QR's order, else the named order.
  const found =
    by.qrId === undefined && by.orderId === undefined
      ? undefined
      : await firstOrder(
          db,
          "o.order_id = coalesce((SELECT q.order_id FROM mia_order_qrs q WHERE q.qr_id = $1), $2)",
          [by.qrId ?? null, by.orderId ?? null]
        )
  if (found !== undefined || by.payId === undefined) return found
  return firstOrder(db, "o.pay_id = $1 OR o.duplicate_pay_ids @> jsonb_build_array($1::text) LIMIT 1", [
    by.payId
  ])
}

/** Postgres' code for a division by zero: the guard below uses it to undo a whole statement. */
const DIVISION_BY_ZERO = "22012"

const isDivisionByZero = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === DIVISION_BY_ZERO

/**
 * Applies a decided transition in ONE statement, atomic on its own (no transaction round trips):
 * a compare-and-set update of the order, the idempotency claim and the history entry. When the
 * update found another version nothing is written ("conflict": re-read and decide again); when
 * the key was taken meanwhile, the guard divides by zero so the statement, update included, is
 * rolled back ("taken").
 */
export const writeTransition = async (
  db: SqlQueryable,
  key: string | undefined,
  next: Order,
  expected: Order,
  entry: OrderTransition
): Promise<"applied" | "conflict" | "taken"> => {
  try {
    const { rows } = await db.query(
      `WITH upd AS (
         UPDATE mia_orders SET status = $5, paid_amount_minor = $6, refunded_amount_minor = $7, pay_id = $8, qr_id = $9,
           qr_url = $10, qr_expires_at = $11, duplicate_pay_ids = $12::jsonb, version = $13, updated_at = $3,
           next_check_at = $21, rtps = $22::jsonb
         WHERE order_id = $2 AND version = $4 RETURNING order_id
       ), claim AS (
         INSERT INTO mia_processed_events (event_key, order_id, outcome, processed_at)
         SELECT $1::text, order_id, 'applied', $3 FROM upd WHERE $1::text IS NOT NULL
         ON CONFLICT (event_key) DO NOTHING RETURNING event_key
       ), history AS (
         INSERT INTO mia_order_history (order_id, at, from_status, to_status, code, reason, actor, payload)
         SELECT order_id, $3, $14, $15, $16, $17, $18, $19::jsonb FROM upd
       ), qrs AS (
         INSERT INTO mia_order_qrs (qr_id, order_id) SELECT $9, order_id FROM upd WHERE $20
         ON CONFLICT (qr_id) DO NOTHING
       ), notify AS (
         SELECT pg_notify('${ORDER_EVENTS_CHANNEL}', json_build_object('o', order_id, 'v', $13::int)::text) FROM upd
       )
       SELECT CASE WHEN (SELECT count(*) FROM upd) = 0 THEN 0
                   WHEN $1::text IS NULL THEN 1
                   ELSE 1 / (SELECT count(*) FROM claim)::int END AS applied,
              (SELECT count(*) FROM notify) AS notified`,
      [
        key ?? null,
        next.orderId,
        next.updatedAt,
        expected.version,
        next.status,
        next.paidAmountMinor,
        next.refundedAmountMinor,
        next.payId ?? null,
        next.qrId ?? null,
        next.qrUrl ?? null,
        next.qrExpiresAt ?? null,
        JSON.stringify(next.duplicatePayIds),
        next.version,
        entry.from,
        entry.to,
        entry.code,
        entry.reason,
        entry.actor,
        jsonParam(entry.payload),
        next.qrId !== undefined && next.qrId !== expected.qrId,
        next.nextCheckAt ?? null,
        JSON.stringify(next.rtps)
      ]
    )
    const [row] = rowsOf({ rows })
    return row !== undefined && Number(row.applied) === 1 ? "applied" : "conflict"
  } catch (error) {
    if (isDivisionByZero(error)) return "taken"
    throw error
  }
}
