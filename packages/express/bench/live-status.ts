/**
 * Live status at scale, on PostgreSQL (BENCH_DATABASE_URL, a database the benchmark may write to):
 *   BENCH_DATABASE_URL=postgres://... pnpm --filter @mia-sdk/express bench:live
 * Server B (a child process) serves BENCH_STREAMS concurrent event streams (default 5000, one per
 * order); this process is server A: it applies a payment to BENCH_SAMPLES of those orders and
 * times each from its commit to the moment the browser-side reader on B's stream has the event.
 * Prints B's memory per open stream and the commit -> browser latency p50/p99 (target p99 <= 200 ms).
 */
import { spawn } from "node:child_process"
import { request } from "node:http"
import { performance } from "node:perf_hooks"
import { openSqlOrderStore } from "@mia-sdk/webhooks/node"

const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500)
const DATABASE_URL = process.env.BENCH_DATABASE_URL
if (!DATABASE_URL) {
  console.error("Set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may write to.")
  process.exit(2)
}

const startServerB = () =>
  new Promise<{ url: string; stop: () => void }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        "--conditions=@mia-sdk/source",
        "--import",
        "tsx",
        new URL("./live-status-server.ts", import.meta.url).pathname
      ],
      { env: { ...process.env, BENCH_DATABASE_URL: DATABASE_URL }, stdio: ["ignore", "pipe", "inherit"] }
    )
    child.once("exit", (code) => reject(new Error(`server B exited with ${code}`)))
    child.stdout.on("data", (chunk: Buffer) => {
      const url = /listening on (\S+)/.exec(chunk.toString())?.[1]
      if (url) resolve({ url, stop: () => child.kill("SIGTERM") })
    })
  })

const memoryOf = async (url: string) =>
  (await (await fetch(`${url}/memory`)).json()) as { heapUsed: number; rss: number }

/** Opens one event stream; calls `onStatus` with each status event's order status. */
const openStream = (url: string, onStatus: (status: string) => void) =>
  new Promise<() => void>((resolve, reject) => {
    const req = request(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`))
      let buffer = ""
      let first = true
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => {
        buffer += chunk
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (!block.includes("event: status") || data === undefined) continue
          if (first) {
            first = false
            resolve(() => req.destroy())
          }
          onStatus((JSON.parse(data) as { status: string }).status)
        }
      })
    })
    req.on("error", reject)
    req.end()
  })

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

const main = async () => {
  const { store, close } = await openSqlOrderStore({ databaseUrl: DATABASE_URL })
  const run = Date.now().toString(36)
  const orderIds = Array.from({ length: STREAMS }, (_, index) => `live-${run}-${index}`)
  for (const orderId of orderIds) await store.createOrder({ orderId, amount: 10 })
  const serverB = await startServerB()
  try {
    const before = await memoryOf(serverB.url)
    const paidAt = new Map<string, number>()
    // Arrival times are kept apart from commit times: an event may be read before this process
    // has even resumed after its own commit, and must count all the same.
    const arrivedAt = new Map<string, number>()
    const closers: Array<() => void> = []
    for (let index = 0; index < orderIds.length; index += 200) {
      const batch = orderIds.slice(index, index + 200)
      closers.push(
        ...(await Promise.all(
          batch.map((orderId) =>
            openStream(`${serverB.url}/api/mia/orders/${orderId}/events`, (status) => {
              if (status === "processing" && !arrivedAt.has(orderId))
                arrivedAt.set(orderId, performance.now())
            })
          )
        ))
      )
    }
    const after = await memoryOf(serverB.url)
    for (const orderId of orderIds.slice(0, SAMPLES)) {
      const qrId = `qr-${orderId}`
      const result = await store.applyEvent({
        type: "payment",
        payId: `pay-${orderId}`,
        qrId,
        orderId,
        amountMinor: 1000,
        currency: "MDL"
      })
      if (result.outcome !== "applied") throw new Error(`payment of ${orderId} was ${result.outcome}`)
      paidAt.set(orderId, performance.now())
      // A steady trickle, as payments arrive, rather than one burst.
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const deadline = Date.now() + 10_000
    while (arrivedAt.size < SAMPLES && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    const latencies = [...paidAt].flatMap(([orderId, committed]) => {
      const arrived = arrivedAt.get(orderId)
      return arrived === undefined ? [] : [Math.max(0, arrived - committed)]
    })
    for (const closeStream of closers) closeStream()
    const sorted = [...latencies].sort((a, b) => a - b)
    console.log(`Node ${process.version}, PostgreSQL, server B in a child process, ${STREAMS} open streams`)
    console.log(
      `  memory per open stream on B: ${((after.heapUsed - before.heapUsed) / STREAMS / 1024).toFixed(1)} KiB heap, ${((after.rss - before.rss) / STREAMS / 1024).toFixed(1)} KiB RSS`
    )
    console.log(`  commit on A -> event read from B's stream (${latencies.length}/${SAMPLES} received):`)
    console.log(
      `  p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms (target p99 <= 200 ms)`
    )
  } finally {
    serverB.stop()
    await close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
