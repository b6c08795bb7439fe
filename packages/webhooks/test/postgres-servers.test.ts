import { createServer } from "node:net"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  createSqlOrderStore,
  handleMiaCallback,
  MIA_MIGRATIONS,
  type Order,
  type OrderChange,
  type OrderStore,
  MiaOrderError,
  migrateMiaSchema,
  type SqlOrderStore
} from "../src/index.js"
import { openSqlOrderStore } from "../src/node/index.js"
import { callbackResult, SIGNATURE_KEY, signedBody } from "./support/callbacks.js"
import { orderIn, paymentFor, uniqueId } from "./support/orders.js"
import { skipPostgres, testDatabase } from "./support/postgres.js"

const versions = MIA_MIGRATIONS.map((migration) => migration.version)

/** Starts `count` deliveries at once, handed to the servers in turn. */
const deliverRoundRobin = <T>(
  servers: ReadonlyArray<OrderStore>,
  count: number,
  deliver: (store: OrderStore) => Promise<T>
) =>
  Promise.all(
    Array.from({ length: count }, (_, index) => deliver(servers[index % servers.length] as OrderStore))
  )

const appliedMigrations = async (url: string): Promise<ReadonlyArray<number>> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ version: number }>(
      "SELECT version FROM mia_schema_migrations ORDER BY version"
    )
    return rows.map((row) => row.version)
  } finally {
    await client.end()
  }
}

const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()))
    })
  })

