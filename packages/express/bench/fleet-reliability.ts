/**
 * Fleet reliability figure: the sandbox reliability run (packages/sandbox/bench/reliability.ts)
 * spread over 3 merchant server processes on one fresh PostgreSQL database, one of them killed
 * with SIGKILL when a third of the flows are done and restarted on its port a little later.
 * The sandbox bank answers 10 % of GETs with 503, sends every callback twice, re-sends refused
 * ones for about a minute, and routes callbacks to the servers in turn. Each flow creates an
 * order and checks it out on random live servers, pays at the bank, polls a random live server
 * until the order is paid, then refunds it in full with an Idempotency-Key. A request whose
 * server dies under it is retried on another server (same key for the refund).
 * Prints flows completed, payments lost, payments and refunds applied twice, requests the kill
 * failed; exits with 1 if anything was lost, missing or applied twice.
 *
 * Run it (a fresh database is created on that server and dropped at the end):
 *   MIA_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     pnpm --filter @mia-sdk/express bench:fleet [-- --flows 1000 --concurrency 8 --seed 2026 --restart-after-ms 3000]
 */
import { parseArgs } from "node:util"
import type { CheckoutSession, OrderView } from "@mia-sdk/core/wire"
import { createSqlOrderStore } from "@mia-sdk/webhooks"
import { fleetDatabase } from "../test/fleet/database.js"
import { ADMIN_TOKEN, type Instance, startFleet } from "../test/fleet/fleet.js"

const argv = process.argv.slice(2)
const { values } = parseArgs({
  // `pnpm run bench:fleet -- --flows 10` passes the `--` along.
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    flows: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "8" },
    seed: { type: "string", default: "2026" },
    "restart-after-ms": { type: "string", default: "3000" }
  }
})
const FLOWS = Number(values.flows)
const CONCURRENCY = Number(values.concurrency)
const SEED = Number(values.seed)
const RESTART_AFTER_MS = Number(values["restart-after-ms"])
const NAMES = ["A", "B", "C"]
const PAID = new Set(["processing", "completed", "on-hold"])
const ATTEMPTS = 5
const PAID_WITHIN_MS = 120_000

