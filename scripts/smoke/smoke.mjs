// One payment end to end on the BUILT packages, in whatever runtime runs this file (Node, Bun,
// Deno): the sandbox bank on a loopback server, a QR from @mia-sdk/core, a simulated payment,
// the signed callback verified, then applied to an order in @mia-sdk/webhooks' memory store.
// Prints one line per step and exits 1 at the first mismatch. Run it through run.sh, which links
// the workspace packages into scripts/smoke/node_modules so they resolve by name.
import process from "node:process"
import { createSteps, describe, expect } from "../support/steps.mjs"

const TIMEOUT_MS = 60_000
const ORDER_ID = "smoke-1001"
const AMOUNT = 150.25
const CALLBACK_PATH = "/shop/mia/callback"

const runtime = globalThis.Bun
  ? `bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `deno ${globalThis.Deno.version.deno}`
    : `node ${process.versions.node}`

const { step, fail, done, cleanups } = createSteps(`smoke on ${runtime}`)

const watchdog = setTimeout(() => {
  fail(`still running after ${TIMEOUT_MS / 1000} s`)
}, TIMEOUT_MS)
cleanups.push(() => clearTimeout(watchdog))

console.log(`smoke on ${runtime}`)

const load = async (name) => {
  const module = await import(name)
  const resolved = import.meta.resolve(name)
  expect(
    /\/dist\/(?:[^/]+\/)?[^/]+\.m?js$/.test(resolved),
    `${name} resolved to ${resolved}, not to its dist build`
  )
  return { module, where: resolved.slice(resolved.indexOf("/packages/") + 1) }
}

let core
let callback
let webhooks
let sandboxPackage
await step("import @mia-sdk/core", async () => {
  const loaded = await load("@mia-sdk/core")
  core = loaded.module
  expect(typeof core.createMiaQrClient === "function", "no export createMiaQrClient")
  return loaded.where
})
await step("import @mia-sdk/core/callback", async () => {
  const loaded = await load("@mia-sdk/core/callback")
  callback = loaded.module
  expect(typeof callback.verifyMiaCallback === "function", "no export verifyMiaCallback")
  return loaded.where
})
await step("import @mia-sdk/webhooks", async () => {
  const loaded = await load("@mia-sdk/webhooks")
  webhooks = loaded.module
  for (const name of ["createMemoryOrderStore", "handleMiaCallback"]) {
    expect(typeof webhooks[name] === "function", `no export ${name}`)
  }
  return loaded.where
})
await step("import @mia-sdk/sandbox", async () => {
  const loaded = await load("@mia-sdk/sandbox")
  sandboxPackage = loaded.module
  expect(typeof sandboxPackage.createMiaSandbox === "function", "no export createMiaSandbox")
  return loaded.where
})

// The merchant's callback route, served by the sandbox's own loopback server (a route module),
// so the bank's delivery is a real HTTP POST with the raw body the merchant would receive.
const received = []
let onCallback = async () => new Response("not ready", { status: 503 })
const merchantRoute = {
  handle: async (request) =>
    new URL(request.url).pathname === CALLBACK_PATH ? onCallback(await request.text()) : undefined
}

let sandbox
let server
await step("start the sandbox bank (HTTP on loopback)", async () => {
  sandbox = sandboxPackage.createMiaSandbox({ callbackRetryDelays: [100, 500], modules: [merchantRoute] })
  cleanups.push(() => sandbox.close())
  server = await sandbox.listen({ port: 0 })
  expect(/^http:\/\/127\.0\.0\.1:\d+$/.test(server.url), `unexpected url ${server.url}`)
  return server.url
})

const { signatureKey } = sandbox.credentials
let client
await step("createMiaQrClient + access token", async () => {
  client = core.createMiaQrClient({ ...sandbox.credentials, baseUrl: server.url, maxRetries: 0 })
  cleanups.push(() => client.close())
  const token = await client.getAccessToken()
  expect(typeof token?.accessToken === "string" && token.accessToken !== "", "no accessToken in the answer")
  return `token issued, expires in ${token.expiresIn} s`
})

let store
await step("memory order store: create the order", async () => {
  store = webhooks.createMemoryOrderStore()
  const order = await store.createOrder({ orderId: ORDER_ID, amount: AMOUNT, description: "Smoke test" })
  expect(order.status === "pending", `status ${order.status}, expected pending`)
  return `order ${order.orderId} pending`
})

let qr
await step("createQr (Dynamic, Fixed)", async () => {
  const expiresAt = new Date(Date.now() + 15 * 60_000)
  qr = await client.createQr({
    type: "Dynamic",
    amountType: "Fixed",
    amount: AMOUNT,
    currency: "MDL",
    description: `Order #${ORDER_ID}`,
    orderId: ORDER_ID,
    expiresAt,
    callbackUrl: `${server.url}${CALLBACK_PATH}`
  })
  expect(typeof qr.qrId === "string" && qr.qrId !== "", `no qrId in ${JSON.stringify(qr)}`)
  expect(typeof qr.url === "string" && qr.url.startsWith("https://"), `no QR url in ${JSON.stringify(qr)}`)
  await store.attachQr(ORDER_ID, { qrId: qr.qrId, qrUrl: qr.url, qrExpiresAt: expiresAt.toISOString() })
  return `qrId ${qr.qrId}, attached to the order`
})

