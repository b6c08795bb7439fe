import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMiaCheckout, createSqlOrderStore, type MiaCheckout, type SqlOrderStore } from "../src/index.js"
import { CALLBACK_URL, startBank, type TestBank } from "./support/bank.js"
import { uniqueId } from "./support/orders.js"
import { skipPostgres, testDatabase } from "./support/postgres.js"

describe.skipIf(skipPostgres())("checkout on two servers sharing one PostgreSQL", () => {
  const database = testDatabase()
  let bank: TestBank
  let stores: ReadonlyArray<SqlOrderStore>
  let servers: ReadonlyArray<MiaCheckout>

  beforeAll(async () => {
    bank = await startBank()
    const url = await database.create()
    stores = [1, 2].map(() => createSqlOrderStore({ db: database.pool(url, 6), listen: false }))
    await Promise.all(stores.map((store) => store.ready()))
    servers = stores.map((store) =>
      createMiaCheckout({ store, bank: bank.client, callbackUrl: CALLBACK_URL })
    )
  }, 60_000)
  afterAll(async () => {
    await bank.close()
    await database.dropAll()
  }, 60_000)

  it("20 concurrent checkouts of one order across both servers: one QR at the bank, the same qrId for all", async () => {
    const orderId = uniqueId("order")
    await stores[0]?.createOrder({ orderId, amount: 77.7 })
    const sessions = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (servers[index % 2] as MiaCheckout).checkout(orderId))
    )
    const qrIds = new Set(sessions.map((outcome) => outcome.session.qrId))
    expect(qrIds.size).toBe(1)
    const atBank = bank.sandbox.state.qrs().filter((qr) => qr.orderId === orderId)
    expect(atBank.map((qr) => qr.qrId)).toEqual([...qrIds])
  }, 30_000)

  it("never deadlocks when more orders check out at once than the pool has connections", async () => {
    const small = createSqlOrderStore({
      db: database.pool(await database.create("mia_small"), 4),
      listen: false
    })
    const checkout = createMiaCheckout({ store: small, bank: bank.client, callbackUrl: CALLBACK_URL })
    const orderIds = Array.from({ length: 12 }, () => uniqueId("order"))
    for (const orderId of orderIds) await small.createOrder({ orderId, amount: 12.5 })
    const sessions = await Promise.race([
      Promise.all(orderIds.map((orderId) => checkout.checkout(orderId))),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("checkouts stuck: pool deadlock")), 20_000)
      )
    ])
    expect(new Set(sessions.map((outcome) => outcome.session.qrId)).size).toBe(12)
  }, 30_000)
})
