import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** Headers that describe one hop of the connection, not the request itself. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "host",
  "content-length",
  "upgrade"
])

const toRequest = async (origin: string, incoming: IncomingMessage): Promise<Request> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = incoming.method ?? "GET"
  const hasBody = method !== "GET" && method !== "HEAD"
  return new Request(new URL(incoming.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {})
  })
}

const write = async (
  response: Response,
  outgoing: ServerResponse,
  incoming: IncomingMessage
): Promise<void> => {
  // `Response.error()` stands for a dropped connection: close the socket without an answer.
  if (response.type === "error") {
    incoming.socket.destroy()
    return
  }
  const body = Buffer.from(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  outgoing.writeHead(response.status, { ...headers, "content-length": String(body.byteLength) })
  outgoing.end(body)
}

/** A running loopback server. */
export interface NodeServerHandle {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * Serves `handle` over node:http. Imported lazily by `listen()`, so the rest of the sandbox stays
 * loadable where there is no `node:http` (msw in a browser).
 */
export const listenOnNode = async (
  handle: (request: Request) => Promise<Response>,
  options: { readonly port: number; readonly host: string }
): Promise<NodeServerHandle> => {
  const { createServer } = await import("node:http")
  let origin = ""
  const server = createServer((incoming, outgoing) => {
    toRequest(origin, incoming)
      .then(handle)
      .then((response) => write(response, outgoing, incoming))
      .catch(() => {
        if (!outgoing.headersSent) {
          outgoing.writeHead(400, { "content-type": "text/plain" })
          outgoing.end("Malformed request")
        } else outgoing.destroy()
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = options.host.includes(":") ? `[${options.host}]` : options.host
  origin = `http://${host}:${port}`
  let closing: Promise<void> | undefined
  return {
    url: origin,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}
