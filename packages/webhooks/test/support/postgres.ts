import { randomBytes } from "node:crypto"
import pg from "pg"

/** Where the real-PostgreSQL suites find their server; CI always sets it (see .ci/run). */
export const POSTGRES_URL_VARIABLE = "MIA_TEST_DATABASE_URL"

const HOW_TO_START = [
  `${POSTGRES_URL_VARIABLE} is not set, so the SQL store was not tested on a real PostgreSQL server.`,
  "Start a throwaway server (PostgreSQL's binaries: apt-get install -y postgresql) and point the tests at it:",
  `  export ${POSTGRES_URL_VARIABLE}="$(bash packages/webhooks/scripts/start-test-postgres.sh)"`,
  "  (cd packages/webhooks && npx vitest run)",
  "  bash packages/webhooks/scripts/stop-test-postgres.sh"
].join("\n")

const configuredUrl = (): string | undefined => process.env[POSTGRES_URL_VARIABLE] || undefined

const inCi = (): boolean => {
  const value = process.env.CI
  return value !== undefined && value !== "" && value !== "0" && value !== "false"
}

let noticeShown = false

/**
 * Whether the PostgreSQL suites are skipped: only outside CI, and never silently (a notice says
 * how to run them). In CI a missing URL is a failure, raised by {@link testDatabase}.
 */
export const skipPostgres = (): boolean => {
  if (configuredUrl() !== undefined || inCi()) return false
  if (!noticeShown) console.warn(`\n[postgres] NOTICE: the PostgreSQL suite did NOT run.\n${HOW_TO_START}\n`)
  noticeShown = true
  return true
}

/** Names that cannot collide between runs, files or machines sharing one server. */
const freshName = (prefix: string): string => `${prefix}_${process.pid}_${randomBytes(6).toString("hex")}`

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
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

/**
 * A database created for one test file and dropped after it, on the server named by
 * `MIA_TEST_DATABASE_URL`; pools and clients opened through it are closed before the drop.
 */
export const testDatabase = () => {
  const base = configuredUrl()
  const created: Array<string> = []
  const closers: Array<() => Promise<void>> = []

  const requireBase = (): string => {
    if (base === undefined) throw new Error(`CI must run the PostgreSQL suite. ${HOW_TO_START}`)
    return base
  }

  /** Creates a new, empty database and returns its URL. */
  const create = async (prefix = "mia_test"): Promise<string> => {
    const server = requireBase()
    const name = freshName(prefix)
    await adminQuery(server, `CREATE DATABASE ${name}`)
    created.push(name)
    return withDatabase(server, name)
  }

  const pool = (url: string, max = 8): pg.Pool => {
    const opened = new pg.Pool({ connectionString: url, max })
    // An idle connection the server drops must not crash the test run.
    opened.on("error", () => undefined)
    closers.push(() => opened.end())
    return opened
  }

  const client = async (url: string): Promise<pg.Client> => {
    const opened = new pg.Client({ connectionString: url })
    opened.on("error", () => undefined)
    await opened.connect()
    closers.push(() => opened.end())
    return opened
  }

  const dropAll = async (): Promise<void> => {
    await Promise.allSettled(closers.splice(0).map((close) => close()))
    const server = base
    if (server === undefined) return
    for (const name of created.splice(0))
      await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }

  return { create, pool, client, dropAll }
}
