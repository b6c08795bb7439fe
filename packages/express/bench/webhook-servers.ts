/**
 * The servers under test for bench/webhook.ts, in a process of their own: the load generator runs
 * in the parent, so it never takes event-loop time from the server it measures.
 */
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { PGlite } from "@electric-sql/pglite"
import { createMemoryOrderStore, createSqlOrderStore, type OrderStore } from "@mia-sdk/webhooks"
import express from "express"
import pg from "pg"
import { miaWebhook } from "../src/index.js"

export const SIGNATURE_KEY = "8508706b-3454-4733-8295-56e617c4abcf"

/** Which store the webhook writes to. */
export type StoreKind = "memory" | "pglite" | "postgres"

/** What the main thread asks of the servers' thread. */
export type ServerCommand =
  | {
      readonly type: "start"
      readonly store: StoreKind
      readonly orderIds: ReadonlyArray<string>
      readonly databaseUrl?: string | undefined
    }
  | { readonly type: "status"; readonly orderId: string }
  | { readonly type: "stop" }

const serve = async (app: express.Express): Promise<{ url: string; server: Server }> => {
  const server = createServer(app)
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mia/callback`, server }
}

const bareApp = () => {
  const app = express()
  // Reads the body before answering, as any real endpoint must (answering first leaves the body
  // on the socket and stalls keep-alive connections, which would flatter the webhook).
  app.post("/mia/callback", (req, res) => {
    req.on("end", () => res.status(200).json({ ok: true }))
    req.resume()
  })
  return app
}

/** The PostgreSQL baseline: read the body, one INSERT on the same pool, answer. */
const bareInsertApp = (pool: pg.Pool) => {
  const app = express()
  app.post("/mia/callback", express.text({ type: "*/*" }), (req, res, next) => {
    pool
      .query("INSERT INTO bench_bare_callbacks (body) VALUES ($1)", [req.body])
      .then(() => res.status(200).json({ ok: true }), next)
  })
  return app
}

const webhookApp = (store: OrderStore) => {
  const app = express()
  app.post("/mia/callback", miaWebhook({ signatureKey: SIGNATURE_KEY, store }))
  return app
}

let store: OrderStore | undefined
let db: PGlite | undefined
let pool: pg.Pool | undefined
const servers: Array<Server> = []

const handle = async (command: ServerCommand): Promise<unknown> => {
  switch (command.type) {
    case "start": {
      db = command.store === "pglite" ? await PGlite.create() : undefined
      pool =
        command.store === "postgres"
          ? new pg.Pool({ connectionString: command.databaseUrl, max: 10 })
          : undefined
      if (pool !== undefined) {
        await pool.query(
          "CREATE TABLE IF NOT EXISTS bench_bare_callbacks (id bigserial PRIMARY KEY, body text)"
        )
      }
      store = db
        ? createSqlOrderStore({ db })
        : pool
          ? createSqlOrderStore({ db: pool, listen: false })
          : createMemoryOrderStore()
      for (const orderId of command.orderIds) {
        await store.createOrder({ orderId, amount: 150.25, description: `Bench ${orderId}` })
      }
      const bare = await serve(pool === undefined ? bareApp() : bareInsertApp(pool))
      const webhook = await serve(webhookApp(store))
      servers.push(bare.server, webhook.server)
      return { bareUrl: bare.url, webhookUrl: webhook.url }
    }
    case "status":
      return (await store?.getOrder(command.orderId))?.status
    case "stop":
      for (const server of servers.splice(0)) {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      }
      await db?.close()
      await pool?.end()
      db = undefined
      pool = undefined
      return undefined
  }
}

process.on("message", (command: ServerCommand) => {
  handle(command).then(
    (reply) => process.send?.({ ok: true, reply }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) })
  )
})
