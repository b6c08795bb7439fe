import { json, rowsOf } from "../internal/sql-rows.js"
import type { SqlQueryable } from "./sql-client.js"

/** The till's MiaPos session as stored (unchecked JSON), or `undefined` before the first save. */
export const loadSessionRow = async (db: SqlQueryable, tillId: string): Promise<unknown> => {
  const [row] = rowsOf(await db.query("SELECT session FROM mia_pos_sessions WHERE till_id = $1", [tillId]))
  return row === undefined ? undefined : json(row, "session")
}

/** Replaces the till's MiaPos session. */
export const saveSessionRow = async (db: SqlQueryable, tillId: string, session: unknown): Promise<void> => {
  await db.query(
    `INSERT INTO mia_pos_sessions (till_id, session, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (till_id) DO UPDATE SET session = EXCLUDED.session, updated_at = now()`,
    [tillId, JSON.stringify(session)]
  )
}
