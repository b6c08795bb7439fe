import { createKeyedMutex } from "../internal/keyed-mutex.js"
import { sqlAccess } from "../internal/sql-transaction.js"
import type { SqlClient } from "./sql-client.js"

type KeyedMutex = ReturnType<typeof createKeyedMutex>

// One queue per database handle, not per store: two stores of one till on the same handle (two
// cashiers in one process, a cashier state and a session store) must exclude each other too.
const localQueues = new WeakMap<object, KeyedMutex>()

const localQueueOf = (db: SqlClient): KeyedMutex => {
  const known = localQueues.get(db)
  if (known !== undefined) return known
  const created = createKeyedMutex()
  localQueues.set(db, created)
  return created
}

/**
 * Runs work of one key at a time across every process on this database. On a pool, a
 * transaction-scoped advisory lock (`pg_advisory_xact_lock(hashtextextended(key, 0))`) held on a
 * connection of its own while `work` runs on others: it excludes every other server and is
 * released by COMMIT, or by the server when this process dies. PGlite and a single connection are
 * one process: the in-process queue is the whole story (a transaction there would hold the only
 * connection that `work` needs).
 */
export const sqlPosExclusive = (db: SqlClient) => {
  const access = sqlAccess(db)
  const local = localQueueOf(db)
  return <T>(key: string, work: () => Promise<T>): Promise<T> =>
    local(key, () => {
      if (!access.concurrent) return work()
      return access.transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key])
        return work()
      })
    })
}
