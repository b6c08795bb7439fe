/**
 * Reliability figure: 1000 full payment flows (create -> test-pay -> callback -> refund) through
 * the core client against the sandbox server on loopback, while the bank answers 10 % of GETs with
 * 503 and sends every callback twice. The shop's callback receiver dedupes by payId as a merchant
 * must. Prints flows completed, payments lost, payments applied twice and the wall time.
 *
 * Run it: pnpm --filter @mia-sdk/sandbox run reliability [-- --flows 1000 --concurrency 25 --seed 2026 --max-retries 5]
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { parseArgs } from "node:util"
import { createMiaQrClient, verifyMiaCallback } from "@mia-sdk/core"
import { createMiaSandbox } from "../src/index.js"

const argv = process.argv.slice(2)
const { values } = parseArgs({
  // `pnpm run reliability -- --flows 10` passes the `--` along.
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    flows: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "25" },
    seed: { type: "string", default: "2026" },
    "max-retries": { type: "string", default: "5" }
  }
})
const FLOWS = Number(values.flows)
const CONCURRENCY = Number(values.concurrency)
const GET_503_RATE = 0.1

// --- The shop: applies each payment once, whatever the bank re-sends -----------------------
const received = new Map<string, number>()
const appliedCount = new Map<string, number>()
const appliedOnce = new Set<string>()
const waiting = new Map<string, () => void>()
let rejectedCallbacks = 0

/** "Marks the order paid": the step that must happen exactly once per payment. */
const applyPayment = (payId: string): void => {
  appliedCount.set(payId, (appliedCount.get(payId) ?? 0) + 1)
  waiting.get(payId)?.()
}

// The QR registers the shop's public HTTPS callback URL; the sandbox forwards it to the local shop.
let shopUrl = ""
const sandbox = createMiaSandbox({
  seed: Number(values.seed),
  forwardCallbacksTo: (callbackUrl) => `${shopUrl}${new URL(callbackUrl).pathname}`,
  callbackRetryDelays: [10, 50, 250, 1_000],
  faults: [{ method: "GET", rate: GET_503_RATE, fault: { type: "status", status: 503 } }],
  callbackFaults: { duplicateRate: 1 }
})
const { signatureKey } = sandbox.credentials

const shop = createServer((request, response) => {
  const chunks: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => chunks.push(chunk))
  request.on("end", async () => {
    const outcome = await verifyMiaCallback(Buffer.concat(chunks).toString("utf8"), signatureKey)
    if (!outcome.valid) {
      rejectedCallbacks += 1
      response.writeHead(401).end()
      return
    }
    const { payId } = outcome.notification
    received.set(payId, (received.get(payId) ?? 0) + 1)
    // Check-and-set in one synchronous step: concurrent duplicates can't both get through.
    if (!appliedOnce.has(payId)) {
      appliedOnce.add(payId)
      applyPayment(payId)
    }
    response.writeHead(200).end("OK")
  })
})
await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve))
shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`

const bank = await sandbox.listen({ port: 0 })

const client = createMiaQrClient({
  ...sandbox.credentials,
  baseUrl: bank.url,
  // With 10 % of GETs failing, the default 2 retries leave 0.1^3 of ~3000 reads (about 3) failed:
  // a merchant who expects a flaky link retries reads a few more times.
  maxRetries: Number(values["max-retries"]),
  retryBaseDelayMs: 20
})

const applied = (payId: string): Promise<void> =>
  appliedOnce.has(payId)
    ? Promise.resolve()
    : new Promise((resolve) => {
        waiting.set(payId, () => {
          waiting.delete(payId)
          resolve()
        })
      })

const failures = new Map<string, number>()
let completed = 0

const flow = async (index: number): Promise<void> => {
  const orderId = `order-${index}`
  const qr = await client.createQr({
    type: "Dynamic",
    amountType: "Fixed",
    amount: 10 + (index % 500) / 4,
    description: `Reliability order ${index}`,
    orderId,
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl: `https://shop.example.md/mia/callback/${index}`
  })
  if ((await client.getQr(qr.qrId)).status !== "Active") throw new Error("QR not Active after create")
  const paid = await client.testPay({
    qrId: qr.qrId,
    amount: 10 + (index % 500) / 4,
    iban: "MD88AG000000011621810140",
    payerName: "Load T."
  })
  await applied(paid.payId)
  if ((await client.getPayment(paid.payId)).status !== "Executed") throw new Error("payment not Executed")
  await client.refundPayment(paid.payId, { reason: "Reliability run" })
  if ((await client.getPayment(paid.payId)).status !== "Refunded") throw new Error("payment not Refunded")
  completed += 1
}

const started = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < FLOWS) {
      const index = next++
      await flow(index).catch((error: unknown) => {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        failures.set(reason, (failures.get(reason) ?? 0) + 1)
      })
    }
  })
)
const wallMs = performance.now() - started

// Lost = the bank executed it, the shop never applied it (after the bank stopped re-sending).
const executed = sandbox.state.payments()
await Promise.all(
  executed.map((payment) =>
    sandbox.deliveries.waitFor(
      (delivery) =>
        delivery.payId === payment.payId && delivery.kind === "payment" && delivery.status !== "pending",
      { timeoutMs: 10_000 }
    )
  )
)
const lost = executed.filter((payment) => !appliedOnce.has(payment.payId)).length
const appliedTwice = [...appliedCount.values()].filter((count) => count > 1).length
const callbacksReceived = [...received.values()].reduce((sum, count) => sum + count, 0)
const injected503 = sandbox.faults.list()[0]?.hits ?? 0

console.log(
  `MIA sandbox reliability run: ${FLOWS} flows, concurrency ${CONCURRENCY}, seed ${values.seed}, client maxRetries ${values["max-retries"]}`
)
console.log(
  `faults: ${GET_503_RATE * 100}% of GETs answered 503 (${injected503} injected), every callback sent twice`
)
console.log("")
console.log(`flows completed        ${completed} / ${FLOWS}`)
console.log(`payments lost          ${lost}`)
console.log(`payments applied twice ${appliedTwice}`)
console.log(
  `wall time              ${(wallMs / 1000).toFixed(2)} s (${(FLOWS / (wallMs / 1000)).toFixed(0)} flows/s)`
)
console.log("")
console.log(
  `payments executed ${executed.length}, callbacks received ${callbacksReceived} (duplicates dropped by payId), rejected signatures ${rejectedCallbacks}`
)
for (const [reason, count] of failures) console.log(`failed flow x${count}: ${reason}`)

await client.close()
await sandbox.close()
shop.closeAllConnections()
shop.close()
process.exitCode = completed === FLOWS && lost === 0 && appliedTwice === 0 ? 0 : 1
