/**
 * Webhook throughput against a bare Express handler, on 127.0.0.1, in one process run:
 *   pnpm --filter @mia-sdk/express bench
 * Every webhook request carries a distinct, correctly signed payment for its own pre-created
 * order, so each one verifies the signature and applies a real transition. The servers run in a
 * child process (bench/webhook-servers.ts) and autocannon in this one, so the load generator
 * doesn't share an event loop with what it measures. Tune with BENCH_REQUESTS (memory
 * runs), BENCH_PGLITE_REQUESTS and BENCH_CONNECTIONS. With BENCH_DATABASE_URL (a PostgreSQL database
 * the benchmark may write to; it creates its own tables and orders with fresh ids) it also runs
 * the webhook on PostgreSQL against a bare handler doing one INSERT on the same pool.
 */
import { once } from "node:events"
import { type ChildProcess, fork } from "node:child_process"
import { performance } from "node:perf_hooks"
import { signMiaCallback } from "@mia-sdk/core"
import autocannon, { type Result } from "autocannon"
import { SIGNATURE_KEY, type ServerCommand, type StoreKind } from "./webhook-servers.js"

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const PGLITE_REQUESTS = Number(process.env.BENCH_PGLITE_REQUESTS ?? 5_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const DATABASE_URL = process.env.BENCH_DATABASE_URL || undefined
const TARGETS: Readonly<Record<StoreKind, string>> = {
  memory: ">= 0.7 vs a bare handler",
  pglite: "reported only",
  postgres: ">= 0.6 vs a bare handler doing one INSERT on the same pool"
}
const WARMUP = 500

const orderIdsFor = (prefix: string, count: number): Array<string> =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`)

/** One signed callback body paying each order. */
const prepare = async (orderIds: ReadonlyArray<string>): Promise<Array<string>> => {
  const bodies: Array<string> = []
  for (const orderId of orderIds) {
    const result = {
      qrId: `qr-${orderId}`,
      qrStatus: "Paid",
      payId: `pay-${orderId}`,
      referenceId: "MIA0001234567",
      orderId,
      amount: 150.25,
      commission: 1.5,
      currency: "MDL",
      payerName: "John D.",
      payerIban: "MD88AG000000011621810140",
      executedAt: "2026-11-21T10:00:00.1234567+00:00",
      terminalId: null
    }
    bodies.push(JSON.stringify({ result, signature: await signMiaCallback(result, SIGNATURE_KEY) }))
  }
  return bodies
}

/** One load run and its wall time: autocannon's own `duration` is whole seconds, too coarse here. */
interface Run {
  readonly result: Result
  readonly seconds: number
}

/** Fires `bodies` (each once, in order) at `url`. */
const load = async (url: string, bodies: ReadonlyArray<string>): Promise<Run> => {
  let next = 0
  const started = performance.now()
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: bodies.length,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] })
      }
    ]
  })
  return { result, seconds: (performance.now() - started) / 1000 }
}

interface Figures {
  readonly rps: number
  readonly p99: number
  readonly non2xx: number
  readonly errors: number
}

const ROUNDS = 3

/** Sums rounds into one figure: overall requests per second and the worst p99. */
const combine = (runs: ReadonlyArray<Run>): Figures => {
  const rounds = runs.map((run) => run.result)
  const total = rounds.reduce((sum, round) => sum + round.requests.total, 0)
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0)
  return {
    rps: total / seconds,
    p99: Math.max(...rounds.map((round) => round.latency.p99)),
    non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
    errors: rounds.reduce((sum, round) => sum + round.errors + round.timeouts, 0)
  }
}

/** Sends one command to the servers' process and waits for its answer. */
const ask = async <A>(worker: ChildProcess, command: ServerCommand): Promise<A> => {
  worker.send(command)
  const [message] = (await once(worker, "message")) as [{ ok: boolean; reply?: A; error?: string }]
  if (!message.ok) throw new Error(message.error)
  return message.reply as A
}

/**
 * Runs the bare baseline and the webhook with the same requests, alternating in rounds so that
 * the machine's background load and the JIT's warm-up weigh on both alike.
 */
const compare = async (worker: ChildProcess, label: StoreKind, count: number) => {
  // Fresh ids per run: a PostgreSQL database outlives the benchmark.
  const run = Date.now().toString(36)
  const warmIds = orderIdsFor(`${label}-${run}-warm`, WARMUP)
  const orderIds = orderIdsFor(`${label}-${run}`, count)
  const warmBodies = await prepare(warmIds)
  const bodies = await prepare(orderIds)
  const urls = await ask<{ bareUrl: string; webhookUrl: string }>(worker, {
    type: "start",
    store: label,
    orderIds: [...warmIds, ...orderIds],
    databaseUrl: DATABASE_URL
  })
  await load(urls.bareUrl, warmBodies)
  await load(urls.webhookUrl, warmBodies)

  const bareRounds: Array<Run> = []
  const webhookRounds: Array<Run> = []
  const size = Math.ceil(count / ROUNDS)
  for (let round = 0; round < ROUNDS; round++) {
    const slice = bodies.slice(round * size, (round + 1) * size)
    bareRounds.push(await load(urls.bareUrl, slice))
    webhookRounds.push(await load(urls.webhookUrl, slice))
  }
  const paid = await ask<string | undefined>(worker, { type: "status", orderId: orderIds[count - 1]! })
  await ask(worker, { type: "stop" })
  const baseline = combine(bareRounds)
  const measured = combine(webhookRounds)

  console.log(
    `\n${label} store (${count} distinct signed payments, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds)`
  )
  const bare = label === "postgres" ? "bare Express INSERT" : "bare Express 200   "
  console.log(`  ${bare}${baseline.rps.toFixed(0).padStart(7)} req/s   p99 ${baseline.p99} ms`)
  console.log(`  miaWebhook         ${measured.rps.toFixed(0).padStart(7)} req/s   p99 ${measured.p99} ms`)
  console.log(`  ratio webhook/bare ${(measured.rps / baseline.rps).toFixed(2)} (target ${TARGETS[label]})`)
  console.log(`  non-2xx ${measured.non2xx}, errors ${measured.errors}, last order ${paid}`)
  return measured.rps / baseline.rps
}

const main = async () => {
  console.log(`Node ${process.version}, Express 5, autocannon on 127.0.0.1 (servers in a child process)`)
  // The child compiles TypeScript with tsx and resolves the workspace sources, like this process.
  const worker = fork(new URL("./webhook-servers.ts", import.meta.url), {
    execArgv: ["--import", "tsx", "--conditions=@mia-sdk/source"]
  })
  try {
    const memoryRatio = await compare(worker, "memory", REQUESTS)
    const pgliteRatio = await compare(worker, "pglite", PGLITE_REQUESTS)
    const postgresRatio =
      DATABASE_URL === undefined ? undefined : await compare(worker, "postgres", PGLITE_REQUESTS)
    console.log(
      `\nsummary: memory ratio ${memoryRatio.toFixed(2)}, PGlite ratio ${pgliteRatio.toFixed(2)}, ` +
        (postgresRatio === undefined
          ? "PostgreSQL not run (set BENCH_DATABASE_URL)"
          : `PostgreSQL ratio ${postgresRatio.toFixed(2)}`)
    )
  } finally {
    worker.kill()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
