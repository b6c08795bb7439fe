import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import type pg from "pg"

/**
 * The database the order store runs on: embedded PGlite in the data folder, or PostgreSQL.
 * @example
 * const db = await openDatabase({ dataDir: "apps/demo/data" })
 * const store = createSqlOrderStore(db.client)
 * await db.close()
 */
export interface DemoDatabase {
  readonly kind: "pglite" | "postgresql"
  /** A PGlite instance or a `pg.Pool`: both have the `query(text, params)` the SQL store needs. */
  readonly client: PGlite | pg.Pool
  /** Where the PGlite files live (absent with PostgreSQL). */
  readonly directory?: string | undefined
  close(): Promise<void>
}

/**
 * Opens PostgreSQL when `databaseUrl` is set (several servers can share it), else PGlite in
 * `<dataDir>/pglite`, created on first use and kept across restarts.
 * @example
 * const db = await openDatabase({ dataDir: "./data", databaseUrl: process.env.DATABASE_URL })
 */
export const openDatabase = async (options: {
  readonly dataDir: string
  readonly databaseUrl?: string | undefined
}): Promise<DemoDatabase> => {
  if (options.databaseUrl) {
    const { default: postgres } = await import("pg")
    const pool = new postgres.Pool({ connectionString: options.databaseUrl, max: 10 })
    // Fail at start-up with the cause, not on the first order.
    await pool.query("select 1").catch(async (error: unknown) => {
      await pool.end()
      throw new Error(
        `Cannot reach PostgreSQL at DATABASE_URL: ${error instanceof Error ? error.message : error}`
      )
    })
    return { kind: "postgresql", client: pool, close: () => pool.end() }
  }
  const directory = join(options.dataDir, "pglite")
  await mkdir(directory, { recursive: true })
  const db = await PGlite.create(directory)
  return { kind: "pglite", client: db, directory, close: () => db.close() }
}
