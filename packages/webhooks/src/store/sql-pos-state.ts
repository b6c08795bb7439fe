import { json, optionalTimestamp, rowsOf } from "../internal/sql-rows.js"
import type { PosCashierState, PosChargeMemo, VersionedPosCashierState } from "../pos/cashier-state.js"
import type { SqlQueryable } from "./sql-client.js"

type Row = Readonly<Record<string, unknown>>

const isRecord = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The stored JSON as a cashier state; fields it does not recognise are dropped. */
const cashierStateOf = (value: unknown): PosCashierState => {
  if (!isRecord(value)) return {}
  const { activation, seller, lastClosedShiftId } = value
  return {
    ...(isRecord(activation) ? { activation: activation as PosCashierState["activation"] } : {}),
    ...(isRecord(seller) ? { seller: seller as PosCashierState["seller"] } : {}),
    ...(typeof lastClosedShiftId === "string" ? { lastClosedShiftId } : {})
  }
}

/** The till's state and version; version 0 and an empty state before its first write. */
export const loadTillState = async (db: SqlQueryable, tillId: string): Promise<VersionedPosCashierState> => {
  const [row] = rowsOf(
    await db.query("SELECT version, state FROM mia_pos_tills WHERE till_id = $1", [tillId])
  )
  if (row === undefined) return { version: 0, state: {} }
  return { version: Number(row.version), state: cashierStateOf(json(row, "state")) }
}

/**
 * Writes `next` if the till's version is still `expected`, in one statement: the first write
 * inserts the row (version 0 is "no row"), a later one updates it only over the version it read.
 */
export const compareAndSetTillState = async (
  db: SqlQueryable,
  tillId: string,
  expected: number,
  next: PosCashierState
): Promise<boolean> => {
  const { rows } = await db.query(
    `INSERT INTO mia_pos_tills (till_id, version, state, updated_at) VALUES ($1, $2::integer + 1, $3::jsonb, now())
     ON CONFLICT (till_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, updated_at = now()
     WHERE mia_pos_tills.version = $2::integer
     RETURNING version`,
    [tillId, expected, JSON.stringify(next)]
  )
  return rows.length === 1
}

/** Remembers a charge as the newest of its till, then forgets the oldest past `maxCharges`. */
export const insertTillCharge = async (
  db: SqlQueryable,
  tillId: string,
  chargeId: string,
  memo: PosChargeMemo,
  maxCharges: number
): Promise<void> => {
  await db.query(
    `INSERT INTO mia_pos_charges (till_id, charge_id, url, amount, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (till_id, charge_id) DO UPDATE SET url = EXCLUDED.url, amount = EXCLUDED.amount,
       expires_at = EXCLUDED.expires_at, seq = nextval(pg_get_serial_sequence('mia_pos_charges', 'seq'))`,
    [tillId, chargeId, memo.url, memo.amount, memo.expiresAt ?? null]
  )
  await db.query(
    `DELETE FROM mia_pos_charges WHERE till_id = $1 AND charge_id IN (
       SELECT charge_id FROM mia_pos_charges WHERE till_id = $1 ORDER BY seq DESC OFFSET $2)`,
    [tillId, maxCharges]
  )
}

/** A remembered charge of the till, if any. */
export const findTillCharge = async (
  db: SqlQueryable,
  tillId: string,
  chargeId: string
): Promise<PosChargeMemo | undefined> => {
  const [row] = rowsOf(
    await db.query(
      "SELECT url, amount, expires_at FROM mia_pos_charges WHERE till_id = $1 AND charge_id = $2",
      [tillId, chargeId]
    )
  )
  if (row === undefined) return undefined
  const expiresAt = optionalTimestamp(row, "expires_at")
  return {
    url: String(row.url),
    amount: Number(row.amount),
    ...(expiresAt === undefined ? {} : { expiresAt })
  }
}
