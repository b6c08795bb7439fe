import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import {
  createSqlPosCashierState,
  createSqlPosSessionStore,
  migrateMiaSchema,
  type SqlClient
} from "../src/index.js"
import { uniqueId } from "./support/orders.js"
import { sharedPglite } from "./support/pglite.js"
import { skipPostgres, testDatabase } from "./support/postgres.js"

const session = {
  terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39",
  shiftId: "42",
  tokens: { accessToken: "a", refreshToken: "r", accessTokenExpiresAt: 1_700_000_000_000 }
}

/** A gate that `work` waits on, opened by the test. */
const gate = () => {
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

/** The behaviour every database handle must give the POS stores. */
const posStoreContract = (engine: string, handle: () => SqlClient) => {
  describe(`POS stores on ${engine}`, () => {
    it("the cashier state writes only over the version it read, per till", async () => {
      const tillId = uniqueId("till")
      const state = createSqlPosCashierState({ db: handle(), tillId })
      const read = await state.load()
      expect(read).toEqual({ version: 0, state: {} })
      const next = { lastClosedShiftId: "1", activation: { maskedPhoneNumber: "+373****01" } }
      expect(await state.compareAndSet(read.version, next)).toBe(true)
      expect(await state.compareAndSet(read.version, { lastClosedShiftId: "2" })).toBe(false)
      expect(await state.load()).toEqual({ version: 1, state: next })
      expect(await state.compareAndSet(1, { seller: { name: "Ana" } })).toBe(true)
      expect(await state.load()).toEqual({ version: 2, state: { seller: { name: "Ana" } } })
      // Another till of the same database starts empty.
      expect(await createSqlPosCashierState({ db: handle(), tillId: `${tillId}-b` }).load()).toEqual({
        version: 0,
        state: {}
      })
    })

    it("forgets a till's oldest charges past its limit; remembering one again makes it the newest", async () => {
      const tillId = uniqueId("till")
      const state = createSqlPosCashierState({ db: handle(), tillId, maxCharges: 2 })
      const other = createSqlPosCashierState({ db: handle(), tillId: `${tillId}-b`, maxCharges: 2 })
      await other.rememberCharge("a", { url: "https://qr/other", amount: 5 })
      const expiresAt = "2026-11-21T12:05:00.000Z"
      for (const id of ["a", "b", "a", "c"])
        await state.rememberCharge(id, { url: `https://qr/${id}`, amount: 149.9, expiresAt })
      expect(await state.findCharge("b")).toBeUndefined()
      expect(await state.findCharge("a")).toEqual({ url: "https://qr/a", amount: 149.9, expiresAt })
      expect(await state.findCharge("c")).toEqual({ url: "https://qr/c", amount: 149.9, expiresAt })
      expect(await other.findCharge("a")).toEqual({ url: "https://qr/other", amount: 5 })
    })

    it("runs the work of one key one at a time, and other keys alongside", async () => {
      const tillId = uniqueId("till")
      const [first, second] = [
        createSqlPosCashierState({ db: handle(), tillId }),
        createSqlPosCashierState({ db: handle(), tillId })
      ]
      const log: string[] = []
      const { open, opened } = gate()
      const one = first.exclusive("shift", async () => {
        log.push("first:start")
        await opened
        log.push("first:end")
      })
      const two = second.exclusive("shift", async () => {
        log.push("second")
      })
      await first.exclusive("other", async () => {
        log.push("other")
      })
      open()
      await Promise.all([one, two])
      expect(log).toEqual(["first:start", "other", "first:end", "second"])
    })

    it("keeps a till's MiaPos session, and refuses a corrupt one instead of forgetting it", async () => {
      const tillId = uniqueId("till")
      const store = createSqlPosSessionStore({ db: handle(), tillId })
      expect(await store.load()).toBeUndefined()
      await store.save(session)
      await store.save({ ...session, shiftId: "43" })
      expect(await createSqlPosSessionStore({ db: handle(), tillId }).load()).toEqual({
        ...session,
        shiftId: "43"
      })
      expect(await createSqlPosSessionStore({ db: handle(), tillId: `${tillId}-b` }).load()).toBeUndefined()
      await handle().query("UPDATE mia_pos_sessions SET session = $2::jsonb WHERE till_id = $1", [
        tillId,
        JSON.stringify({ tokens: { accessToken: 1 } })
      ])
      await expect(store.load()).rejects.toThrow(new RegExp(`till ${tillId}.*tokens\\.accessToken`))
    })
  })
}

describe("POS store options", () => {
  it("need a database and a till name, and say how to give them", () => {
    const db = { query: async () => ({ rows: [] }) }
    expect(() => createSqlPosCashierState({ db, tillId: " " })).toThrow(/tillId must name the till/)
    expect(() => createSqlPosSessionStore({ db, tillId: "x".repeat(201) })).toThrow(/tillId/)
    expect(() => Reflect.apply(createSqlPosSessionStore, undefined, [{ tillId: "t" }])).toThrow(
      /createSqlPosSessionStore\(\{ db:/
    )
    expect(() => createSqlPosCashierState({ db, tillId: "t", maxCharges: 0 })).toThrow(/maxCharges/)
  })
})

const pglite = sharedPglite()
let embedded: SqlClient | undefined
beforeAll(async () => {
  embedded = await pglite.get()
}, 60_000)
afterAll(() => pglite.close())
posStoreContract("PGlite", () => embedded as SqlClient)

describe.skipIf(skipPostgres())("POS stores on PostgreSQL", () => {
  const database = testDatabase()
  let pool: SqlClient | undefined
  let client: SqlClient | undefined
  let url: string

  beforeAll(async () => {
    url = await database.create()
    pool = database.pool(url, 4)
    client = await database.client(url)
    await migrateMiaSchema(pool)
  }, 60_000)
  afterAll(() => database.dropAll(), 60_000)

  posStoreContract("a pg.Pool", () => pool as SqlClient)
  posStoreContract("one pg.Client", () => client as SqlClient)

  it("holds a key's lock across servers: the other pool waits for it", async () => {
    const tillId = uniqueId("till")
    const [serverA, serverB] = [database.pool(url, 2), database.pool(url, 2)]
    const [a, b] = [
      createSqlPosCashierState({ db: serverA, tillId }),
      createSqlPosCashierState({ db: serverB, tillId })
    ]
    const log: string[] = []
    const { open, opened } = gate()
    const first = a.exclusive("shift", async () => {
      log.push("A:start")
      await opened
      log.push("A:end")
    })
    await vi.waitFor(() => expect(log).toEqual(["A:start"]))
    const second = b.exclusive("shift", async () => {
      log.push("B")
    })
    // B is queued on PostgreSQL's lock, not running beside A.
    await vi.waitFor(async () => {
      const { rows } = await serverA.query(
        "SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
      )
      expect(rows[0]).toEqual({ waiting: 1 })
    })
    expect(log).toEqual(["A:start"])
    open()
    await Promise.all([first, second])
    expect(log).toEqual(["A:start", "A:end", "B"])
  })
})
