// The Web-standard handlers of the BUILT @mia-sdk/webhooks/web, served by whatever runtime runs
// this file with its own HTTP server (Bun.serve, Deno.serve, node:http), against the sandbox bank
// on loopback: the checkout handler creates the QR at the sandbox, the event stream follows the
// order, the sandbox's signed callback reaches the webhook handler over HTTP and pays the order, a
// tampered copy is refused with 401, and a closed event stream frees its slot. Prints one line per
// step and exits 1 at the first mismatch. Run it through run.sh (it links the packages).
import process from "node:process"
import { createSteps, describe, expect } from "../support/steps.mjs"

const TIMEOUT_MS = 60_000
const ORDER_ID = "web-1001"
const AMOUNT = 150.25
const BASE_PATH = "/shop/mia"
const CALLBACK_PATH = `${BASE_PATH}/callback`

const runtime = globalThis.Bun
  ? `bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `deno ${globalThis.Deno.version.deno}`
    : `node ${process.versions.node}`

const { step, fail, done, cleanups } = createSteps(`web handlers on ${runtime}`)

const within = (promise, ms, what) => {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)
    })
  ]).finally(() => clearTimeout(timer))
}

const watchdog = setTimeout(() => {
  fail(`still running after ${TIMEOUT_MS / 1000} s`)
}, TIMEOUT_MS)
cleanups.push(() => clearTimeout(watchdog))

console.log(`web handlers on ${runtime}`)

/** Serves a `(Request) => Promise<Response>` handler on 127.0.0.1 with Node's own http module. */
const serveWithNodeHttp = async (handler) => {
  const http = await import("node:http")
  const { Readable } = await import("node:stream")
  const server = http.createServer(async (req, res) => {
    const aborted = new AbortController()
    let reader
    res.on("close", () => {
      aborted.abort()
      reader?.cancel().catch(() => undefined)
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : [value])
        if (one !== undefined) headers.append(name, one)
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD"
    try {
      const response = await handler(
        new Request(`http://${req.headers.host}${req.url}`, {
          method: req.method,
          headers,
          body: hasBody ? Readable.toWeb(req) : undefined,
          duplex: "half",
          signal: aborted.signal
        })
      )
      res.writeHead(response.status, [...response.headers].flat())
      if (response.body === null) return void res.end()
      res.flushHeaders()
      reader = response.body.getReader()
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        res.write(value)
      }
      res.end()
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" })
      res.end(describe(error))
    }
  })
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", resolve)
  })
  return {
    server: "node:http",
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The runtime's own HTTP server on 127.0.0.1, any free port. */
const serve = async (handler) => {
  if (globalThis.Bun) {
    const server = globalThis.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler })
    return { server: "Bun.serve", url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) }
  }
  if (globalThis.Deno) {
    const abort = new AbortController()
    const server = globalThis.Deno.serve(
      { hostname: "127.0.0.1", port: 0, signal: abort.signal, onListen: () => undefined },
      handler
    )
    return {
      server: "Deno.serve",
      url: `http://127.0.0.1:${server.addr.port}`,
      close: async () => {
        abort.abort()
        await server.finished
      }
    }
  }
  return serveWithNodeHttp(handler)
}

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
let webhooks
let web
let sandboxPackage
await step("import @mia-sdk/webhooks/web", async () => {
  const loaded = await load("@mia-sdk/webhooks/web")
  web = loaded.module
  for (const name of ["createMiaCheckoutHandler", "createMiaWebhookHandler"]) {
    expect(typeof web[name] === "function", `no export ${name}`)
  }
  core = (await load("@mia-sdk/core")).module
  webhooks = (await load("@mia-sdk/webhooks")).module
  sandboxPackage = (await load("@mia-sdk/sandbox")).module
  return loaded.where
})

let sandbox
let bankUrl
await step("start the sandbox bank (HTTP on loopback)", async () => {
  sandbox = sandboxPackage.createMiaSandbox({ callbackRetryDelays: [100, 500] })
  cleanups.push(() => sandbox.close())
  bankUrl = (await sandbox.listen({ port: 0 })).url
  return bankUrl
})

