/**
 * Webhook throughput against a bare Express handler, on 127.0.0.1, in one process run:
 *   pnpm --filter @mia-sdk/express bench
 * Every webhook request carries a distinct, correctly signed payment for its own pre-created
 * order, so each one verifies the signature and applies a real transition. Tune with
 * BENCH_REQUESTS (memory runs), BENCH_PGLITE_REQUESTS and BENCH_CONNECTIONS.
 */
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { PGlite } from "@electric-sql/pglite"
import { signMiaCallback } from "@mia-sdk/core"
import { createMemoryOrderStore, createSqlOrderStore, type OrderStore } from "@mia-sdk/webhooks"
import autocannon, { type Result } from "autocannon"
import express from "express"
import { miaWebhook } from "../src/index.js"

const SIGNATURE_KEY = "8508706b-3454-4733-8295-56e617c4abcf"
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const PGLITE_REQUESTS = Number(process.env.BENCH_PGLITE_REQUESTS ?? 5_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const WARMUP = 500

const serve = async (app: express.Express): Promise<{ url: string; server: Server }> => {
  const server = createServer(app)
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mia/callback`, server }
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

/** Creates `count` orders and one signed callback body paying each of them. */
const prepare = async (store: OrderStore, prefix: string, count: number): Promise<Array<string>> => {
  const bodies: Array<string> = []
  for (let index = 0; index < count; index++) {
    const orderId = `${prefix}-${index}`
    await store.createOrder({ orderId, amount: 150.25, description: `Bench ${orderId}` })
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

/** Fires `bodies` (each once, in order) at `url`. */
const load = (url: string, bodies: ReadonlyArray<string>): Promise<Result> => {
  let next = 0
  return autocannon({
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
}

const bareApp = () => {
  const app = express()
  // Reads the body before answering, as any real endpoint must (answering first leaves the body
  // on the socket and stalls keep-alive connections, which would flatter the webhook).
  app.post("/mia/callback", (req, res) => {
    req.on("end", () => res.status(200).json({ ok: true }))
    req.resume()
  })
  return app
}

const webhookApp = (store: OrderStore) => {
  const app = express()
  app.post("/mia/callback", miaWebhook({ signatureKey: SIGNATURE_KEY, store }))
  return app
}

interface Figures {
  readonly rps: number
  readonly p99: number
  readonly non2xx: number
  readonly errors: number
}

const ROUNDS = 3

/** Sums rounds into one figure: overall requests per second and the worst p99. */
const combine = (rounds: ReadonlyArray<Result>): Figures => {
  const total = rounds.reduce((sum, round) => sum + round.requests.total, 0)
  const seconds = rounds.reduce((sum, round) => sum + round.duration, 0)
  return {
    rps: total / seconds,
    p99: Math.max(...rounds.map((round) => round.latency.p99)),
    non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
    errors: rounds.reduce((sum, round) => sum + round.errors + round.timeouts, 0)
  }
}

/**
 * Runs the bare baseline and the webhook with the same requests, alternating in rounds so that
 * the machine's background load and the JIT's warm-up weigh on both alike.
 */
const compare = async (label: string, store: OrderStore, count: number) => {
  const warmBodies = await prepare(store, `${label}-warm`, WARMUP)
  const bodies = await prepare(store, label, count)
  const bare = await serve(bareApp())
  const webhook = await serve(webhookApp(store))
  await load(bare.url, warmBodies)
  await load(webhook.url, warmBodies)

  const bareRounds: Array<Result> = []
  const webhookRounds: Array<Result> = []
  const size = Math.ceil(count / ROUNDS)
  for (let round = 0; round < ROUNDS; round++) {
    const slice = bodies.slice(round * size, (round + 1) * size)
    bareRounds.push(await load(bare.url, slice))
    webhookRounds.push(await load(webhook.url, slice))
  }
  await close(bare.server)
  await close(webhook.server)
  const baseline = combine(bareRounds)
  const measured = combine(webhookRounds)

  const paid = (await store.getOrder(`${label}-${count - 1}`))?.status
  console.log(
    `\n${label} store (${count} distinct signed payments, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds)`
  )
  console.log(`  bare Express 200   ${baseline.rps.toFixed(0).padStart(7)} req/s   p99 ${baseline.p99} ms`)
  console.log(`  miaWebhook         ${measured.rps.toFixed(0).padStart(7)} req/s   p99 ${measured.p99} ms`)
  console.log(`  ratio webhook/bare ${(measured.rps / baseline.rps).toFixed(2)} (target >= 0.5)`)
  console.log(`  non-2xx ${measured.non2xx}, errors ${measured.errors}, last order ${paid}`)
  return measured.rps / baseline.rps
}

const main = async () => {
  console.log(`Node ${process.version}, Express 5, autocannon on 127.0.0.1`)
  const memoryRatio = await compare("memory", createMemoryOrderStore(), REQUESTS)
  const db = await PGlite.create()
  const pgliteRatio = await compare("pglite", createSqlOrderStore({ db }), PGLITE_REQUESTS)
  await db.close()
  console.log(`\nsummary: memory ratio ${memoryRatio.toFixed(2)}, PGlite ratio ${pgliteRatio.toFixed(2)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
