import { once } from "node:events"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import express5 from "express"
import express4 from "express4"

/** Every suite that touches Express runs once per supported major version. */
export const EXPRESS_VERSIONS = [
  { name: "Express 5", express: express5 },
  { name: "Express 4", express: express4 }
] as const

export type ExpressFactory = (typeof EXPRESS_VERSIONS)[number]["express"]
export type ExpressApp = ReturnType<ExpressFactory>

export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/** Serves an app on an ephemeral loopback port. */
export const serve = async (app: ExpressApp): Promise<RunningServer> => {
  const server: Server = createServer(app)
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
