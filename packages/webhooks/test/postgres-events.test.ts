import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createSqlOrderStore, type Order, type SqlOrderStore, watchOrder } from "../src/index.js"
import { orderIn, paymentFor } from "./support/orders.js"
import { skipPostgres, testDatabase } from "./support/postgres.js"

/** Waits for the first value an iterator yields that matches, or fails after `ms`. */
const nextMatching = async (
  changes: AsyncGenerator<Order, void, undefined>,
  matches: (order: Order) => boolean,
  ms = 2_000
): Promise<Order> => {
  const deadline = Date.now() + ms
  for (;;) {
    const remaining = deadline - Date.now()
    if (remaining <= 0) throw new Error("no matching change in time")
    const next = await Promise.race([
      changes.next(),
      new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), remaining))
    ])
    if (next === "timeout") throw new Error("no matching change in time")
    if (next.done === true) throw new Error("the watch ended")
    if (matches(next.value)) return next.value
  }
}

describe.skipIf(skipPostgres())("order changes across servers on one PostgreSQL", () => {
  const database = testDatabase()
  let url: string
  let serverA: SqlOrderStore
  let serverB: SqlOrderStore
  const listeners: Array<pg.Client> = []

  const listen = () => ({
    minDelayMs: 20,
    connect: async () => {
      const client = new pg.Client({ connectionString: url })
      client.on("error", () => undefined)
      await client.connect()
      listeners.push(client)
      return client
    }
  })

  beforeAll(async () => {
    url = await database.create()
    serverA = createSqlOrderStore({
      db: database.pool(url, 4),
      listen: listen(),
      onListenError: () => undefined
    })
    serverB = createSqlOrderStore({
      db: database.pool(url, 4),
      listen: listen(),
      onListenError: () => undefined
    })
    await Promise.all([serverA.ready(), serverB.ready()])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([serverA.close(), serverB.close()])
    await database.dropAll()
  }, 60_000)

  it("a payment applied on A reaches a watcher on B, once", async () => {
    const order = await orderIn(serverA, "pending")
    const controller = new AbortController()
    const onB = watchOrder(serverB, order.orderId, { signal: controller.signal })
    expect((await onB.next()).value).toMatchObject({ status: "pending" })
    const seenByB: Array<number> = []
    const unsubscribe = serverB.events.subscribe(order.orderId, (change) =>
      seenByB.push(change.order.version)
    )
    await serverA.applyEvent(paymentFor(order))
    expect(await nextMatching(onB, (next) => next.status === "processing")).toMatchObject({
      orderId: order.orderId
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Each version once: A's earlier changes may still arrive, the payment exactly once.
    expect(seenByB.filter((version) => version > order.version)).toEqual([order.version + 1])
    expect(new Set(seenByB).size).toBe(seenByB.length)
    unsubscribe()
    controller.abort()
  })

  it("announces nothing that did not commit", async () => {
    const order = await orderIn(serverA, "pending")
    const seen: Array<number> = []
    const unsubscribe = serverB.events.subscribe(order.orderId, (change) => seen.push(change.order.version))
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query("BEGIN")
    await client.query("SELECT pg_notify('mia_order_events', $1)", [
      JSON.stringify({ o: order.orderId, v: 99 })
    ])
    await client.query("ROLLBACK")
    await client.end()
    await new Promise((resolve) => setTimeout(resolve, 200))
    // A's own committed changes may still be arriving; nothing beyond them may.
    expect(seen.filter((version) => version > order.version)).toEqual([])
    unsubscribe()
  })

  it("after its listening connection is cut, B reconnects and its open watcher misses nothing", async () => {
    const order = await orderIn(serverA, "pending")
    const controller = new AbortController()
    const onB = watchOrder(serverB, order.orderId, { signal: controller.signal })
    await onB.next()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    // Cut every LISTEN session, then change the order while B is deaf.
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database() AND pid <> pg_backend_pid()"
    )
    await serverA.applyEvent(paymentFor(order))
    await admin.end()
    expect(await nextMatching(onB, (next) => next.status === "processing", 5_000)).toMatchObject({
      orderId: order.orderId
    })
    controller.abort()
  })
})
