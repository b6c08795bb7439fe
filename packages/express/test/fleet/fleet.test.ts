import type { OrderView, RefundView } from "@mia-sdk/core/wire"
import { createSqlOrderStore, type Order, type SqlOrderStore } from "@mia-sdk/webhooks"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sseReader } from "../support/sse.js"
import { type FleetDatabase, fleetDatabase, skipPostgres } from "./database.js"
import { ADMIN_TOKEN, type Fleet, type Instance, mapLimit, startFleet, within } from "./fleet.js"

let counter = 0
const newOrderId = (): string => `fleet-${Date.now().toString(36)}-${++counter}`
const range = (length: number): Array<number> => Array.from({ length }, (_, index) => index)
const sum = (values: ReadonlyArray<number>): number => values.reduce((total, value) => total + value, 0)
const codes = (order: Order): Array<string> => order.history.map((entry) => entry.code)

describe.skipIf(skipPostgres())("several merchant server processes on one PostgreSQL", () => {
  let database: FleetDatabase
  let fleet: Fleet
  /** The test's own view of the database: it reads, it never writes. */
  let reader: SqlOrderStore

  beforeAll(async () => {
    database = await fleetDatabase()
    fleet = await startFleet({ database, names: ["A", "B", "C"], reconciler: true })
    reader = createSqlOrderStore({ db: database.pool, listen: false, migrate: false })
  }, 120_000)
  afterAll(async () => {
    try {
      await fleet?.close()
    } finally {
      await database?.drop()
    }
  }, 60_000)

  const orderOf = async (orderId: string): Promise<Order> => {
    const order = await reader.getOrder(orderId)
    if (order === undefined) throw new Error(`no order ${orderId}`)
    return order
  }

  /** An event stream on `on`, past its first event (the order, pending). */
  const openStream = async (on: Instance, orderId: string) => {
    const response = await on.api(`/orders/${orderId}/events`)
    expect(response.status).toBe(200)
    const events = sseReader(response)
    const next = async () => JSON.parse((await events.nextEvent()).data) as OrderView
    expect(await within(10_000, "the first event", next())).toMatchObject({ orderId, status: "pending" })
    return { next, close: () => events.cancel() }
  }

  /** The pids of a server's LISTEN sessions (the servers name themselves `fleet-<name>`). */
  const listenSessions = async (name: string): Promise<Array<number>> => {
    const { rows } = await database.admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1 AND query LIKE 'LISTEN%'`,
      [`fleet-${name}`]
    )
    return rows.map((row) => row.pid)
  }

  const delivered = (payId: string, timeoutMs = 30_000) =>
    fleet.sandbox.deliveries.waitFor({ payId, status: "delivered" }, { timeoutMs })

  it("a callback applied on A reaches an event stream on B within 2 s", async () => {
    const [a, b] = [fleet.instance("A"), fleet.instance("B")]
    const session = await fleet.checkout(a, newOrderId(), 150.25)
    const stream = await openStream(b, session.orderId)
    fleet.routeCallbacks("A")

    const started = performance.now()
    const payment = await fleet.sandbox.pay({ qrId: session.qrId })
    const paid = await within(10_000, "the payment on B's stream", stream.next())
    const elapsedMs = performance.now() - started
    await stream.close()

    expect(paid).toMatchObject({ orderId: session.orderId, status: "processing", payId: payment.payId })
    // Only A was told: B learnt it from the database.
    expect((await delivered(payment.payId)).deliveredTo).toBe(`${a.url}/mia/callback`)
    console.info(`[fleet] callback on A -> event on B: ${elapsedMs.toFixed(0)} ms`)
    expect(elapsedMs).toBeLessThan(2_000)
  })

  it("after B's listening connection is cut, it reconnects and its open stream misses nothing", async () => {
    const [a, b] = [fleet.instance("A"), fleet.instance("B")]
    // Checking out on A leaves idle connections in A's pool: A can apply the payment below
    // while the database accepts no new session.
    const session = await fleet.checkout(a, newOrderId(), 42.5)
    const stream = await openStream(b, session.orderId)
    fleet.routeCallbacks("A")
    const [cut] = await listenSessions("B")
    expect(cut).toBeDefined()

    // The door stays shut until the payment committed, so B is surely deaf when it does.
    await database.allowConnections(false)
    let payId: string
    try {
      const { rows } = await database.admin.query("SELECT pg_terminate_backend($1, 10000) AS done", [cut])
      expect(rows).toEqual([{ done: true }])
      payId = (await fleet.sandbox.pay({ qrId: session.qrId })).payId
      expect((await delivered(payId)).attempts.at(-1)?.status).toBe(200)
      expect(await listenSessions("B")).toEqual([])
    } finally {
      await database.allowConnections(true)
    }

    const paid = await within(20_000, "the payment on B's stream", stream.next())
    await stream.close()
    expect(paid).toMatchObject({ orderId: session.orderId, status: "processing", payId })
    const [listening] = await listenSessions("B")
    expect(listening).toBeDefined()
    expect(listening).not.toBe(cut)
  })

  it("20 concurrent checkouts of one order on 2 servers: one QR at the bank, the same qrId in every answer", async () => {
    const servers: Array<Instance> = [fleet.instance("A"), fleet.instance("B")]
    const orderId = newOrderId()
    await fleet.instance("A").createOrder(orderId, 77.7)

    const answers = await Promise.all(
      range(20).map((index) =>
        (servers[index % 2] as Instance).api(`/orders/${orderId}/checkout`, { method: "POST" })
      )
    )
    expect(
      answers.map((answer) => answer.status).filter((status) => status !== 200 && status !== 201)
    ).toEqual([])
    const qrIds = new Set(
      await Promise.all(answers.map(async (answer) => ((await answer.json()) as { qrId: string }).qrId))
    )
    expect(qrIds.size).toBe(1)
    const atBank = fleet.sandbox.state.qrs().filter((qr) => qr.orderId === orderId)
    expect(atBank.map(({ qrId, status }) => ({ qrId, status }))).toEqual([
      { qrId: [...qrIds][0], status: "Active" }
    ])

    // That one QR pays the order (and leaves no pending order for the reconciliation test).
    fleet.routeCallbacks("B")
    await delivered((await fleet.sandbox.pay({ qrId: [...qrIds][0] as string })).payId)
    expect((await orderOf(orderId)).status).toBe("processing")
  })

  it("100 paid orders whose callbacks were lost: one concurrent round on 3 servers recovers all with ≤ 150 bank calls", async () => {
    const servers = fleet.instances()
    fleet.routeCallbacks("nowhere")
    // A few checkouts at a time: see the report about withOrderLock and the pool size.
    const sessions = await mapLimit(range(100), 4, (index) =>
      fleet.checkout(servers[index % 3] as Instance, newOrderId(), 10 + index)
    )
    const payments = await Promise.all(sessions.map((session) => fleet.sandbox.pay({ qrId: session.qrId })))
    // Every callback was tried and refused: lost.
    await Promise.all(
      payments.map((payment) =>
        fleet.sandbox.deliveries.waitFor(
          (delivery) => delivery.payId === payment.payId && delivery.attempts.length > 0,
          {
            timeoutMs: 30_000
          }
        )
      )
    )
    const orderIds = sessions.map((session) => session.orderId)
    for (const orderId of orderIds) expect((await orderOf(orderId)).status).toBe("pending")

    // A fresh QR is first checked 30 s after checkout: the round runs as if a minute later.
    const at = Date.now() + 60_000
    const started = performance.now()
    const reports = await Promise.all(servers.map((server) => server.reconcile(at)))
    const bankCalls = sum(reports.map((report) => report.bankCalls))
    console.info(
      `[fleet] reconciliation round: ${reports.map((r) => `${r.server} ${r.orders.length} orders/${r.bankCalls} calls`).join(", ")}; ${(performance.now() - started).toFixed(0)} ms`
    )

    expect(reports.flatMap((report) => report.failed)).toEqual([])
    expect(bankCalls).toBeLessThanOrEqual(150)
    // Each order checked by exactly one server, and the work was shared.
    const ours = new Set(orderIds)
    const checked = reports.flatMap((report) => report.orders.map((order) => order.orderId))
    expect(checked.filter((orderId) => ours.has(orderId)).sort()).toEqual([...orderIds].sort())
    expect(reports.filter((report) => report.orders.length > 0).length).toBeGreaterThanOrEqual(2)
    for (const [index, orderId] of orderIds.entries()) {
      const order = await orderOf(orderId)
      expect(order).toMatchObject({ status: "processing", payId: payments[index]?.payId })
      expect(order.history.filter((entry) => entry.code === "payment_received")).toEqual([
        expect.objectContaining({ actor: "reconciliation" })
      ])
    }
  }, 120_000)

  it("12 concurrent partial refunds of one order on 3 servers never refund more than was paid", async () => {
    const servers = fleet.instances()
    const session = await fleet.checkout(fleet.instance("A"), newOrderId(), 150.25)
    fleet.routeCallbacks("B")
    const { payId } = await fleet.sandbox.pay({ qrId: session.qrId })
    await delivered(payId)

    const refund = (server: Instance, key: string) =>
      server.api(`/orders/${session.orderId}/refunds`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key, "x-fleet-admin": ADMIN_TOKEN },
        body: JSON.stringify({ amount: 20, reason: `Return ${key}` })
      })
    const answers = await Promise.all(
      range(12).map(async (index) => {
        const answer = await refund(servers[index % 3] as Instance, `${session.orderId}-${index}`)
        return { status: answer.status, body: (await answer.json()) as { code?: string } }
      })
    )
    const statuses = answers.map((answer) => answer.status)
    const accepted = statuses.filter((status) => status === 201).length
    // Exactly 7 x 20 = 140 fit in 150.25: each accepted refund counts once, pending or settled,
    // so none is refused early; the other 5 are refused for the amount, none fails.
    expect(accepted).toBe(7)
    const refusals = answers.filter((answer) => answer.status !== 201)
    expect(refusals.map(({ status, body }) => `${status} ${body.code}`)).toEqual(
      Array(5).fill("400 validation")
    )

    const atBank = fleet.sandbox.state.refunds({ payId })
    const refundedAtBank = sum(atBank.map((entry) => Math.round(entry.amount * 100)))
    expect(refundedAtBank).toBe(accepted * 2_000)
    expect(refundedAtBank).toBeLessThanOrEqual(15_025)
    expect((await orderOf(session.orderId)).refundedAmountMinor).toBe(refundedAtBank)
    const ledger = await reader.listRefunds({ orderId: session.orderId })
    expect(ledger.filter((entry) => entry.status !== "accepted")).toEqual([])
    expect(sum(ledger.map((entry) => entry.amountMinor))).toBe(refundedAtBank)
    expect(ledger.map((entry) => entry.bankRefundId).sort()).toEqual(
      atBank.map((entry) => entry.refundId).sort()
    )

    // An accepted request repeated on another server replays its answer and refunds nothing.
    const firstAccepted = statuses.indexOf(201)
    const replay = await refund(
      servers[(firstAccepted + 1) % 3] as Instance,
      `${session.orderId}-${firstAccepted}`
    )
    expect(replay.status).toBe(201)
    expect(replay.headers.get("idempotent-replayed")).toBe("true")
    expect(((await replay.json()) as RefundView).order.refundedAmount).toBe(refundedAtBank / 100)
    expect(fleet.sandbox.state.refunds({ payId })).toHaveLength(accepted)
  }, 60_000)

  it("kill -9 of one server during 200 payments: none lost, none applied twice", async () => {
    const servers = fleet.instances()
    const sessions = await mapLimit(range(200), 4, (index) =>
      fleet.checkout(servers[index % 3] as Instance, newOrderId(), 5 + index)
    )
    const victim = fleet.instance("C")
    const victimCallbacks = `${victim.url}/mia/callback`
    const qrIds = new Set(sessions.map((session) => session.qrId))
    // Killed once it has answered a few of its share, with the rest of the burst on its way.
    let answeredByVictim = 0
    const killed = new Promise<Awaited<ReturnType<Fleet["stop"]>>>((resolve, reject) => {
      const unsubscribe = fleet.sandbox.deliveries.subscribe((delivery) => {
        if (!qrIds.has(delivery.qrId) || delivery.deliveredTo !== victimCallbacks) return
        if (delivery.status !== "delivered" || ++answeredByVictim < 5) return
        unsubscribe()
        fleet.stop("C", "SIGKILL").then(resolve, reject)
      })
    })
    fleet.routeCallbacks("round-robin")
    const payments = await Promise.all(sessions.map((session) => fleet.sandbox.pay({ qrId: session.qrId })))
    const exit = await within(60_000, "the kill of C", killed)
    expect(exit.signal).toBe("SIGKILL")

    await fleet.restart("C")
    fleet.sandbox.deliveries.retryNow()
    const deliveries = await Promise.all(payments.map((payment) => delivered(payment.payId, 90_000)))

    // The kill hit the burst: some callbacks to C failed and were delivered by a re-send.
    const resent = deliveries.filter(
      (delivery) =>
        delivery.deliveredTo === victimCallbacks &&
        delivery.attempts.some((attempt) => attempt.status !== 200)
    )
    console.info(
      `[fleet] kill -9 during the burst: ${resent.length} callbacks to C re-sent after the restart`
    )
    expect(resent.length).toBeGreaterThan(0)
    for (const [index, session] of sessions.entries()) {
      const order = await orderOf(session.orderId)
      expect(order).toMatchObject({
        status: "processing",
        payId: payments[index]?.payId,
        paidAmountMinor: order.amountMinor,
        duplicatePayment: false
      })
      expect(codes(order).filter((code) => code === "payment_received")).toHaveLength(1)
      expect(codes(order)).not.toContain("duplicate_payment")
    }
  }, 180_000)
})