describe.skipIf(skipPostgres())("SQL store on PostgreSQL, several servers on one database", () => {
  const database = testDatabase()
  let url: string
  let serverA: SqlOrderStore
  let serverB: SqlOrderStore
  let servers: ReadonlyArray<SqlOrderStore>

  beforeAll(async () => {
    url = await database.create()
    // Two application servers: their own pools, their own event buses, one database.
    serverA = createSqlOrderStore({ db: database.pool(url, 6) })
    serverB = createSqlOrderStore({ db: database.pool(url, 6) })
    servers = [serverA, serverB]
    await Promise.all([serverA.ready(), serverB.ready()])
  }, 60_000)
  afterAll(() => database.dropAll(), 60_000)

  it("a signed callback delivered 50 times to two servers at once is applied once", async () => {
    const order = await orderIn(serverA, "pending")
    const body = await signedBody(callbackResult(order))
    const published: Array<OrderChange> = []
    const unsubscribe = servers.map((server) =>
      server.events.subscribe(order.orderId, (change) => published.push(change))
    )
    const answers = await deliverRoundRobin(servers, 50, (store) =>
      handleMiaCallback(body, { signatureKey: SIGNATURE_KEY, store })
    )
    for (const stop of unsubscribe) stop()
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(answers.filter((answer) => answer.outcome === "applied")).toHaveLength(1)
    expect(answers.filter((answer) => answer.outcome === "duplicate")).toHaveLength(49)
    expect(published).toHaveLength(1)
    for (const server of servers) {
      const after = (await server.getOrder(order.orderId)) as Order
      expect(after).toMatchObject({
        status: "processing",
        paidAmountMinor: 15025,
        version: order.version + 1
      })
      expect(after.history.filter((entry) => entry.code === "payment_received")).toHaveLength(1)
    }
  })

  it("two different payments racing on two servers: one pays, the other is flagged for refund", async () => {
    const order = await orderIn(serverA, "pending")
    const [first, second] = [paymentFor(order), paymentFor(order)]
    const results = await Promise.all([serverA.applyEvent(first), serverB.applyEvent(second)])
    expect(results.map((result) => result.outcome)).toEqual(["applied", "applied"])
    const after = (await serverB.getOrder(order.orderId)) as Order
    expect(after.status).toBe("processing")
    expect(after.paidAmountMinor).toBe(15025)
    expect([...after.duplicatePayIds, after.payId].sort()).toEqual([first.payId, second.payId].sort())
    expect(
      after.history
        .map((entry) => entry.code)
        .slice(-2)
        .sort()
    ).toEqual(["duplicate_payment", "payment_received"])
  })

  it("the same unknown payment on two servers at once is kept as one unmatched payment", async () => {
    const event = {
      type: "payment",
      payId: uniqueId("pay"),
      orderId: uniqueId("ghost"),
      amountMinor: 700,
      currency: "MDL"
    } as const
    const results = await deliverRoundRobin(servers, 20, (store) => store.applyEvent(event))
    expect(results.filter((result) => result.outcome === "unmatched")).toHaveLength(1)
    expect(results.filter((result) => result.outcome === "duplicate")).toHaveLength(19)
    const kept = (await serverB.listUnmatchedPayments()).filter((payment) => payment.payId === event.payId)
    expect(kept).toEqual([expect.objectContaining({ amountMinor: 700, orderId: event.orderId })])
  })

  it("partial refunds of one order spread over two servers all count, each once", async () => {
    const order = await orderIn(serverA, "processing")
    const refunds = Array.from({ length: 10 }, () => ({
      type: "refund" as const,
      refundId: uniqueId("refund"),
      payId: order.payId ?? "",
      amountMinor: 1000
    }))
    // Each refund is delivered twice, once to each server.
    const results = await Promise.all(
      refunds.flatMap((refund) => servers.map((server) => server.applyEvent(refund)))
    )
    expect(results.filter((result) => result.outcome === "applied")).toHaveLength(10)
    expect(results.filter((result) => result.outcome === "duplicate")).toHaveLength(10)
    const after = (await serverA.getOrder(order.orderId)) as Order
    expect(after.refundedAmountMinor).toBe(10_000)
    expect(after.history.filter((entry) => entry.code === "refund_partial")).toHaveLength(10)
  })

  it("the same order created on both servers at once exists once, with one creation entry", async () => {
    const orderId = uniqueId("order")
    const created = await deliverRoundRobin(servers, 10, (store) =>
      store.createOrder({ orderId, amount: 99.99, description: "Wine" })
    )
    const stored = (await serverA.getOrder(orderId)) as Order
    for (const order of created) expect(order).toEqual(stored)
    expect(stored.history.map((entry) => entry.code)).toEqual(["order_created"])
  })

  it("QRs attached to one order on both servers at once are all recorded, and each answer is current", async () => {
    const order = await orderIn(serverA, "pending")
    const qrIds = Array.from({ length: 6 }, () => uniqueId("qr"))
    const answers = await Promise.all(
      qrIds.map((qrId, index) =>
        (servers[index % 2] as OrderStore).attachQr(order.orderId, {
          qrId,
          qrUrl: `https://qr/${qrId}`,
          qrExpiresAt: "2030-01-01T00:00:00.000Z"
        })
      )
    )
    const stored = (await serverB.getOrder(order.orderId)) as Order
    expect(stored.version).toBe(order.version + qrIds.length)
    expect(stored.history.filter((entry) => entry.code === "qr_created")).toHaveLength(qrIds.length + 1)
    // Whatever it waited for, each answer holds the history as of its own version.
    for (const answer of answers) expect(answer.history).toHaveLength(answer.version)
    for (const qrId of qrIds) expect((await serverA.findOrderByQrId(qrId))?.orderId).toBe(order.orderId)
  })

  it("two stores sharing one pg.Client never undo each other's writes", async () => {
    const shared = await database.client(url)
    const [writer, failing] = [createSqlOrderStore({ db: shared }), createSqlOrderStore({ db: shared })]
    const taken = await orderIn(writer, "pending")
    const orders = await Promise.all(Array.from({ length: 10 }, () => orderIn(writer, "pending")))
    // While one store's transactions roll back (a conflicting order), the other pays orders.
    const [results, refusals] = await Promise.all([
      Promise.all(orders.map((order) => writer.applyEvent(paymentFor(order)))),
      Promise.all(
        orders.map(() =>
          failing.createOrder({ orderId: taken.orderId, amount: 1 }).catch((error: unknown) => error)
        )
      )
    ])
    expect(results.map((result) => result.outcome)).toEqual(orders.map(() => "applied"))
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "order_exists" })
    for (const order of orders) expect((await serverA.getOrder(order.orderId))?.status).toBe("processing")
  })

  it("a pg.Client server and a pg.Pool server racing on one payment apply it once", async () => {
    const clientServer = createSqlOrderStore({ db: await database.client(url) })
    const order = await orderIn(serverA, "pending")
    const payment = paymentFor(order)
    const results = await deliverRoundRobin([clientServer, serverA, serverB], 30, (store) =>
      store.applyEvent(payment)
    )
    expect(results.filter((result) => result.outcome === "applied")).toHaveLength(1)
    expect((await clientServer.getOrder(order.orderId))?.version).toBe(order.version + 1)
  })
})

