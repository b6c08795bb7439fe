/**
 * `pnpm bench`: per-call overhead of the SDK over a raw `fetch`, and verifier throughput over a
 * bare SHA-256, against one local HTTP server on 127.0.0.1. Prints ratios; targets in brackets.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { performance } from "node:perf_hooks"
import { createMiaQrClient, signMiaCallback, verifyMiaCallback } from "../src/index.js"
import { canonicalCallbackString } from "../src/callback/canonical-string.js"

const CALLS = Number(process.env.BENCH_CALLS ?? 3000)
const WARMUP = 500
const VERIFY_ROUNDS = Number(process.env.BENCH_VERIFY ?? 20000)
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

const client = createMiaQrClient({ clientId: "bench", clientSecret: "bench-secret", baseUrl })
const sdkGet = () => client.getQr(QR_ID)

await timeEach(WARMUP, rawGet)
await timeEach(WARMUP, sdkGet)
// Alternate call by call so load drift (GC, a CPU shared with other work) hits both sides equally.
const raw: Array<number> = []
const sdk: Array<number> = []
for (let index = 0; index < CALLS; index++) {
  raw.push(...(await timeEach(1, rawGet)))
  sdk.push(...(await timeEach(1, sdkGet)))
}
const rawMedian = median(raw)
const sdkMedian = median(sdk)

const result = {
  qrId: QR_ID,
  extensionId: "40e6ba44-7dff-48cc-91ec-386a38318c68",
  qrStatus: "Paid",
  payId: "123e4567-e89b-12d3-a456-426614174000",
  referenceId: "QR000123456789",
  orderId: "789e0123-e89b-45d6-b789-426614174111",
  amount: 100.5,
  commission: 2.5,
  currency: "MDL",
  payerName: "John D.",
  payerIban: "MD24AG000225100013104168",
  executedAt: "2029-10-22T10:32:28+03:00",
  terminalId: "P011111"
}
const key = "8508706b-3454-4733-8295-56e617c4abcf"
const callback = JSON.stringify({ result, signature: await signMiaCallback(result, key) })
const canonical = canonicalCallbackString(result, key) as string
const encoder = new TextEncoder()

const throughput = async (rounds: number, run: () => Promise<unknown>) => {
  for (let index = 0; index < 2000; index++) await run()
  const start = performance.now()
  for (let index = 0; index < rounds; index++) await run()
  return rounds / ((performance.now() - start) / 1000)
}
const verifyOk = async () => {
  const outcome = await verifyMiaCallback(callback, key)
  if (!outcome.valid) throw new Error("bench callback did not verify")
}
const bareDigest = () => crypto.subtle.digest("SHA-256", encoder.encode(canonical))
let verifyRate = 0
let digestRate = 0
for (let round = 0; round < 4; round++) {
  digestRate += await throughput(VERIFY_ROUNDS / 4, bareDigest)
  verifyRate += await throughput(VERIFY_ROUNDS / 4, verifyOk)
}
verifyRate /= 4
digestRate /= 4

await client.close()
server.close()

const fmt = (value: number) => value.toFixed(3)
console.log(`getQr over HTTP on 127.0.0.1, ${CALLS} sequential calls each after ${WARMUP} warm-up calls`)
console.log(`  raw fetch median   ${fmt(rawMedian)} ms`)
console.log(`  SDK getQr median   ${fmt(sdkMedian)} ms`)
console.log(`  ratio SDK/raw      ${(sdkMedian / rawMedian).toFixed(3)}   [target <= 1.25]`)
console.log(
  `verifyMiaCallback vs bare crypto.subtle.digest of the same canonical string, ${VERIFY_ROUNDS} each`
)
console.log(`  bare SHA-256       ${Math.round(digestRate)} /s`)
console.log(`  verifyMiaCallback  ${Math.round(verifyRate)} /s`)
console.log(`  ratio digest/verify ${(digestRate / verifyRate).toFixed(3)}   [target <= 2.0]`)
