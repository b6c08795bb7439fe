/**
 * One merchant server of the fleet, run as a process of its own:
 *
 *   node --conditions=@mia-sdk/source --import tsx test/fleet/merchant-server.ts
 *
 * Environment:
 * - `DATABASE_URL`: the shared PostgreSQL database (`openSqlOrderStore` opens a pool and the
 *   dedicated LISTEN connection);
 * - `MIA_BANK_URL`, `MIA_CLIENT_ID`, `MIA_CLIENT_SECRET`, `MIA_SIGNATURE_KEY`: the sandbox bank;
 * - `PORT`: 0 (default) for an ephemeral port; prints `listening on http://127.0.0.1:PORT`;
 * - `FLEET_NAME`: names the server in its output and in the actor of the refunds it makes;
 * - `FLEET_ADMIN_TOKEN`: refunds are allowed to requests with this `x-fleet-admin` header;
 * - `MIA_RECONCILER`: `on` to have a reconciler (rounds on demand at `POST /test/reconcile`),
 *   `off` (default) for none; `MIA_RECONCILE_INTERVAL_MS` also starts its timer.
 * SIGTERM stops the reconciler, the HTTP server and the store, then exits with 0.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { createMiaQrClient } from "@mia-sdk/core"
import { createMiaReconciler, type ReconciliationReport } from "@mia-sdk/webhooks"
import { openSqlOrderStore } from "@mia-sdk/webhooks/node"
import express from "express"
import { miaCheckout, miaErrorHandler, miaWebhook } from "../../src/index.js"

const required = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === "") throw new Error(`merchant-server: ${name} is required`)
  return value
}

const name = process.env.FLEET_NAME ?? "merchant"
const adminToken = process.env.FLEET_ADMIN_TOKEN
const signatureKey = required("MIA_SIGNATURE_KEY")
const interval = Number(process.env.MIA_RECONCILE_INTERVAL_MS ?? 0)

const { store, close: closeStore } = await openSqlOrderStore({ databaseUrl: required("DATABASE_URL") })
const client = createMiaQrClient({
  clientId: required("MIA_CLIENT_ID"),
  clientSecret: required("MIA_CLIENT_SECRET"),
  baseUrl: required("MIA_BANK_URL"),
  timeoutMs: 10_000
})

// A test round asks "what would a round at this instant do?": orders are due 30 s after checkout.
let roundAt: number | undefined
const reconciler =
  process.env.MIA_RECONCILER === "on"
    ? createMiaReconciler({ store, api: client, now: () => roundAt ?? Date.now() })
    : undefined
if (reconciler !== undefined && interval > 0) reconciler.start()

/** What the test needs of a round: the totals and which orders this server checked. */
const summary = (report: ReconciliationReport) => ({
  server: name,
  checked: report.checked,
  applied: report.applied,
  bankCalls: report.bankCalls,
  deferred: report.deferred,
  orders: report.orders.map(({ orderId, status, bankCalls }) => ({ orderId, status, bankCalls })),
  failed: report.failed.map(({ orderId }) => orderId)
})

const app = express()
app.post("/mia/callback", miaWebhook({ signatureKey, store, confirmWith: client }))
app.use(
  "/api/mia",
  miaCheckout({
    store,
    client,
    callbackUrl: process.env.MIA_CALLBACK_URL ?? "https://shop.example/mia/callback",
    authorizeRefund: (req) =>
      adminToken !== undefined && req.headers["x-fleet-admin"] === adminToken
        ? { actor: `admin@${name}` }
        : false
  })
)
app.post("/test/orders", express.json(), async (req, res) => {
  const { orderId, amount, description } = req.body as {
    orderId: string
    amount: number
    description?: string
  }
  res.status(201).json(await store.createOrder({ orderId, amount, description: description ?? orderId }))
})
app.post("/test/reconcile", express.json(), async (req, res) => {
  if (reconciler === undefined) {
    res.status(404).json({ error: `${name} runs no reconciler (MIA_RECONCILER=on starts one)` })
    return
  }
  roundAt = typeof req.body?.at === "number" ? req.body.at : undefined
  try {
    const report = summary(await reconciler.runOnce())
    console.log(`reconciliation round: ${JSON.stringify({ ...report, orders: report.orders.length })}`)
    res.json(report)
  } finally {
    roundAt = undefined
  }
})
app.use(miaErrorHandler())

const server = createServer(app)
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo
  console.log(`listening on http://127.0.0.1:${port}`)
})

const shutdown = async () => {
  await reconciler?.stop()
  // Open event streams never end by themselves: close every connection, then the listener.
  server.closeAllConnections()
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
  await closeStore()
  await client.close()
}

process.once("SIGTERM", () => {
  shutdown().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`${name}: unclean shutdown`, error)
      process.exit(1)
    }
  )
})