/** mulberry32: which server each request goes to, and the victim, follow `--seed`. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const random = seeded(SEED)
const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(random() * items.length)] as T
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
const describe = (error: unknown) =>
  error instanceof Error
    ? `${error.name}: ${error.message}${error.cause ? ` (${error.cause})` : ""}`
    : String(error)

const database = await fleetDatabase()
const fleet = await startFleet({ database, names: NAMES, reconciler: true }).catch(async (error: unknown) => {
  await database.drop()
  throw error
})
const get503 = fleet.sandbox.faults.add({ method: "GET", rate: 0.1, fault: { type: "status", status: 503 } })
fleet.sandbox.faults.setCallbackFaults({ duplicateRate: 1 })
fleet.routeCallbacks("round-robin")

// --- The kill: the victim leaves the pool of live servers the moment it is killed -----------
const victim = pick(NAMES)
const down = new Set<string>()
const live = () => NAMES.filter((name) => !down.has(name)).map((name) => fleet.instance(name))
let outage: Promise<unknown> | undefined
let killedAtFlow = 0
let downMs = 0

const killVictim = async () => {
  const killedAt = performance.now()
  down.add(victim)
  await fleet.stop(victim, "SIGKILL")
  await sleep(RESTART_AFTER_MS)
  await fleet.restart(victim)
  down.delete(victim)
  downMs = performance.now() - killedAt
}

// --- Requests: each to a random live server; a transport failure is retried on another ------
const killFailures = new Map<string, number>()
const otherTransportFailures = new Map<string, number>()
const serverErrors = new Map<string, number>()

const request = async (step: string, send: (on: Instance) => Promise<Response>): Promise<Response> => {
  for (let attempt = 1; ; attempt++) {
    const on = pick(live())
    try {
      const response = await send(on)
      // A 5xx (e.g. the bank's 503 after the server's own retries) is retried like a browser would.
      if (response.status < 500 || attempt === ATTEMPTS) return response
      count(serverErrors, `${step} ${response.status}`)
      await response.body?.cancel()
    } catch (error) {
      const killed = on.name === victim && outage !== undefined
      count(killed ? killFailures : otherTransportFailures, killed ? step : `${step}: ${describe(error)}`)
      if (attempt === ATTEMPTS) throw error
    }
  }
}

const json = async <T>(step: string, send: (on: Instance) => Promise<Response>): Promise<T> => {
  const response = await request(step, send)
  if (!response.ok) throw new Error(`${step}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
  signal: AbortSignal.timeout(30_000)
})

// --- One flow -------------------------------------------------------------------------------
const orderIdOf = (index: number) => `fleet-${SEED}-${index}`
const failures = new Map<string, number>()
let completed = 0
let refundsPendingAtAnswer = 0
let refundsReplayed = 0

const flow = async (index: number): Promise<void> => {
  const orderId = orderIdOf(index)
  const amount = 10 + (index % 500) / 4
  await json("create", (on) => fetch(`${on.url}/test/orders`, post({ orderId, amount })))
  const session = await json<CheckoutSession>("checkout", (on) =>
    on.api(`/orders/${orderId}/checkout`, post({}))
  )
  await fleet.sandbox.pay({ qrId: session.qrId })
  const status = async () =>
    (
      await json<OrderView>("status", (on) =>
        on.api(`/orders/${orderId}`, { signal: AbortSignal.timeout(30_000) })
      )
    ).status
  const deadline = performance.now() + PAID_WITHIN_MS
  while (!PAID.has(await status())) {
    if (performance.now() > deadline) throw new Error(`not paid within ${PAID_WITHIN_MS} ms`)
    await sleep(100)
  }
  const refund = await request("refund", (on) =>
    on.api(
      `/orders/${orderId}/refunds`,
      post(
        { reason: "Fleet reliability run" },
        { "idempotency-key": `refund-${orderId}`, "x-fleet-admin": ADMIN_TOKEN }
      )
    )
  )
  if (refund.status !== 201 && refund.status !== 202) {
    throw new Error(`refund: HTTP ${refund.status} ${await refund.text()}`)
  }
  await refund.body?.cancel()
  if (refund.status === 202) refundsPendingAtAnswer += 1
  if (refund.headers.get("idempotent-replayed") === "true") refundsReplayed += 1
  completed += 1
  if (outage === undefined && completed >= FLOWS / 3) {
    killedAtFlow = completed
    outage = killVictim().catch((error: unknown) =>
      count(failures, `kill/restart of ${victim}: ${describe(error)}`)
    )
  }
}

let exitCode = 1
try {
  console.log(
    `MIA fleet reliability run: ${FLOWS} flows, concurrency ${CONCURRENCY}, seed ${SEED}, servers ${NAMES.join(" ")} on ${database.name}`
  )
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < FLOWS) {
        const index = next++
        await flow(index).catch((error: unknown) => count(failures, describe(error)))
      }
    })
  )
  const wallMs = performance.now() - started
  await outage

  // The bank's re-sends run out about a minute after a refusal: wait until none is pending.
  const settleBy = performance.now() + 120_000
  while (fleet.sandbox.deliveries.list({ kind: "payment", status: "pending" }).length > 0) {
    if (performance.now() > settleBy) break
    await sleep(250)
  }

  // --- The books: the shop's database and the bank's ----------------------------------------
  const reader = createSqlOrderStore({ db: database.pool, listen: false, migrate: false })
  const readOrders = () =>
    Promise.all(Array.from({ length: FLOWS }, (_, index) => reader.getOrder(orderIdOf(index))))
  const orders = await readOrders()
  let paidAtBank = 0
  let lost = 0
  let appliedTwice = 0
  for (const order of orders) {
    if (order === undefined || fleet.sandbox.state.payments({ orderId: order.orderId }).length === 0) continue
    paidAtBank += 1
    const received = order.history.filter((entry) => entry.code === "payment_received").length
    if (received === 0) lost += 1
    if (received > 1 || order.duplicatePayment || order.history.some((e) => e.code === "duplicate_payment")) {
      appliedTwice += 1
    }
  }

  // A refund whose server died between the ledger and the bank's answer stays pending:
  // reconciliation settles it from the bank's record (a round as if 2 minutes later).
  const leftPending = (await reader.listRefunds({ status: "pending" })).length
  if (leftPending > 0) await (live()[0] as Instance).reconcile(Date.now() + 120_000)
  const stillPending = (await reader.listRefunds({ status: "pending" })).length

  let refundedTwice = 0
  let refundsMissing = 0
  const anomalies: Array<string> = []
  for (const order of await readOrders()) {
    if (order === undefined || order.paidAmountMinor === 0) continue
    const atBank = fleet.sandbox.state
      .payments({ orderId: order.orderId })
      .flatMap((payment) => fleet.sandbox.state.refunds({ payId: payment.payId }))
    const bankMinor = atBank.reduce((sum, refund) => sum + Math.round(refund.amount * 100), 0)
    if (
      atBank.length > 1 ||
      bankMinor > order.paidAmountMinor ||
      order.refundedAmountMinor > order.paidAmountMinor
    ) {
      refundedTwice += 1
    } else if (bankMinor < order.paidAmountMinor || order.refundedAmountMinor !== bankMinor) {
      refundsMissing += 1
    } else continue
    const ledger = await reader.listRefunds({ orderId: order.orderId })
    anomalies.push(
      `${order.orderId}: paid ${order.paidAmountMinor}, refunded in the books ${order.refundedAmountMinor}, at the bank ${bankMinor} (${atBank.length} refunds), ledger ${ledger.map((r) => `${r.status}/${r.amountMinor}${r.failure ? ` "${r.failure}"` : ""}`).join(" ")}, history ${order.history.map((e) => e.code).join(" ")}`
    )
  }

  const victimUrl = `${fleet.instance(victim).url}/mia/callback`
  const payments = fleet.sandbox.deliveries.list({ kind: "payment" })
  const resentToVictim = payments.filter(
    (delivery) =>
      delivery.deliveredTo === victimUrl && delivery.attempts.some((attempt) => attempt.status !== 200)
  ).length
  const undelivered = payments.filter((delivery) => delivery.status !== "delivered").length
  const total = (map: Map<string, number>) => [...map.values()].reduce((sum, n) => sum + n, 0)
  const breakdown = (map: Map<string, number>) =>
    map.size === 0 ? "" : ` (${[...map].map(([key, n]) => `${key} ${n}`).join(", ")})`

  console.log(
    `faults: 10% of GETs answered 503 (${get503.hits} injected), every callback sent twice, re-sends over ~50 s, callbacks round-robin`
  )
  console.log(
    `killed: server ${victim} (SIGKILL) after ${killedAtFlow} flows, back on its port after ${(downMs / 1000).toFixed(1)} s`
  )
  console.log("")
  console.log(`flows completed         ${completed} / ${FLOWS}`)
  console.log(`payments lost           ${lost}  (of ${paidAtBank} executed at the bank)`)
  console.log(`payments applied twice  ${appliedTwice}`)
  console.log(`refunds applied twice   ${refundedTwice}`)
  console.log(`refunds missing         ${refundsMissing}  (refunded at the bank or in the books != paid)`)
  console.log(
    `requests failed by kill ${total(killFailures)}, all retried on another server${breakdown(killFailures)}`
  )
  console.log(
    `wall time               ${(wallMs / 1000).toFixed(1)} s (${(FLOWS / (wallMs / 1000)).toFixed(1)} flows/s)`
  )
  console.log("")
  console.log(
    `callbacks to ${victim} refused by the kill and delivered by a re-send: ${resentToVictim}; payment callbacks not delivered: ${undelivered}`
  )
  console.log(
    `refund answers 202 pending: ${refundsPendingAtAnswer}, replayed by Idempotency-Key: ${refundsReplayed}; ledger refunds left pending: ${leftPending}, after one reconciliation round: ${stillPending}`
  )
  console.log(`5xx answers retried: ${total(serverErrors)}${breakdown(serverErrors)}`)
  console.log(
    `other transport failures retried: ${total(otherTransportFailures)}${breakdown(otherTransportFailures)}`
  )
  for (const [reason, n] of failures) console.log(`failed flow x${n}: ${reason}`)
  for (const anomaly of anomalies.slice(0, 10)) console.log(`refund anomaly: ${anomaly}`)
  const clean =
    completed === FLOWS && failures.size === 0 && lost === 0 && appliedTwice === 0 && refundedTwice === 0
  exitCode = clean && refundsMissing === 0 && stillPending === 0 ? 0 : 1
} finally {
  await fleet.close().catch((error: unknown) => console.error(`fleet close: ${describe(error)}`))
  await database.drop()
}
process.exitCode = exitCode
