import type { SqlClient, SqlQueryable } from "../store/sql-client.js"

interface TransactionCapable {
  transaction<T>(callback: (tx: SqlQueryable) => Promise<T>): Promise<T>
}

interface PoolClient extends SqlQueryable {
  release(error?: unknown): void
}

interface PoolLike {
  connect(): Promise<PoolClient>
}

const hasTransaction = (db: SqlClient): db is SqlClient & TransactionCapable =>
  typeof db.transaction === "function"

// pg.Pool and pg.Client both have `connect()`, but only the pool hands out a client per call;
// the pool is the one that counts its connections.
const isPool = (db: SqlClient): db is SqlClient & PoolLike =>
  typeof db.connect === "function" && "totalCount" in db && "idleCount" in db

/** Runs `work` once at a time: the queue behind a single shared connection. */
const createMutex = () => {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => undefined)
    return run
  }
}

type Mutex = ReturnType<typeof createMutex>

// One queue per connection, not per caller: two stores (or a store and `migrateMiaSchema`) on the
// same `pg.Client` would otherwise interleave, and one's ROLLBACK would undo the other's writes.
const connectionQueues = new WeakMap<object, Mutex>()

const queueOf = (connection: object): Mutex => {
  const known = connectionQueues.get(connection)
  if (known !== undefined) return known
  const created = createMutex()
  connectionQueues.set(connection, created)
  return created
}

/**
 * How the store reaches the database: `transaction` runs a callback inside a transaction,
 * `query` runs one statement outside of one. Both are safe whatever kind of handle `db` is.
 */
export interface SqlAccess {
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>
  /**
   * Whether a transaction runs on a connection of its own while other queries go on (a pool):
   * only then can a transaction wait for work that queries the database meanwhile.
   */
  readonly concurrent: boolean
  query(text: string, params?: Array<unknown>): Promise<{ readonly rows: ReadonlyArray<unknown> }>
}

const withBeginCommit = async <T>(
  connection: SqlQueryable,
  work: (tx: SqlQueryable) => Promise<T>
): Promise<T> => {
  await connection.query("BEGIN")
  try {
    const result = await work(connection)
    await connection.query("COMMIT")
    return result
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined)
    throw error
  }
}

/** Picks the transaction strategy for `db` once. */
export const sqlAccess = (db: SqlClient): SqlAccess => {
  const query = (text: string, params?: Array<unknown>) => db.query(text, params)
  if (hasTransaction(db))
    return { query, concurrent: false, transaction: (work) => db.transaction((tx) => work(tx)) }
  if (isPool(db)) {
    const transaction = async <T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> => {
      const client = await db.connect()
      try {
        const result = await withBeginCommit(client, work)
        client.release()
        return result
      } catch (error) {
        // A connection that failed mid-transaction is destroyed rather than reused.
        client.release(error)
        throw error
      }
    }
    return { query, transaction, concurrent: true }
  }
  // One connection: a statement sent while a transaction is open would run inside it.
  const exclusive = queueOf(db)
  return {
    concurrent: false,
    query: (text, params) => exclusive(() => db.query(text, params)),
    transaction: (work) => exclusive(() => withBeginCommit(db, work))
  }
}
