/**
 * `pnpm bench:verify`: the cost of `verifyMiaCallback` on Node against the floor it cannot beat, a
 * bare `node:crypto` SHA-256 (Base64) of the same signed string. Prints medians and ratios.
 *
 * The target is on a parsed body, what verification itself costs. A raw body adds its UTF-8
 * decoding and `JSON.parse`, which alone take about as long as the digest; that ratio is printed
 * too. Calls are timed in short batches (one call is a few microseconds, near the timer's
 * resolution; a short batch is seldom interrupted on a busy machine), the sides alternate batch
 * by batch so load drift hits them equally, and medians drop the interrupted batches.
 */
import { spawnSync } from "node:child_process"

// The sources import `#sha256`, which points at TypeScript only under the source condition: a
// plain `tsx bench/verify-callback.ts` restarts itself with it instead of needing a build.
const SOURCE_CONDITION = "--conditions=@mia-sdk/source"
if (!process.execArgv.includes(SOURCE_CONDITION)) {
  const args = [...process.execArgv, SOURCE_CONDITION, ...process.argv.slice(1)]
  const child = spawnSync(process.execPath, args, { stdio: "inherit" })
  process.exit(child.status ?? 1)
}

const { createHash } = await import("node:crypto")
const { performance } = await import("node:perf_hooks")
const { canonicalCallbackString, signMiaCallback, verifyMiaCallback } = await import(
  "../src/callback/index.js"
)

const KEY = "8508706b-3454-4733-8295-56e617c4abcf"
const BATCH = Number(process.env.BENCH_BATCH ?? 50)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2001)

// The callbacks of spec §6.1 and §6.3, plus a Hybrid QR payment with a Romanian payer name.
const documented = {
  qrId: "789e0123-f456-7890-a123-456789012345",
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
const results: Array<Record<string, unknown>> = [
  documented,
  {
    qrId: "c3108b2f-6c2e-43a2-bdea-123456789012",
    extensionId: "3fe7f013-23a6-4d09-a4a4-123456789012",
    qrStatus: "Paid",
    payId: "eb361f48-bb39-45e2-950b-123456789012",
    referenceId: "MIA0001234567",
    orderId: "123",
    amount: 50.0,
    commission: 0.1,
    currency: "MDL",
    payerName: "TEST QR PAYMENT",
    payerIban: "MD88AG000000011621810140",
    executedAt: "2025-04-18T14:04:11.81145+00:00",
    terminalId: null
  },
  { ...documented, terminalId: null, orderId: "" },
  {
    ...documented,
    qrStatus: "Active",
    amount: 1249.99,
    commission: 12.5,
    payerName: "Ștefan Țurcanu",
    executedAt: "2029-10-22T18:05:11.2039+03:00"
  }
]

const encoder = new TextEncoder()
const callbacks = await Promise.all(
  results.map(async (result) => {
    const signature = await signMiaCallback(result, KEY)
    const text = JSON.stringify({ result, signature })
    return {
      // What the webhook handlers pass: the request body's bytes, exactly as received.
      bytes: encoder.encode(text),
      // What an app with a JSON body parser already has.
      parsed: JSON.parse(text) as unknown,
      canonical: canonicalCallbackString(result, KEY) as string
    }
  })
)

let sink = 0
const callback = (index: number) => callbacks[index % callbacks.length]!
const decoder = new TextDecoder()

/** Microseconds per call over one batch of a synchronous side. */
const timeSync = (run: (index: number) => void) => {
  const start = performance.now()
  for (let index = 0; index < BATCH; index++) run(index)
  return ((performance.now() - start) * 1000) / BATCH
}
/** The same for `verifyMiaCallback`, awaited call by call as a request handler does. */
const timeVerify = async (form: "bytes" | "parsed") => {
  const start = performance.now()
  for (let index = 0; index < BATCH; index++) {
    const outcome = await verifyMiaCallback(callback(index)[form], KEY)
    if (!outcome.valid) throw new Error(`a bench callback did not verify: ${outcome.message}`)
  }
  return ((performance.now() - start) * 1000) / BATCH
}
const sides = {
  bare: async () =>
    timeSync((index) => {
      sink += createHash("sha256").update(callback(index).canonical, "utf8").digest("base64").length
    }),
  parse: async () =>
    timeSync((index) => {
      sink += Object.keys(JSON.parse(decoder.decode(callback(index).bytes)) as object).length
    }),
  parsed: () => timeVerify("parsed"),
  bytes: () => timeVerify("bytes")
}
type Side = keyof typeof sides
const samples: Record<Side, Array<number>> = { bare: [], parse: [], parsed: [], bytes: [] }
const names = Object.keys(sides) as Array<Side>
for (let round = 0; round < 50; round++) for (const name of names) await sides[name]()
for (let sample = 0; sample < SAMPLES; sample++) {
  for (const name of names) samples[name].push(await sides[name]())
}
if (sink === 0) throw new Error("the digests were optimised away")

const median = (values: Array<number>) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const [bare, parse, parsed, bytes] = names.map((name) => median(samples[name])) as [
  number,
  number,
  number,
  number
]
const us = (value: number) => `${value.toFixed(3).padStart(7)} µs`
const ratio = (value: number) => value.toFixed(3)
console.log(`verifyMiaCallback on Node ${process.version}, ${results.length} realistic callbacks`)
console.log(`median per call over ${SAMPLES} batches of ${BATCH} calls each`)
console.log(`  bare node:crypto SHA-256 (Base64) of the signed string  ${us(bare)}`)
console.log(`  verifyMiaCallback(parsed body, key)                     ${us(parsed)}`)
console.log(`  verifyMiaCallback(raw body bytes, key)                  ${us(bytes)}`)
console.log(`  JSON.parse of the raw body (UTF-8 decoding included)    ${us(parse)}`)
console.log(`  ratio verify(parsed body) / bare SHA-256         ${ratio(parsed / bare)}   [target <= 2.0]`)
console.log(`  ratio verify(raw body) / bare SHA-256            ${ratio(bytes / bare)}`)
console.log(`  ratio verify(raw body) / (JSON.parse + SHA-256)  ${ratio(bytes / (parse + bare))}`)