describe.skipIf(skipPostgres())("SQL schema migrations on PostgreSQL", () => {
  const database = testDatabase()
  afterAll(() => database.dropAll(), 60_000)

  it("servers migrating an empty database at once apply each migration exactly once", async () => {
    const url = await database.create()
    const handles = [database.pool(url, 3), database.pool(url, 3), await database.client(url)]
    const results = await Promise.all(handles.flatMap((db) => [migrateMiaSchema(db), migrateMiaSchema(db)]))
    expect(results.flat().sort()).toEqual(versions)
    expect(await appliedMigrations(url)).toEqual(versions)
    for (const db of handles) expect(await migrateMiaSchema(db)).toEqual([])
  })

  it("stores starting at once on an empty database all become ready and share the schema", async () => {
    const url = await database.create()
    const stores = [
      createSqlOrderStore({ db: database.pool(url, 3) }),
      createSqlOrderStore({ db: database.pool(url, 3) })
    ]
    await Promise.all(stores.map((store) => store.ready()))
    const [first, second] = stores as [SqlOrderStore, SqlOrderStore]
    await first.createOrder({ orderId: "shared-1", amount: 5 })
    expect(await second.getOrder("shared-1")).toMatchObject({ amountMinor: 500, status: "pending" })
    expect(await appliedMigrations(url)).toEqual(versions)
  })

  it("apply a later version on top of an existing schema, once", async () => {
    const url = await database.create()
    const db = database.pool(url, 2)
    expect(await migrateMiaSchema(db)).toEqual(versions)
    const next = {
      version: 999,
      name: "test column",
      statements: ["ALTER TABLE mia_orders ADD COLUMN note_999 text"]
    }
    const both = await Promise.all([
      migrateMiaSchema(db, [...MIA_MIGRATIONS, next]),
      migrateMiaSchema(db, [...MIA_MIGRATIONS, next])
    ])
    expect(both.flat()).toEqual([999])
    expect(await appliedMigrations(url)).toEqual([...versions, 999])
  })

  it("roll back a failing migration entirely, so a fixed one applies later", async () => {
    const url = await database.create()
    const db = database.pool(url, 2)
    const broken = {
      version: 1000,
      name: "broken",
      statements: ["CREATE TABLE mia_broken (id int)", "SELECT no_such_column FROM mia_orders"]
    }
    await expect(migrateMiaSchema(db, [...MIA_MIGRATIONS, broken])).rejects.toThrow(/no_such_column/)
    // Nothing of the failed run stayed, not even the earlier migrations of the same run.
    expect((await db.query("SELECT to_regclass('mia_orders') AS t")).rows[0]).toEqual({ t: null })
    const fixed = { ...broken, statements: ["CREATE TABLE mia_broken (id int)"] }
    expect(await migrateMiaSchema(db, [...MIA_MIGRATIONS, fixed])).toEqual([...versions, 1000])
  })
})

describe.skipIf(skipPostgres())("openSqlOrderStore on PostgreSQL", () => {
  const database = testDatabase()
  afterAll(() => database.dropAll(), 60_000)

  it("opens a pool for a DATABASE_URL, migrates it and closes it", async () => {
    const url = await database.create()
    const opened = await openSqlOrderStore({ databaseUrl: url })
    try {
      expect(opened.engine).toBe("postgres")
      await opened.store.createOrder({ orderId: "open-1", amount: 12.3 })
      expect(await opened.store.getOrder("open-1")).toMatchObject({ amountMinor: 1230, status: "pending" })
      expect(await appliedMigrations(url)).toEqual(versions)
    } finally {
      await opened.close()
    }
  })

  it("keeps serving after the server drops its idle connections (a restart or failover)", async () => {
    const url = await database.create()
    const opened = await openSqlOrderStore({ databaseUrl: url })
    try {
      await Promise.all([
        opened.store.createOrder({ orderId: "drop-1", amount: 1 }),
        opened.store.getOrder("drop-1")
      ])
      const admin = await database.client(url)
      const terminate = `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`
      expect((await admin.query<{ killed: number }>(terminate)).rows[0]?.killed).toBeGreaterThan(0)
      const alive = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
      // The pool learns of the drop from its sockets; wait until the server side is gone too.
      while ((await admin.query<{ n: number }>(alive)).rows[0]?.n !== 0)
        await new Promise((resolve) => setImmediate(resolve))
      // A query that races the pool's own notice of a dead socket may still fail; it must fail as
      // a retryable storage error (the webhook answers 503 and the bank re-sends). Each failure
      // evicts one dead connection, so within the pool's size a fresh one serves, with no restart.
      let outcome: unknown
      for (let attempt = 0; attempt < 5; attempt++) {
        outcome = await opened.store.getOrder("drop-1").catch((error: unknown) => error)
        if (!(outcome instanceof MiaOrderError)) break
        expect(outcome).toMatchObject({ code: "storage", retryable: true })
      }
      expect(outcome).toMatchObject({ orderId: "drop-1" })
    } finally {
      await opened.close()
    }
  })

  it("fails fast with the cause, and no password, when the server is unreachable", async () => {
    const port = await closedPort()
    const error = await openSqlOrderStore({
      databaseUrl: `postgres://mia:s3cret-pw@127.0.0.1:${port}/mia`
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect(String(error)).toMatch(/ECONNREFUSED/)
    expect(String(error)).not.toContain("s3cret-pw")
  })
})
