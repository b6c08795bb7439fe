/**
 * The one method the SQL store needs, shared by `pg` (`Pool`, `Client`) and `@electric-sql/pglite`:
 * a parameterised query (`$1`, `$2`, ...) that resolves to its rows.
 *
 * @example
 * import { PGlite } from "@electric-sql/pglite"
 * const db: SqlQueryable = new PGlite()
 */
export interface SqlQueryable {
  query(text: string, params?: Array<unknown>): Promise<{ readonly rows: ReadonlyArray<unknown> }>
}

/**
 * A database handle for {@link createSqlOrderStore}. Any {@link SqlQueryable} works; the store
 * runs each transaction in the safest way the handle offers:
 * - PGlite: its own `transaction()` (it holds PGlite's lock, so no other query slips in);
 * - `pg.Pool`: a dedicated connection from `connect()` for each transaction;
 * - anything else (one `pg.Client`): `BEGIN`/`COMMIT` on that connection, one transaction at a time.
 *
 * @example
 * import pg from "pg"
 * const db: SqlClient = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 */
export type SqlClient = SqlQueryable & {
  transaction?: unknown
  connect?: unknown
}
