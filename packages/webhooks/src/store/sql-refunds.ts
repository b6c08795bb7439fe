import { integer, optionalText, rowsOf, text, timestamp, json } from "../internal/sql-rows.js"
import type { ListRefundsFilter, RefundNotice, RefundRecord, RefundStatus } from "../refunds/refund-record.js"
import type { SqlQueryable } from "./sql-client.js"

const STATUSES: ReadonlyArray<RefundStatus> = ["pending", "accepted", "failed"]

type Row = Readonly<Record<string, unknown>>

const refundFromRow = (row: Row): RefundRecord => {
  const status = STATUSES.find((candidate) => candidate === row.status)
  if (status === undefined)
    throw new TypeError(`mia_refunds.status holds an unknown status ${String(row.status)}`)
  return {
    refundKey: text(row, "refund_key"),
    orderId: text(row, "order_id"),
    idempotencyKey: text(row, "idempotency_key"),
    payId: text(row, "pay_id"),
    amountMinor: integer(row, "amount_minor"),
    reason: text(row, "reason"),
    actor: text(row, "actor"),
    status,
    bankRefundId: optionalText(row, "bank_refund_id"),
    bankStatus: optionalText(row, "bank_status"),
    failure: optionalText(row, "failure"),
    createdAt: timestamp(row, "created_at"),
    updatedAt: timestamp(row, "updated_at")
  }
}

/** The ledger rows of one order (the caller holds the order's row lock when it decides on them). */
export const refundsOfOrder = async (
  db: SqlQueryable,
  orderId: string
): Promise<ReadonlyArray<RefundRecord>> =>
  rowsOf(
    await db.query("SELECT * FROM mia_refunds WHERE order_id = $1 ORDER BY created_at, refund_key", [orderId])
  ).map(refundFromRow)

export const insertRefund = (db: SqlQueryable, refund: RefundRecord) =>
  db.query(
    `INSERT INTO mia_refunds (refund_key, order_id, idempotency_key, pay_id, amount_minor, reason, actor, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      refund.refundKey,
      refund.orderId,
      refund.idempotencyKey,
      refund.payId,
      refund.amountMinor,
      refund.reason,
      refund.actor,
      refund.status,
      refund.createdAt
    ]
  )

export const loadRefund = async (db: SqlQueryable, refundKey: string): Promise<RefundRecord | undefined> => {
  const [row] = rowsOf(await db.query("SELECT * FROM mia_refunds WHERE refund_key = $1", [refundKey]))
  return row === undefined ? undefined : refundFromRow(row)
}

/** Records the bank's answer if the refund is still pending; `false` when someone else did first. */
export const settleRefund = async (db: SqlQueryable, refund: RefundRecord): Promise<boolean> => {
  const { rows } = await db.query(
    `UPDATE mia_refunds SET status = $2, bank_refund_id = $3, bank_status = $4, failure = $5, updated_at = $6
     WHERE refund_key = $1 AND status = 'pending' RETURNING refund_key`,
    [
      refund.refundKey,
      refund.status,
      refund.bankRefundId ?? null,
      refund.bankStatus ?? null,
      refund.failure ?? null,
      refund.updatedAt
    ]
  )
  return rows.length > 0
}

export const listRefundRows = async (
  db: SqlQueryable,
  filter: ListRefundsFilter,
  limit: number
): Promise<ReadonlyArray<RefundRecord>> =>
  rowsOf(
    await db.query(
      `SELECT * FROM mia_refunds
       WHERE ($1::text IS NULL OR order_id = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR bank_refund_id = $3) AND ($4::timestamptz IS NULL OR created_at < $4::timestamptz)
       ORDER BY created_at DESC, refund_key DESC LIMIT $5`,
      [
        filter.orderId ?? null,
        filter.status ?? null,
        filter.bankRefundId ?? null,
        filter.createdBefore ?? null,
        limit
      ]
    )
  ).map(refundFromRow)

export const insertRefundNotice = async (db: SqlQueryable, notice: RefundNotice): Promise<boolean> => {
  const { rows } = await db.query(
    `INSERT INTO mia_refund_notices (refund_id, pay_id, order_id, amount_minor, reason, payload, received_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (refund_id) DO NOTHING RETURNING refund_id`,
    [
      notice.refundId,
      notice.payId,
      notice.orderId ?? null,
      notice.amountMinor ?? null,
      notice.reason,
      notice.payload === undefined ? null : JSON.stringify(notice.payload),
      notice.receivedAt
    ]
  )
  return rows.length > 0
}

export const listRefundNoticeRows = async (db: SqlQueryable): Promise<ReadonlyArray<RefundNotice>> =>
  rowsOf(await db.query("SELECT * FROM mia_refund_notices ORDER BY received_at, refund_id")).map((row) => {
    const payload = json(row, "payload")
    const amount = row.amount_minor
    return {
      refundId: text(row, "refund_id"),
      payId: text(row, "pay_id"),
      orderId: optionalText(row, "order_id"),
      amountMinor: amount === null || amount === undefined ? undefined : integer(row, "amount_minor"),
      reason: text(row, "reason"),
      receivedAt: timestamp(row, "received_at"),
      ...(payload === undefined || payload === null ? {} : { payload })
    }
  })