// The shop: the two handlers behind one runtime server, bound once the server knows its URL.
const genuineCallbacks = []
let shopHandler = async () => new Response("starting", { status: 503 })
let shop
await step("serve the shop with the runtime's HTTP server", async () => {
  shop = await serve((request) => shopHandler(request))
  cleanups.push(() => shop.close())
  const answer = await fetch(`${shop.url}/`)
  expect(answer.status === 503 && (await answer.text()) === "starting", `HTTP ${answer.status}`)
  return `${shop.server} at ${shop.url}`
})

const { signatureKey } = sandbox.credentials
const client = core.createMiaQrClient({ ...sandbox.credentials, baseUrl: bankUrl, maxRetries: 0 })
cleanups.push(() => client.close())
const store = webhooks.createMemoryOrderStore()
const streamErrors = []
let checkout
let webhook
await step("createMiaCheckoutHandler + createMiaWebhookHandler", async () => {
  checkout = web.createMiaCheckoutHandler({
    store,
    client,
    callbackUrl: `${shop.url}${CALLBACK_PATH}`,
    basePath: BASE_PATH,
    maxStreamsPerOrder: 1,
    keepAliveMs: 1_000,
    // Told about every 5xx: the refused second stream (503 too_many_streams) is expected.
    onError: (error) => {
      if (error?.code !== "too_many_streams") streamErrors.push(error)
    }
  })
  webhook = web.createMiaWebhookHandler({ signatureKey, store, confirmWith: client })
  shopHandler = async (request) => {
    if (new URL(request.url).pathname !== CALLBACK_PATH) return checkout(request)
    // A copy of what the bank sent, for the tampering step; the handler reads the original.
    if (request.method === "POST") genuineCallbacks.push(await request.clone().text())
    return webhook(request)
  }
  await store.createOrder({ orderId: ORDER_ID, amount: AMOUNT, description: "Web handlers smoke" })
  return `order ${ORDER_ID} pending`
})

await step("GET the callback route over HTTP (uptime check)", async () => {
  const response = await fetch(`${shop.url}${CALLBACK_PATH}`)
  const body = await response.json()
  expect(response.status === 200 && body.ok === true, `HTTP ${response.status}: ${JSON.stringify(body)}`)
  return `HTTP ${response.status}`
})

await step("a Request straight to the checkout handler: GET /orders/:id", async () => {
  const response = await checkout(new Request(`http://shop.test${BASE_PATH}/orders/${ORDER_ID}`))
  const body = await response.json()
  expect(response.status === 200, `HTTP ${response.status}: ${JSON.stringify(body)}`)
  expect(body.status === "pending" && body.amount === AMOUNT, `order ${JSON.stringify(body)}`)
  return `HTTP 200 ${body.status} ${body.amount} ${body.currency}`
})

let session
await step("POST /orders/:id/checkout over HTTP creates the QR at the sandbox", async () => {
  const response = await fetch(`${shop.url}${BASE_PATH}/orders/${ORDER_ID}/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}"
  })
  session = await response.json()
  expect(response.status === 201, `HTTP ${response.status}: ${JSON.stringify(session)}`)
  const qr = sandbox.state.qr(session.qrId)
  expect(qr?.status === "Active", `the sandbox shows ${JSON.stringify(qr?.status)}`)
  expect(qr.orderId === ORDER_ID, `QR orderId ${qr.orderId}`)
  return `HTTP 201, qrId ${session.qrId} Active at the bank`
})

/** An order's event stream over HTTP: next() gives the next `status` event's OrderView. */
const openEvents = async () => {
  const aborted = new AbortController()
  const response = await fetch(`${shop.url}${BASE_PATH}/orders/${ORDER_ID}/events`, {
    headers: { accept: "text/event-stream" },
    signal: aborted.signal
  })
  const reader =
    response.status === 200 ? response.body.pipeThrough(new TextDecoderStream()).getReader() : null
  let buffer = ""
  const next = async () => {
    for (;;) {
      const end = buffer.indexOf("\n\n")
      if (end >= 0) {
        const lines = buffer.slice(0, end).split("\n")
        buffer = buffer.slice(end + 2)
        const data = lines.find((line) => line.startsWith("data: "))
        if (lines.includes("event: status") && data) return JSON.parse(data.slice(6))
        continue
      }
      const { value, done } = await reader.read()
      if (done) throw new Error("the event stream ended")
      buffer += value
    }
  }
  const close = async () => {
    aborted.abort()
    await reader?.cancel().catch(() => undefined)
  }
  cleanups.push(close)
  return { response, next, close }
}

let events
await step("GET /orders/:id/events over HTTP: the current status", async () => {
  events = await within(openEvents(), 5_000, "answer")
  const { response } = events
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`)
  const type = response.headers.get("content-type") ?? ""
  expect(type.startsWith("text/event-stream"), `content-type ${type}`)
  const first = await within(events.next(), 5_000, "first event")
  expect(first.status === "pending" && first.qrId === session.qrId, `event ${JSON.stringify(first)}`)
  return `${first.status}, ${type}`
})

