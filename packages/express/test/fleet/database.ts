import { randomBytes } from "node:crypto"
import pg from "pg"

/** Where the real-PostgreSQL suites find their server; CI always sets it (see .ci/run). */
export const POSTGRES_URL_VARIABLE = "MIA_TEST_DATABASE_URL"

const HOW_TO_START = [
  `${POSTGRES_URL_VARIABLE} is not set, so the several-servers suite did not run on a real PostgreSQL.`,
  "Start a throwaway server and point the tests at it:",
  `  export ${POSTGRES_URL_VARIABLE}="$(bash packages/webhooks/scripts/start-test-postgres.sh)"`,
  "  (cd packages/express && npx vitest run test/fleet)",
  "  bash packages/webhooks/scripts/stop-test-postgres.sh"
].join("\n")

const configuredUrl = (): string | undefined => process.env[POSTGRES_URL_VARIABLE] || undefined

const inCi = (): boolean => {
  const value = process.env.CI
  return value !== undefined && value !== "" && value !== "0" && value !== "false"
}

/**
 * As in the webhooks package's PostgreSQL suites: skipped only outside CI, never silently; in CI
 * a missing URL fails the suite (raised by {@link fleetDatabase}).
 */
export const skipPostgres = (): boolean => {
  if (configuredUrl() !== undefined || inCi()) return false
  console.warn(`\n[fleet] NOTICE: the several-servers suite did NOT run.\n${HOW_TO_START}\n`)
  return true
}

const adminQuery = async (url: string, text: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/** A fresh database for the fleet of one suite, its admin session, and its removal. */
export interface FleetDatabase {
  readonly url: string
  readonly name: string
  /** A session of the test itself (not of any server), for what only an operator would do. */
  readonly admin: pg.Client
  /** A small pool the test reads orders and the ledger through. */
  readonly pool: pg.Pool
  /**
   * Shuts (or reopens) the database's door: sessions already open go on, new ones are refused,
   * superusers included.
   */
  allowConnections(allowed: boolean): Promise<void>
  drop(): Promise<void>
}

/** Creates a new, empty database on the server named by `MIA_TEST_DATABASE_URL`. */
export const fleetDatabase = async (): Promise<FleetDatabase> => {
  const server = configuredUrl()
  if (server === undefined) throw new Error(`CI must run the PostgreSQL suites. ${HOW_TO_START}`)
  const name = `mia_fleet_${process.pid}_${randomBytes(6).toString("hex")}`
  await adminQuery(server, `CREATE DATABASE ${name}`)
  const parsed = new URL(server)
  parsed.pathname = `/${name}`
  const url = parsed.toString()
  const admin = new pg.Client({ connectionString: url })
  admin.on("error", () => undefined)
  await admin.connect()
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  pool.on("error", () => undefined)
  return {
    url,
    name,
    admin,
    pool,
    // Run from another database: PostgreSQL refuses to shut the door of the current one.
    allowConnections: (allowed) => adminQuery(server, `ALTER DATABASE ${name} ALLOW_CONNECTIONS ${allowed}`),
    async drop() {
      await Promise.allSettled([admin.end(), pool.end()])
      await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  }
}
