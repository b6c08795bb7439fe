import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createSqlOrderStore, MIA_MIGRATIONS, MiaOrderError, migrateMiaSchema } from "../src/index.js"
import { openSqlOrderStore } from "../src/node/index.js"
import { manualClock } from "./support/clock.js"
import { sharedPglite } from "./support/pglite.js"
import { describeOrderStoreContract } from "./support/store-contract.js"

const database = sharedPglite()
// Starting PGlite takes seconds, more on a busy machine: once, outside the tests' own timeout.
beforeAll(() => database.get(), 120_000)
afterAll(() => database.close())

describeOrderStoreContract("SQL store on PGlite", async () => {
  const clock = manualClock()
  const store = createSqlOrderStore({ db: await database.get(), now: clock.now })
  return { store, advance: clock.advance }
})

// A handle with nothing but query() (like one pg.Client): transactions are BEGIN/COMMIT on it, one at a time.
describeOrderStoreContract("SQL store on one bare connection", async () => {
  const clock = manualClock()
  const pglite = await database.get()
  const connection = { query: (text: string, params?: Array<unknown>) => pglite.query(text, params) }
  return { store: createSqlOrderStore({ db: connection, now: clock.now }), advance: clock.advance }
})

describe("SQL schema migrations", () => {
  it("apply once, are recorded, and are idempotent", async () => {
    const db = await database.get()
    await migrateMiaSchema(db)
    expect(await migrateMiaSchema(db)).toEqual([])
    const { rows } = await db.query<{ version: number }>(
      "SELECT version FROM mia_schema_migrations ORDER BY version"
    )
    expect(rows.map((row) => row.version)).toEqual(MIA_MIGRATIONS.map((migration) => migration.version))
  })

  it("apply a later version on top of an existing schema", async () => {
    const db = await database.get()
    const next = {
      version: 999,
      name: "test column",
      statements: ["ALTER TABLE mia_orders ADD COLUMN IF NOT EXISTS note_999 text"]
    }
    expect(await migrateMiaSchema(db, [...MIA_MIGRATIONS, next])).toEqual([999])
    expect(await migrateMiaSchema(db, [...MIA_MIGRATIONS, next])).toEqual([])
    await db.query("ALTER TABLE mia_orders DROP COLUMN note_999")
    await db.query("DELETE FROM mia_schema_migrations WHERE version = 999")
  })

  it("survive concurrent start-ups", async () => {
    const db = await database.get()
    const results = await Promise.all([migrateMiaSchema(db), migrateMiaSchema(db), migrateMiaSchema(db)])
    expect(results.flat()).toEqual([])
  })
})

describe("SQL store operations", () => {
  it("keeps orders across store instances (a server restart)", async () => {
    const db = await database.get()
    const first = createSqlOrderStore({ db })
    await first.createOrder({ orderId: "restart-1", amount: 42, description: "Durable" })
    const second = createSqlOrderStore({ db })
    expect(await second.getOrder("restart-1")).toMatchObject({ amountMinor: 4200, description: "Durable" })
  })

  it("wraps database failures in a retryable storage error and retries the migration later", async () => {
    let healthy = false
    const pglite = await database.get()
    const flaky = {
      query: (text: string, params?: Array<unknown>) =>
        healthy ? pglite.query(text, params) : Promise.reject(new Error("connection refused"))
    }
    const store = createSqlOrderStore({ db: flaky })
    const error = await store.getOrder("x").catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MiaOrderError)
    expect(error).toMatchObject({ code: "storage", retryable: true })
    expect(String(error)).toContain("connection refused")
    healthy = true
    expect(await store.getOrder("restart-1")).toMatchObject({ orderId: "restart-1" })
  })
})

describe("openSqlOrderStore", () => {
  it("opens embedded PGlite when no DATABASE_URL is set", async () => {
    const opened = await openSqlOrderStore({ databaseUrl: undefined })
    try {
      expect(opened.engine).toBe(process.env.DATABASE_URL ? "postgres" : "pglite")
      await opened.store.createOrder({ orderId: "embedded-1", amount: 1 })
      expect((await opened.store.getOrder("embedded-1"))?.status).toBe("pending")
    } finally {
      await opened.close()
    }
  }, 120_000)
})