await step("a second stream for the order is refused (maxStreamsPerOrder 1)", async () => {
  const second = await within(openEvents(), 5_000, "answer")
  const body = await second.response.json()
  expect(second.response.status === 503, `HTTP ${second.response.status}: ${JSON.stringify(body)}`)
  expect(body.code === "too_many_streams", `code ${body.code}`)
  return `HTTP 503 ${body.code}`
})

let payment
await step("test-pay at the sandbox (the payer pays)", async () => {
  payment = await client.testPay({
    qrId: session.qrId,
    amount: AMOUNT,
    iban: "MD88AG000000011621810140",
    payerName: "Web Smoke"
  })
  return `payId ${payment.payId}`
})

await step("the signed callback reaches the webhook handler over HTTP: 200", async () => {
  const delivery = await sandbox.deliveries.waitFor(
    { payId: payment.payId, status: "delivered" },
    { timeoutMs: 10_000 }
  )
  const attempt = delivery.attempts.at(-1)
  expect(attempt?.status === 200, `HTTP ${attempt?.status}`)
  expect(genuineCallbacks.length >= 1, "the shop saw no callback body")
  return `HTTP ${attempt.status} on attempt ${attempt.number}`
})

await step("the event stream yields the paid status", async () => {
  let order
  do order = await within(events.next(), 10_000, "paid status event")
  while (order.status === "pending")
  expect(order.status === "processing", `status ${order.status}`)
  expect(order.payId === payment.payId, `payId ${order.payId}, expected ${payment.payId}`)
  return `${order.status}, payId ${order.payId}`
})

await step("a closed stream frees its slot (the runtime aborts the request)", async () => {
  await events.close()
  // The server learns of the disconnect asynchronously: ask again until the slot is free.
  const until = Date.now() + 5_000
  for (;;) {
    const again = await within(openEvents(), 5_000, "answer")
    if (again.response.status === 200) {
      const order = await within(again.next(), 5_000, "first event")
      await again.close()
      expect(order.status === "processing", `status ${order.status}`)
      return `a new stream opened, ${order.status}`
    }
    await again.response.text()
    if (Date.now() > until) throw new Error(`still HTTP ${again.response.status} after 5 s`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
})

await step("a tampered callback is refused with 401 over HTTP", async () => {
  const body = JSON.parse(genuineCallbacks[0])
  body.result.amount = AMOUNT + 1
  const response = await fetch(`${shop.url}${CALLBACK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  const answer = await response.json()
  expect(response.status === 401, `HTTP ${response.status}: ${JSON.stringify(answer)}`)
  expect(answer.outcome === "invalid_signature", `outcome ${answer.outcome}`)
  return `HTTP 401 ${answer.outcome}`
})

await step("the genuine callback again, as a Request to the handler: duplicate", async () => {
  const before = await store.getOrder(ORDER_ID)
  const response = await webhook(
    new Request(`http://shop.test${CALLBACK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: genuineCallbacks[0]
    })
  )
  const answer = await response.json()
  expect(
    response.status === 200 && answer.outcome === "duplicate",
    `HTTP ${response.status} ${answer.outcome}`
  )
  const after = await store.getOrder(ORDER_ID)
  expect(after.history.length === before.history.length, "the duplicate added a history entry")
  return `HTTP 200 ${answer.outcome}`
})

await step("GET /orders/:id over HTTP shows the order paid", async () => {
  const response = await fetch(`${shop.url}${BASE_PATH}/orders/${ORDER_ID}`)
  const order = await response.json()
  expect(response.status === 200, `HTTP ${response.status}: ${JSON.stringify(order)}`)
  expect(order.status === "processing" && order.paidAmount === AMOUNT, `order ${JSON.stringify(order)}`)
  expect(streamErrors.length === 0, `onError was told: ${streamErrors.map(describe).join("; ")}`)
  return `${order.status}, paid ${order.paidAmount} ${order.currency}`
})

await done()
