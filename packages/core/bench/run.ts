/**
 * `pnpm bench` (after `pnpm build`): the per-call cost of `getQr` through the BUILT client's single
 * pipeline against a raw `fetch`, on one local HTTP server on 127.0.0.1, with the HTTP work any
 * careful client adds (User-Agent, AbortController, timer) shown apart. The callback verifier has
 * its own benchmark: `pnpm bench:verify`.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { performance } from "node:perf_hooks"
import { existsSync } from "node:fs"

const entry = new URL("../dist/index.js", import.meta.url)
if (!existsSync(entry)) {
  console.error("packages/core/dist is missing: run `pnpm build` (or `npx tsup` in packages/core) first.")
  process.exit(1)
}
const { createMiaQrClient } = (await import(entry.href)) as typeof import("../src/index.js")

const CALLS = Number(process.env.BENCH_CALLS ?? 3000)
const WARMUP = 500
const QR_ID = "c3108b2f-6c2e-43a2-bdea-123456789012"

const qrBody = JSON.stringify({
  result: {
    qrId: QR_ID,
    extensionId: "3fe7f013-23a6-4d09-a4a4-123456789012",
    orderId: "123",
    status: "Active",
    type: "Dynamic",
    url: "https://mia-qr.bnm.md/1/m/BNM/AGR0123456789abcdef0123456789abcd",
    amountType: "Fixed",
    amount: 50,
    currency: "MDL",
    description: "Order #123",
    callbackUrl: "https://shop.md/mia/callback",
    redirectUrl: "https://shop.md/thanks",
    createdAt: "2029-10-22T10:02:28.1380956+00:00",
    updatedAt: "2029-10-22T10:02:28.1380956+00:00",
    expiresAt: "2029-10-22T10:32:28+03:00",
    terminalId: "P011111"
  },
  ok: true
})
const tokenBody = JSON.stringify({
  result: { accessToken: "bench-token", expiresIn: 3600, tokenType: "Bearer" },
  ok: true
})

const server = createServer((request, response) => {
  const body = request.url === "/v2/auth/token" ? tokenBody : qrBody
  request.resume()
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    response.end(body)
  })
})
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const url = `${baseUrl}/v2/mia/qr/${QR_ID}`

const median = (values: Array<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const timeEach = async (calls: number, run: () => Promise<unknown>) => {
  const samples: Array<number> = []
  for (let index = 0; index < calls; index++) {
    const start = performance.now()
    await run()
    samples.push(performance.now() - start)
  }
  return samples
}

const rawGet = async () => {
  const response = await fetch(url, {
    headers: { accept: "application/json", authorization: "Bearer bench-token" }
  })
  const json = (await response.json()) as { ok: boolean; result: { qrId: string } }
  if (!json.ok) throw new Error("raw fetch failed")
  return json.result
}

// The HTTP work any careful client does on top: its User-Agent, and an AbortController with a
// timer per request (timeouts and cancellation).
const carefulGet = async () => {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 30_000)
  try {
    const response = await fetch(url, {
      headers: {
        accept: "application/json",
        authorization: "Bearer bench-token",
        "user-agent": "mia-sdk/bench"
      },
      signal: controller.signal
    })
    const json = (await response.json()) as { ok: boolean; result: { qrId: string } }
    if (!json.ok) throw new Error("raw fetch failed")
    return json.result
  } finally {
    clearTimeout(timer)
  }
}

const client = createMiaQrClient({ clientId: "bench", clientSecret: "bench-secret", baseUrl })
const sdkGet = () => client.getQr(QR_ID)

const contenders = { raw: rawGet, careful: carefulGet, sdk: sdkGet }
for (const run of Object.values(contenders)) await timeEach(WARMUP, run)
// Alternate call by call so load drift (GC, a CPU shared with other work) hits all sides equally.
const samples = { raw: [] as Array<number>, careful: [] as Array<number>, sdk: [] as Array<number> }
for (let index = 0; index < CALLS; index++) {
  for (const [name, run] of Object.entries(contenders)) {
    samples[name as keyof typeof samples].push(...(await timeEach(1, run)))
  }
}
await client.close()
server.close()

const raw = median(samples.raw)
const careful = median(samples.careful)
const sdk = median(samples.sdk)
const fmt = (value: number) => value.toFixed(3)
console.log(`getQr over HTTP on 127.0.0.1, ${CALLS} sequential calls each after ${WARMUP} warm-up calls`)
console.log(`  raw fetch + json()                      ${fmt(raw)} ms`)
console.log(`  + User-Agent, AbortController, timer    ${fmt(careful)} ms   (${fmt(careful - raw)} ms)`)
console.log(`  SDK getQr (the single pipeline)         ${fmt(sdk)} ms   (${fmt(sdk - careful)} ms more)`)
console.log(`  ratio SDK/raw                           ${(sdk / raw).toFixed(3)}   [target <= 1.15]`)
