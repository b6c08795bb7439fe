import { once } from "node:events"
import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { createMiaQrClient, type MiaQrPromiseClient } from "@mia-sdk/core"
import { createMiaSandbox, type MiaSandbox } from "@mia-sdk/sandbox"
import type { Hono } from "hono"

/** Where the shop tells the bank to send callbacks; the bank forwards them to the running app. */
export const CALLBACK_URL = "https://shop.example/api/mia/callback"

/**
 * The sandbox bank on a loopback port, the real MIA QR client pointed at it, and callbacks for
 * https://shop.example/... forwarded to `forwardTo` (the app under test), as
 * `stripe listen --forward-to` would.
 */
export interface ForwardingBank {
  readonly sandbox: MiaSandbox
  readonly url: string
  readonly client: MiaQrPromiseClient
  readonly signatureKey: string
  forwardTo(baseUrl: string): void
  close(): Promise<void>
}

export const startForwardingBank = async (): Promise<ForwardingBank> => {
  let target = "http://127.0.0.1:9"
  const sandbox = createMiaSandbox({
    callbackRetryDelays: [3_600_000],
    forwardCallbacksTo: (url) => {
      const original = new URL(url)
      return `${target}${original.pathname}${original.search}`
    }
  })
  const server = await sandbox.listen({ port: 0, host: "127.0.0.1" })
  const { clientId, clientSecret, signatureKey } = sandbox.credentials
  const client = createMiaQrClient({
    clientId,
    clientSecret,
    baseUrl: server.url,
    maxRetries: 0,
    timeoutMs: 5_000
  })
  return {
    sandbox,
    url: server.url,
    client,
    signatureKey,
    forwardTo(baseUrl) {
      target = baseUrl
    },
    async close() {
      await client.close()
      await server.close()
      await sandbox.close()
    }
  }
}

export interface RunningApp {
  readonly url: string
  close(): Promise<void>
}

/** Serves a Hono app with `@hono/node-server` on an ephemeral loopback port. */
export const serveHono = async (app: Hono): Promise<RunningApp> => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })
  if (!server.listening) await once(server, "listening")
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
