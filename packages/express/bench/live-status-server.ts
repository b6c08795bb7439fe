/**
 * Server B of bench/live-status.ts, in a process of its own: the checkout router with its event
 * streams on a PostgreSQL store that listens for other servers' changes.
 */
import { once } from "node:events"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { openSqlOrderStore } from "@mia-sdk/webhooks/node"
import express from "express"
import { miaCheckout, miaErrorHandler } from "../src/index.js"

const { store, close } = await openSqlOrderStore({ databaseUrl: process.env.BENCH_DATABASE_URL })
const unusedBank = new Proxy({} as Parameters<typeof miaCheckout>[0]["client"], {
  get: (_target, name) =>
    name === "createQr" ? () => Promise.reject(new Error("no bank in this benchmark")) : undefined
})
const app = express()
app.get("/memory", (_req, res) => {
  globalThis.gc?.()
  res.json({ heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss })
})
app.use(
  "/api/mia",
  miaCheckout({
    store,
    client: unusedBank,
    callbackUrl: "https://shop.example/mia/callback",
    maxStreams: 100_000,
    keepAliveMs: 60_000
  })
)
app.use(miaErrorHandler())
const server = createServer(app)
server.listen(0, "127.0.0.1")
await once(server, "listening")
console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`)
process.on("SIGTERM", () => {
  server.closeAllConnections()
  server.close(() => void close().then(() => process.exit(0)))
})
