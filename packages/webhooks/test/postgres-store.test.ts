import type pg from "pg"
import { afterAll, beforeAll, describe } from "vitest"
import { createSqlOrderStore } from "../src/index.js"
import { manualClock } from "./support/clock.js"
import { skipPostgres, testDatabase } from "./support/postgres.js"
import { describeOrderStoreContract } from "./support/store-contract.js"

// The store contract on a real PostgreSQL server, through both handles `pg` offers. Without
// MIA_TEST_DATABASE_URL this is skipped with a notice outside CI, and fails in CI.
describe.skipIf(skipPostgres())("SQL store on PostgreSQL", () => {
  const database = testDatabase()
  let pool: pg.Pool
  let client: pg.Client

  beforeAll(async () => {
    const url = await database.create()
    // Several connections: concurrent deliveries really run side by side on the server.
    pool = database.pool(url, 8)
    client = await database.client(url)
  }, 60_000)
  afterAll(() => database.dropAll(), 60_000)

  describeOrderStoreContract("pg.Pool", async () => {
    const clock = manualClock()
    return { store: createSqlOrderStore({ db: pool, now: clock.now }), advance: clock.advance }
  })

  describeOrderStoreContract("pg.Client", async () => {
    const clock = manualClock()
    return { store: createSqlOrderStore({ db: client, now: clock.now }), advance: clock.advance }
  })
})
