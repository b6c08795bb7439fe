import { parsePosSession, type PosSessionStore } from "@mia-sdk/core/pos-session"
import { sqlAccess } from "../internal/sql-transaction.js"
import type { SqlClient } from "../store/sql-client.js"
import { sqlPosExclusive } from "../store/sql-pos-lock.js"
import { loadSessionRow, saveSessionRow } from "../store/sql-pos-session.js"
import { sqlTill } from "./internal/sql-till.js"

/**
 * Options of {@link createSqlPosSessionStore}.
 *
 * @example
 * const options: SqlPosSessionStoreOptions = { db: pool, tillId: "shop-1/till-2" }
 */
export interface SqlPosSessionStoreOptions {
  /** A `pg.Pool` (several servers), a `pg.Client` or PGlite (one process). */
  readonly db: SqlClient
  /** Names the till (one MiaPos terminal activation): the same on every server that serves it. */
  readonly tillId: string
  /** Apply the schema migrations before the first operation. Defaults to `true`. */
  readonly migrate?: boolean | undefined
}

/**
 * The MiaPos client's session store (`sessionStore` of `createMiaPosClient`) in SQL: one row per
 * till in `mia_pos_sessions` with the activation id, the seller's token pair and the current
 * shift, so several servers drive one terminal with one set of tokens. It offers `exclusive` (a
 * transaction-scoped advisory lock on a `pg.Pool`, an in-process queue on PGlite or one
 * `pg.Client`), so each client reads the session from the row on every use, changes it only
 * under the lock and refreshes the tokens under it too: one server rotates the refresh token,
 * the others adopt the new pair instead of being logged out. The row holds live tokens: keep the
 * database private.
 *
 * @example
 * import { createMiaPosClient } from "@mia-sdk/core"
 * import { createSqlPosSessionStore } from "@mia-sdk/webhooks"
 * import pg from "pg"
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const client = createMiaPosClient({
 *   baseUrl: process.env.MIAPOS_BASE_URL!,
 *   device: { device: "Web till", platformType: "web", installationId: process.env.MIAPOS_INSTALLATION_ID!, posAppVersion: 1 },
 *   sessionStore: createSqlPosSessionStore({ db: pool, tillId: "shop-1/till-2" })
 * })
 */
export const createSqlPosSessionStore = (options: SqlPosSessionStoreOptions): PosSessionStore => {
  const { db, tillId, ready } = sqlTill("createSqlPosSessionStore", options)
  const access = sqlAccess(db)
  const direct = { query: access.query }
  const exclusive = sqlPosExclusive(db)
  return {
    load: async () => {
      await ready()
      const stored = await loadSessionRow(direct, tillId)
      if (stored === undefined || stored === null) return undefined
      const session = parsePosSession(stored)
      if (typeof session === "string") {
        // Never silently dropped: the activation in it may be the only one this till has.
        throw new Error(`The MiaPos session of till ${tillId} is not a valid session: ${session}.`)
      }
      return session
    },
    save: async (session) => {
      await ready()
      await saveSessionRow(direct, tillId, session)
    },
    exclusive: (work) => exclusive(`mia-pos-session:${tillId}`, work)
  }
}
