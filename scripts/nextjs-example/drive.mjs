// Drives the built Next.js example (examples/nextjs) running under `next start`, against the
// sandbox bank in its own process: places orders, checks out through the example's route
// handlers, pays with the sandbox's test-pay, and watches the bank's signed callback reach the
// Next.js webhook route (order status and the server-sent events stream), then the pages. run.sh
// copies this file into the installed example, so @mia-sdk/core resolves from the packed tarballs.
//
// Environment (set by run.sh): APP_URL, MIA_BASE_URL, MIA_CLIENT_ID, MIA_CLIENT_SECRET,
// MIA_SIGNATURE_KEY; PLAYWRIGHT_CORE (a path to playwright-core, optional) and CHROMIUM_PATH for
// the browser steps, which are skipped when either is missing unless MIA_REQUIRE_BROWSER=1.
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import process from "node:process"
import { createSteps, expect } from "./support/steps.mjs"
import { promisify } from "node:util"
import { createMiaQrClient } from "@mia-sdk/core"
import { signMiaCallback } from "@mia-sdk/core/callback"

const TIMEOUT_MS = 120_000
const AMOUNT = 150.25
const { APP_URL, MIA_BASE_URL, MIA_CLIENT_ID, MIA_CLIENT_SECRET, MIA_SIGNATURE_KEY } = process.env
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const { step, fail, done, cleanups } = createSteps("nextjs example", {
  exitAfterMs: 10_000,
  timed: true
})

