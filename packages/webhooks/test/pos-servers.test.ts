import { createPosSandbox, type PosSandbox } from "@mia-sdk/sandbox"
import type pg from "pg"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { migrateMiaSchema, type SqlClient } from "../src/index.js"
import { uniqueId } from "./support/orders.js"
import { sharedPglite } from "./support/pglite.js"
import { skipPostgres, testDatabase } from "./support/postgres.js"
import {
  LOGIN,
  REFRESH,
  SELLER,
  SHIFT_CHECK,
  SHIFT_OPEN,
  sharedBank,
  TERMINAL,
  type TillServer,
  tillServer
} from "./support/pos-servers.js"

interface Databases {
  readonly a: SqlClient
  readonly b: SqlClient
  /** Whether a server waits for a lock in the database (only visible on PostgreSQL). */
  readonly waiting?: () => Promise<boolean>
}

/** Two merchant servers of one till, each with its own MiaPos client and cashier, one database. */
const tillContract = (engine: string, databases: () => Databases) => {
  describe(`two servers of one till on ${engine}`, () => {
    let pos: PosSandbox
    let bank: ReturnType<typeof sharedBank>
    let a: TillServer
    let b: TillServer

    beforeEach(() => {
      pos = createPosSandbox()
      const { a: dbA, b: dbB, waiting } = databases()
      bank = sharedBank(pos, waiting)
      const tillId = uniqueId("till")
      const installationId = crypto.randomUUID()
      a = tillServer(dbA, tillId, bank, installationId)
      b = tillServer(dbB, tillId, bank, installationId)
    })
    afterEach(() => Promise.all([a.client.close(), b.client.close()]))

    const code = () => pos.inbox.latestCode({ terminalId: TERMINAL.terminalId })

    /** Activated and logged in through A, after both servers answered the screen once. */
    const activatedAndLoggedIn = async () => {
      await Promise.all([a.cashier.session(), b.cashier.session()])
      await a.cashier.startActivation()
      await a.cashier.confirmActivation(code())
      await a.cashier.login(SELLER)
      await b.cashier.session()
    }

    it("an activation started on A is confirmed on B; B's login and A's logout are both servers'", async () => {
      // Both servers answered the screen first: nothing either remembers may hide the other's steps.
      const fresh = { activated: false, loggedIn: false, shift: null }
      expect(await a.cashier.session()).toEqual(fresh)
      expect(await b.cashier.session()).toEqual(fresh)
      const started = await a.cashier.startActivation()
      expect(started).toMatchObject({ activated: false, activation: { waitTimeToResend: 60 } })
      expect(await b.cashier.session()).toEqual(started)
      const activated = { activated: true, loggedIn: false, shift: null }
      expect(await b.cashier.confirmActivation(code())).toEqual(activated)
      expect(await a.cashier.session()).toEqual(activated)

      await b.cashier.login(SELLER)
      expect(await a.cashier.session()).toMatchObject({
        loggedIn: true,
        seller: { name: "Sandbox Seller" },
        shift: { open: false }
      })
      await a.cashier.logout()
      expect(await b.cashier.session()).toEqual(activated)
      expect(bank.count(LOGIN)).toBe(1)
    })

    it("a charge created on A is followed on B; A's closed shift is B's Z-report, A's new one B's X-report", async () => {
      await activatedAndLoggedIn()
      const first = (await a.cashier.openShift()).shift?.shiftId
      expect((await b.cashier.session()).shift).toMatchObject({ open: true, shiftId: first })

      const charge = await a.cashier.createCharge(42)
      expect(charge.expiresAt).toEqual(expect.any(String))
      expect(await b.cashier.getCharge(charge.chargeId)).toEqual(charge)
      pos.pay(charge.chargeId)
      expect(await b.cashier.getCharge(charge.chargeId)).toEqual({ ...charge, state: "paid" })

      expect(await a.cashier.closeShift()).toMatchObject({ lastClosedShiftId: first })
      expect(await b.cashier.report("z")).toMatchObject({
        shiftId: first,
        view: { kind: "z", paymentSum: 42 }
      })
      const second = (await a.cashier.openShift()).shift?.shiftId
      expect(second).not.toBe(first)
      expect(await b.cashier.report("x")).toMatchObject({
        shiftId: second,
        view: { kind: "x", paymentCount: 0 }
      })
    })

    it("the bank expires the tokens: A refreshes, and B carries on without a login", async () => {
      await activatedAndLoggedIn()
      await b.cashier.openShift()
      pos.clock.advance(301_000)

      const fromA = await a.cashier.createCharge(10)
      expect(bank.count(REFRESH)).toBe(1)
      // B still holds the pair A just rotated: it adopts A's pair instead of being logged out.
      expect(await b.cashier.createCharge(20)).toMatchObject({ amount: 20, state: "active" })
      expect(await b.cashier.getCharge(fromA.chargeId)).toMatchObject({ amount: 10 })
      expect(await b.cashier.session()).toMatchObject({ loggedIn: true, shift: { open: true } })
      expect({ refresh: bank.count(REFRESH), login: bank.count(LOGIN) }).toEqual({ refresh: 1, login: 1 })
    })

    it("both servers find the access token refused at once: one refresh between them", async () => {
      await activatedAndLoggedIn()
      await a.cashier.openShift()
      pos.clock.advance(301_000)
      bank.holdFirst(REFRESH)
      const charges = await Promise.all([a.cashier.createCharge(10), b.cashier.createCharge(20)])
      expect(charges.map((charge) => charge.state)).toEqual(["active", "active"])
      expect({ refresh: bank.count(REFRESH), login: bank.count(LOGIN) }).toEqual({ refresh: 1, login: 1 })
    })

    it("both servers open the shift at once: one shift, and both answer with it", async () => {
      await activatedAndLoggedIn()
      bank.holdFirst(SHIFT_CHECK)
      const [fromA, fromB] = await Promise.all([a.cashier.openShift(), b.cashier.openShift()])
      expect(fromA.shift).toMatchObject({ open: true, shiftId: expect.any(String) })
      expect(fromB.shift?.shiftId).toBe(fromA.shift?.shiftId)
      expect(bank.count(SHIFT_OPEN)).toBe(1)
    })
  })
}

const pglite = sharedPglite()
let embedded: SqlClient | undefined
beforeAll(async () => {
  embedded = await pglite.get()
}, 60_000)
afterAll(() => pglite.close())
// One process: both servers' stores on the same embedded database.
tillContract("PGlite", () => ({ a: embedded as SqlClient, b: embedded as SqlClient }))

describe.skipIf(skipPostgres())("on PostgreSQL", () => {
  const database = testDatabase()
  let pools: { a: pg.Pool; b: pg.Pool; observer: pg.Pool } | undefined

  beforeAll(async () => {
    const url = await database.create()
    pools = { a: database.pool(url, 6), b: database.pool(url, 6), observer: database.pool(url, 1) }
    await migrateMiaSchema(pools.a)
  }, 60_000)
  afterAll(() => database.dropAll(), 60_000)

  const waiting = async (): Promise<boolean> => {
    const { rows } = await (pools as NonNullable<typeof pools>).observer.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks
       WHERE locktype = 'advisory' AND NOT granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
    )
    return (rows[0]?.waiting ?? 0) > 0
  }

  // Two servers: a pool each.
  tillContract("PostgreSQL, a pool per server", () => {
    const { a, b } = pools as NonNullable<typeof pools>
    return { a, b, waiting }
  })
})
