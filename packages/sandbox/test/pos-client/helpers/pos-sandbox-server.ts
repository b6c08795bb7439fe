import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { createPosSandbox, type PosSandbox, type PosSandboxOptions } from "../../../src/pos/index.js"

/** One request as it reached the loopback server, before any rewrite. */
export interface SeenRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/**
 * C's MiaPos simulator behind a tiny node:http adapter on 127.0.0.1, so the client talks real
 * HTTP over loopback. `rewrite` maps a custom path and query (a route override under test) back
 * to the simulator's; `seen` records every request as sent.
 */
export interface PosSandboxServer {
  readonly sandbox: PosSandbox
  readonly baseUrl: string
  readonly seen: Array<SeenRequest>
  /** Requests of one operation path, e.g. count("/pos/api/v1/seller/refresh"). */
  count(path: string): number
  close(): Promise<void>
}

export const startPosSandboxServer = async (
  options: PosSandboxOptions = {},
  rewrite: (url: URL) => string = (url) => `${url.pathname}${url.search}`
): Promise<PosSandboxServer> => {
  const sandbox = createPosSandbox(options)
  const seen: Array<SeenRequest> = []
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1")
    seen.push({
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: body.toString("utf8")
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value)
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    }
    const target = new URL(rewrite(url), url)
    const request = new Request(target, {
      method: incoming.method ?? "GET",
      headers,
      ...(body.length > 0 ? { body } : {})
    })
    const response = (await sandbox.handle(request)) ?? new Response("not a MiaPos path", { status: 404 })
    const responseHeaders: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value
    })
    outgoing.writeHead(response.status, responseHeaders)
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    sandbox,
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    count: (path) => seen.filter((request) => request.path === path).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