const watchdog = setTimeout(() => fail(`still running after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS)
cleanups.push(() => clearTimeout(watchdog))

for (const [name, value] of Object.entries({ APP_URL, MIA_BASE_URL, MIA_CLIENT_ID, MIA_SIGNATURE_KEY })) {
  if (!value) await fail(`${name} is not set (run this through scripts/nextjs-example/run.sh)`)
}

const app = (path) => new URL(path, APP_URL)
const json = (body) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body)
})
const read = async (response) => {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The `status` events of an order's SSE stream, one at a time, as parsed OrderViews. */
const openEvents = async (orderId) => {
  const controller = new AbortController()
  const response = await fetch(app(`/api/mia/orders/${orderId}/events`), {
    headers: { accept: "text/event-stream" },
    signal: controller.signal
  })
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`)
  const type = response.headers.get("content-type") ?? ""
  expect(type.startsWith("text/event-stream"), `content-type ${type}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ""
  const next = async () => {
    for (;;) {
      const end = buffer.indexOf("\n\n")
      if (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const lines = block.split("\n")
        if (!lines.includes("event: status")) continue // retry: and keep-alive comments
        const data = lines.find((line) => line.startsWith("data: "))
        return JSON.parse(data.slice("data: ".length))
      }
      const { value, done } = await reader.read()
      if (done) throw new Error("the event stream ended")
      buffer += value
    }
  }
  const close = () => controller.abort()
  cleanups.push(close)
  return { next, close, headers: response.headers }
}

const within = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms).unref())
  ])

const bank = createMiaQrClient({
  baseUrl: MIA_BASE_URL,
  clientId: MIA_CLIENT_ID,
  clientSecret: MIA_CLIENT_SECRET,
  maxRetries: 0
})
cleanups.push(() => bank.close())

const run = promisify(execFile)

/** Polls the order route until `done(order)`; the last answer after 15 s. */
const waitForOrder = async (orderId, done) => {
  const until = Date.now() + 15_000
  for (;;) {
    const order = await read(await fetch(app(`/api/mia/orders/${orderId}`)))
    if (done(order) || Date.now() > until) return order
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const pay = async (qrId) => {
  const payment = await bank.testPay({
    qrId,
    amount: AMOUNT,
    iban: "MD88AG000000011621810140",
    payerName: "Next Example"
  })
  expect(typeof payment.payId === "string" && payment.payId !== "", `no payId in ${JSON.stringify(payment)}`)
  return payment
}

console.log(`nextjs example at ${APP_URL}, sandbox bank at ${MIA_BASE_URL}`)

await step("GET /api/mia/callback (uptime check of the webhook route)", async () => {
  const response = await fetch(app("/api/mia/callback"))
  const body = await read(response)
  expect(response.status === 200 && body.ok === true, `HTTP ${response.status}: ${JSON.stringify(body)}`)
  return `HTTP 200 ${JSON.stringify(body)}`
})

await step("GET / renders the shop", async () => {
  const response = await fetch(app("/"))
  const html = await response.text()
  expect(response.status === 200, `HTTP ${response.status}`)
  expect(html.includes('action="/api/orders"'), "no order form in the page")
  return `${html.length} bytes`
})

let formOrderId
await step("POST /api/orders (form) redirects to the checkout page", async () => {
  const response = await fetch(app("/api/orders"), {
    method: "POST",
    body: new URLSearchParams({ productId: "book" }),
    redirect: "manual"
  })
  const location = response.headers.get("location") ?? ""
  expect(response.status === 303, `HTTP ${response.status}: ${await response.text()}`)
  expect(/^\/checkout\/[0-9a-f-]{36}$/.test(location), `Location ${location}`)
  formOrderId = location.split("/").at(-1)
  return `303 ${location}`
})

let orderId
await step("POST /api/orders (JSON) places an order", async () => {
  const response = await fetch(app("/api/orders"), json({ productId: "book" }))
  const body = await read(response)
  expect(response.status === 201, `HTTP ${response.status}: ${JSON.stringify(body)}`)
  expect(body.amount === AMOUNT, `amount ${body.amount}`)
  orderId = body.orderId
  return `order ${orderId}`
})

await step("POST /api/orders refuses an unknown product", async () => {
  const response = await fetch(app("/api/orders"), json({ productId: "car", amount: 0.01 }))
  await response.text()
  expect(response.status === 400, `HTTP ${response.status}`)
  return "HTTP 400"
})

await step("GET /checkout/:orderId server-renders the shell and the client component", async () => {
  const response = await fetch(app(`/checkout/${orderId}`))
  const html = await response.text()
  expect(response.status === 200, `HTTP ${response.status}`)
  expect(html.includes(`order ${orderId}`), "the order summary is missing")
  expect(html.includes("150.25 MDL"), "the amount is missing")
  const section = html.match(/<section[^>]*data-testid="mia-checkout"[^>]*>/)?.[0]
  expect(section !== undefined, "the checkout client component did not render on the server")
  const phase = section.match(/data-phase="([^"]+)"/)?.[1]
  expect(phase === "idle" || phase === "creating", `server-rendered phase ${phase}`)
  expect(/<script[^>]+src="\/_next\/static\/chunks\//.test(html), "no client script chunks in the page")
  return `phase ${phase} on the server, ${html.length} bytes`
})

await step("GET /checkout/<unknown> is 404", async () => {
  const response = await fetch(app("/checkout/no-such-order"))
  await response.text()
  expect(response.status === 404, `HTTP ${response.status}`)
  return "HTTP 404"
})

let session
await step("POST /api/mia/orders/:id/checkout creates the QR", async () => {
  const response = await fetch(app(`/api/mia/orders/${orderId}/checkout`), json({}))
  session = await read(response)
  expect(response.status === 201, `HTTP ${response.status}: ${JSON.stringify(session)}`)
  expect(typeof session.qrId === "string" && session.qrId !== "", `no qrId: ${JSON.stringify(session)}`)
  expect(typeof session.url === "string" && session.url.startsWith("https://"), `url ${session.url}`)
  return `HTTP 201, qrId ${session.qrId}`
})

await step("checkout again reuses the QR", async () => {
  const response = await fetch(app(`/api/mia/orders/${orderId}/checkout`), json({}))
  const again = await read(response)
  expect(response.status === 200, `HTTP ${response.status}: ${JSON.stringify(again)}`)
  expect(again.qrId === session.qrId, `qrId ${again.qrId}, expected ${session.qrId}`)
  return `HTTP 200, same qrId`
})

await step("checkout refuses a cross-site browser request", async () => {
  const response = await fetch(app(`/api/mia/orders/${orderId}/checkout`), {
    ...json({}),
    headers: { "content-type": "application/json", origin: "https://evil.example" }
  })
  const body = await read(response)
  expect(response.status === 403, `HTTP ${response.status}: ${JSON.stringify(body)}`)
  return `HTTP 403 ${body.code ?? ""}`
})

await step("the sandbox bank has the QR (Active, the order's amount)", async () => {
  const qr = await bank.getQr(session.qrId)
  expect(qr.status === "Active", `status ${qr.status}`)
  expect(qr.orderId === orderId, `orderId ${qr.orderId}`)
  expect(Number(qr.amount) === AMOUNT, `amount ${qr.amount}`)
  return `${qr.status}, ${qr.amount} ${qr.currency}`
})

let events
await step("GET /api/mia/orders/:id/events streams the current status", async () => {
  events = await within(openEvents(orderId), 5_000, "answer")
  const first = await within(events.next(), 5_000, "first event")
  expect(first.status === "pending", `status ${first.status}`)
  expect(first.qrId === session.qrId, `qrId ${first.qrId}`)
  return `${first.status}, Cache-Control ${events.headers.get("cache-control")}`
})

let payment
await step("test-pay at the sandbox (the payer pays)", async () => {
  payment = await pay(session.qrId)
  return `payId ${payment.payId}`
})

await step("the event stream reports the order paid", async () => {
  let order
  do order = await within(events.next(), 15_000, "paid status event")
  while (order.status === "pending")
  expect(order.status === "processing", `status ${order.status}`)
  expect(order.payId === payment.payId, `payId ${order.payId}, expected ${payment.payId}`)
  events.close()
  return `${order.status}, payId ${order.payId}`
})

await step("GET /api/mia/orders/:id shows it paid", async () => {
  const response = await fetch(app(`/api/mia/orders/${orderId}`))
  const order = await read(response)
  expect(response.status === 200, `HTTP ${response.status}: ${JSON.stringify(order)}`)
  expect(order.status === "processing", `status ${order.status}`)
  expect(order.paidAmount === AMOUNT, `paidAmount ${order.paidAmount}`)
  expect(order.payId === payment.payId, `payId ${order.payId}`)
  return `${order.status}, paid ${order.paidAmount} ${order.currency}`
})

await step("the sandbox shows the QR Paid", async () => {
  const qr = await bank.getQr(session.qrId)
  expect(qr.status === "Paid", `status ${qr.status}`)
  return qr.status
})

await step("the webhook route refuses a tampered callback with 401", async () => {
  const result = {
    qrId: session.qrId,
    extensionId: null,
    qrStatus: "Paid",
    payId: "ffffffff-0000-4000-8000-000000000001",
    referenceId: "12345",
    orderId,
    amount: AMOUNT,
    commission: 1.5,
    currency: "MDL",
    payerName: "Mallory",
    payerIban: "MD88AG000000011621810140",
    executedAt: new Date().toISOString(),
    terminalId: null
  }
  const signature = await signMiaCallback(result, MIA_SIGNATURE_KEY)
  const response = await fetch(
    app("/api/mia/callback"),
    json({ result: { ...result, amount: AMOUNT + 100 }, signature })
  )
  const body = await read(response)
  expect(response.status === 401, `HTTP ${response.status}: ${JSON.stringify(body)}`)
  const order = await read(await fetch(app(`/api/mia/orders/${orderId}`)))
  expect(order.payId === payment.payId && !order.duplicatePayment, "the tampered callback changed the order")
  return `HTTP 401 ${body.outcome ?? body.code ?? ""}`
})

await step("npm run pay (the README's payer) pays the other order's QR", async () => {
  const response = await fetch(app(`/api/mia/orders/${formOrderId}/checkout`), json({}))
  const created = await read(response)
  expect(response.status === 201, `checkout: HTTP ${response.status}: ${JSON.stringify(created)}`)
  const { stdout } = await run("npm", ["run", "--silent", "pay"])
  expect(stdout.includes(`for order ${formOrderId}`), `npm run pay said ${JSON.stringify(stdout)}`)
  const order = await waitForOrder(formOrderId, (view) => view.status !== "pending")
  expect(order.status === "processing", `status ${order.status}`)
  return stdout.trim()
})

// The browser: the shop's form, the checkout page hydrating, the QR, the live flip to paid.
const playwrightPath = process.env.PLAYWRIGHT_CORE
const browserMissing = !playwrightPath
  ? "PLAYWRIGHT_CORE is not set"
  : !existsSync(chromiumPath)
    ? `no Chromium at ${chromiumPath}`
    : undefined
if (browserMissing !== undefined) {
  if (process.env.MIA_REQUIRE_BROWSER === "1") {
    await step("browser", async () => {
      throw new Error(`${browserMissing} (MIA_REQUIRE_BROWSER=1)`)
    })
  }
  console.log(`skip     browser steps: ${browserMissing}`)
} else {
  const { chromium } = createRequire(import.meta.url)(playwrightPath)
  let context
  let page
  const problems = []
  await step("Chromium: open the shop", async () => {
    const profile = await mkdtemp(join(tmpdir(), "mia-nextjs-chromium-"))
    cleanups.push(() => rm(profile, { recursive: true, force: true }))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    cleanups.push(() => context.close())
    page = await context.newPage()
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`))
    // Failed loads are reported with their URL below; the browser's own favicon probe is no error.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(`console error: ${message.text()}`)
      }
    })
    page.on("response", (response) => {
      const url = new URL(response.url())
      if (response.status() >= 400 && url.pathname !== "/favicon.ico") {
        problems.push(`HTTP ${response.status()} for ${url.pathname}`)
      }
    })
    page.on("requestfailed", (request) => {
      // The event stream is cut when the page has its final status or goes away.
      if (!request.url().endsWith("/events")) {
        problems.push(`${request.failure()?.errorText} for ${new URL(request.url()).pathname}`)
      }
    })
    await page.goto(app("/").href)
    return await page.title()
  })

  let browserOrderId
  await step("Chromium: Pay with MIA shows the QR", async () => {
    await page.getByRole("button", { name: "Pay with MIA" }).click()
    await page.waitForURL(/\/checkout\/[0-9a-f-]{36}$/, { timeout: 15_000 })
    browserOrderId = new URL(page.url()).pathname.split("/").at(-1)
    await page
      .locator('[data-testid="mia-checkout"][data-phase="awaiting_payment"]')
      .waitFor({ timeout: 15_000 })
    const qr = page.locator('[data-testid="mia-checkout"] svg[role="img"]')
    await qr.waitFor({ timeout: 5_000 })
    const label = await qr.getAttribute("aria-label")
    expect(label?.includes("150.25 MDL"), `QR label ${JSON.stringify(label)}`)
    return `order ${browserOrderId}: QR "${label}"`
  })

  await step("Chromium: the status flips to paid live", async () => {
    const order = await read(await fetch(app(`/api/mia/orders/${browserOrderId}`)))
    expect(typeof order.qrId === "string", `the order has no QR: ${JSON.stringify(order)}`)
    const started = performance.now()
    await pay(order.qrId)
    await page.locator('[data-testid="mia-checkout"][data-phase="paid"]').waitFor({ timeout: 15_000 })
    const text = await page.locator('[data-testid="mia-checkout"]').innerText()
    expect(text.includes("Thank you"), `the page says ${JSON.stringify(text)}`)
    return `paid ${Math.round(performance.now() - started)} ms after test-pay`
  })

  await step("Chromium: no errors in the page", async () => {
    expect(problems.length === 0, problems.join("; "))
    return "none"
  })
}

await done()