onCallback = async (rawBody) => {
  const entry = { rawBody }
  received.push(entry)
  try {
    entry.verification = await callback.verifyMiaCallback(rawBody, signatureKey)
    entry.result = await webhooks.handleMiaCallback(rawBody, { signatureKey, store, confirmWith: client })
    return Response.json(entry.result.body, { status: entry.result.status })
  } catch (error) {
    entry.error = error
    return new Response("merchant route failed", { status: 500 })
  }
}

let payment
await step("testPay (the payer pays)", async () => {
  payment = await client.testPay({
    qrId: qr.qrId,
    amount: AMOUNT,
    iban: "MD88AG000000011621810140",
    payerName: "Smoke Test"
  })
  expect(typeof payment.payId === "string" && payment.payId !== "", `no payId in ${JSON.stringify(payment)}`)
  expect(payment.qrId === qr.qrId, `paid QR ${payment.qrId}, expected ${qr.qrId}`)
  return `payId ${payment.payId}`
})

await step("callback delivered to the merchant route", async () => {
  let delivery
  try {
    delivery = await sandbox.deliveries.waitFor(
      { payId: payment.payId, status: "delivered" },
      { timeoutMs: 10_000 }
    )
  } catch (error) {
    const errors = received.filter((entry) => entry.error).map((entry) => describe(entry.error))
    throw new Error(
      `${describe(error)}${errors.length > 0 ? `; merchant route threw ${errors.join("; ")}` : ""}`
    )
  }
  expect(received.length >= 1, "the sandbox says delivered, but the merchant route saw nothing")
  const attempt = delivery.attempts.at(-1)
  return `HTTP ${attempt?.status} on attempt ${attempt?.number}`
})

const first = received[0]
await step("verifyMiaCallback (signed callback)", async () => {
  const outcome = first.verification
  expect(outcome?.valid === true, `not valid: ${JSON.stringify(outcome)}`)
  const { notification } = outcome
  expect(notification.payId === payment.payId, `payId ${notification.payId}, expected ${payment.payId}`)
  expect(notification.qrId === qr.qrId, `qrId ${notification.qrId}, expected ${qr.qrId}`)
  expect(notification.orderId === ORDER_ID, `orderId ${notification.orderId}, expected ${ORDER_ID}`)
  expect(Number(notification.amount) === AMOUNT, `amount ${notification.amount}, expected ${AMOUNT}`)
  return `valid, payId ${notification.payId}, ${notification.amount} ${notification.currency}`
})

await step("verifyMiaCallback refuses a tampered amount", async () => {
  const body = JSON.parse(first.rawBody)
  body.result.amount = AMOUNT + 1
  const outcome = await callback.verifyMiaCallback(JSON.stringify(body), signatureKey)
  expect(outcome.valid === false, "a callback with a changed amount verified")
  expect(outcome.reason === "signature_mismatch", `reason ${outcome.reason}, expected signature_mismatch`)
  return outcome.reason
})

await step("handleMiaCallback applies the payment (confirmed with the bank)", async () => {
  const { status, body } = first.result
  expect(status === 200, `HTTP ${status}: ${JSON.stringify(body)}`)
  expect(body.outcome === "applied", `outcome ${body.outcome}, expected applied: ${JSON.stringify(body)}`)
  return `HTTP ${status} ${body.outcome}`
})

await step("order is paid", async () => {
  const order = await store.getOrder(ORDER_ID)
  expect(order?.status === "processing", `status ${order?.status}, expected processing`)
  expect(order.payId === payment.payId, `payId ${order.payId}, expected ${payment.payId}`)
  return `${order.orderId} ${order.status}, payId ${order.payId}`
})

await step("same callback again is a duplicate", async () => {
  const before = await store.getOrder(ORDER_ID)
  const again = await webhooks.handleMiaCallback(first.rawBody, { signatureKey, store, confirmWith: client })
  expect(
    again.status === 200 && again.body.outcome === "duplicate",
    `HTTP ${again.status} ${again.body.outcome}`
  )
  const after = await store.getOrder(ORDER_ID)
  expect(after.status === before.status, `status ${after.status}, expected ${before.status}`)
  expect(after.history.length === before.history.length, "the duplicate added a history entry")
  return `HTTP ${again.status} ${again.body.outcome}, order unchanged`
})

await step("getQr shows the QR paid", async () => {
  const details = await client.getQr(qr.qrId)
  expect(details.status === "Paid", `status ${details.status}, expected Paid`)
  return details.status
})

await done()
