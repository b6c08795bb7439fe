import { sqlAccess } from "../internal/sql-transaction.js"
import type { SqlClient } from "../store/sql-client.js"
import { sqlPosExclusive } from "../store/sql-pos-lock.js"
import {
  compareAndSetTillState,
  findTillCharge,
  insertTillCharge,
  loadTillState
} from "../store/sql-pos-state.js"
import type { PosCashierStateStore } from "./cashier-state.js"
import { sqlTill } from "./internal/sql-till.js"

/**
 * Options of {@link createSqlPosCashierState}.
 *
 * @example
 * const options: SqlPosCashierStateOptions = { db: pool, tillId: "shop-1/till-2" }
 */
export interface SqlPosCashierStateOptions {
  /** A `pg.Pool` (several servers), a `pg.Client` or PGlite (one process). */
  readonly db: SqlClient
  /** Names the till: the same on every server that serves it, different for each till. */
  readonly tillId: string
  /** Charges remembered per till; the oldest are forgotten past this (default 1000). */
  readonly maxCharges?: number | undefined
  /** Apply the schema migrations before the first operation. Defaults to `true`. */
  readonly migrate?: boolean | undefined
}

/**
 * The cashier state of one till in SQL, shared by every server that serves the till: a row per
 * till in `mia_pos_tills` whose `version` column makes each write a compare-and-set, the charges
 * in `mia_pos_charges` (the newest `maxCharges` per till), and `exclusive` (shift open and close)
 * as a transaction-scoped advisory lock on a `pg.Pool`, an in-process queue on PGlite or one
 * `pg.Client`. Give the MiaPos client a shared session store too ({@link createSqlPosSessionStore})
 * so that every server also sees the same activation, tokens and shift.
 *
 * @example
 * import { createMiaPosClient } from "@mia-sdk/core"
 * import { createPosCashier, createSqlPosCashierState, createSqlPosSessionStore } from "@mia-sdk/webhooks"
 * import pg from "pg"
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const tillId = "shop-1/till-2"
 * const client = createMiaPosClient({ baseUrl, device, sessionStore: createSqlPosSessionStore({ db: pool, tillId }) })
 * const cashier = createPosCashier({ client, terminal, state: createSqlPosCashierState({ db: pool, tillId }) })
 */
export const createSqlPosCashierState = (options: SqlPosCashierStateOptions): PosCashierStateStore => {
  const { db, tillId, ready } = sqlTill("createSqlPosCashierState", options)
  const maxCharges = options.maxCharges ?? 1000
  if (!Number.isInteger(maxCharges) || maxCharges < 1) {
    throw new TypeError(`createSqlPosCashierState: maxCharges must be a positive integer, got ${maxCharges}`)
  }
  // Queries go through `sqlAccess` so that on one shared `pg.Client` they wait for open transactions.
  const access = sqlAccess(db)
  const direct = { query: access.query }
  const exclusive = sqlPosExclusive(db)
  return {
    load: async () => {
      await ready()
      return loadTillState(direct, tillId)
    },
    compareAndSet: async (expectedVersion, next) => {
      await ready()
      return compareAndSetTillState(direct, tillId, expectedVersion, next)
    },
    rememberCharge: async (chargeId, memo) => {
      await ready()
      await insertTillCharge(direct, tillId, chargeId, memo, maxCharges)
    },
    findCharge: async (chargeId) => {
      await ready()
      return findTillCharge(direct, tillId, chargeId)
    },
    exclusive: (key, work) => exclusive(`mia-pos-till:${tillId}:${key}`, work)
  }
}
