import type { OrderEventBus } from "../events/order-event-bus.js"
import type { SqlClient } from "./sql-client.js"
import { lockPgliteFolder } from "./pglite-folder-lock.js"
import type { SqlListenOptions } from "./sql-order-listener.js"
import { createSqlOrderStore, type SqlOrderStore } from "./sql-store.js"

/**
 * Options of {@link openSqlOrderStore}.
 *
 * @example
 * const options: OpenSqlOrderStoreOptions = { databaseUrl: process.env.DATABASE_URL, dataDir: "./data/orders" }
 */
export interface OpenSqlOrderStoreOptions {
  /** A PostgreSQL URL: uses `pg` with a pool. Defaults to `process.env.DATABASE_URL`. */
  readonly databaseUrl?: string | undefined
  /** Where embedded PGlite keeps its files when no URL is set; in memory when omitted. */
  readonly dataDir?: string | undefined
  /** Where committed changes are published (watchers, SSE); a new bus by default. */
  readonly events?: OrderEventBus | undefined
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined
}

/**
 * An opened SQL store and the way to close its database.
 *
 * @example
 * const { store, close, engine } = await openSqlOrderStore()
 * console.log(`orders in ${engine}`)
 * process.on("SIGTERM", close)
 */
export interface OpenedSqlOrderStore {
  readonly store: SqlOrderStore
  readonly engine: "postgres" | "pglite"
  /** Closes the pool or the embedded database. */
  close(): Promise<void>
}

const environmentUrl = (): string | undefined =>
  typeof process === "undefined" ? undefined : process.env.DATABASE_URL || undefined

/**
 * Opens the SQL order store with zero configuration: PostgreSQL through `pg` when a
 * `DATABASE_URL` is set (production, several servers), embedded PGlite otherwise. Migrates the
 * schema before returning. Install the driver you use (`pg` or `@electric-sql/pglite`).
 *
 * @example
 * import { openSqlOrderStore } from "@mia-sdk/webhooks/node"
 *
 * const { store, close } = await openSqlOrderStore({ dataDir: "./data/orders" })
 * await store.createOrder({ orderId: "1001", amount: 150.25 })
 */
export const openSqlOrderStore = async (
  options: OpenSqlOrderStoreOptions = {}
): Promise<OpenedSqlOrderStore> => {
  const databaseUrl = options.databaseUrl ?? environmentUrl()
  let db: SqlClient
  let close: () => Promise<void>
  let engine: OpenedSqlOrderStore["engine"]
  let listen: SqlListenOptions | undefined
  if (databaseUrl !== undefined) {
    const pg = await import("pg")
    const Pool = pg.default?.Pool ?? pg.Pool
    const pool = new Pool({ connectionString: databaseUrl })
    // An idle connection the server closes (restart, failover, idle timeout) is an 'error' event;
    // unheard, it would crash the process. The pool drops that connection and opens a new one.
    pool.on("error", () => undefined)
    db = pool
    engine = "postgres"
    const Client = pg.default?.Client ?? pg.Client
    // A session of its own for LISTEN: a pooled connection would be handed to someone else.
    listen = {
      connect: async () => {
        const client = new Client({ connectionString: databaseUrl })
        await client.connect()
        return client
      }
    }
    close = () => pool.end()
  } else {
    const { PGlite } = await import("@electric-sql/pglite")
    const unlock =
      options.dataDir === undefined ? async () => undefined : await lockPgliteFolder(options.dataDir)
    const pglite = options.dataDir === undefined ? new PGlite() : new PGlite(options.dataDir)
    db = pglite
    close = async () => {
      await pglite.close()
      await unlock()
    }
    engine = "pglite"
  }
  const store = createSqlOrderStore({ db, events: options.events, now: options.now, listen })
  const closeAll = async () => {
    await store.close()
    await close()
  }
  try {
    await store.ready()
  } catch (error) {
    await closeAll().catch(() => undefined)
    throw error
  }
  return { store, engine, close: closeAll }
}
