import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"

/** A callback as a merchant's server received it. */
export interface ReceivedCallback {
  readonly path: string
  readonly body: string
  readonly answeredWith: number
}

const readBody = async (incoming: IncomingMessage): Promise<string> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}

/**
 * A merchant's callback endpoint on loopback. `answers` scripts the statuses it replies with, in
 * order (the last one repeats); `decide` can compute a status from the body instead.
 */
export const startCallbackReceiver = async (
  options: {
    readonly answers?: ReadonlyArray<number>
    readonly decide?: (body: string) => number | Promise<number>
  } = {}
) => {
  const received: Array<ReceivedCallback> = []
  let answers = [...(options.answers ?? [200])]
  const server = createServer((incoming, outgoing) => {
    void readBody(incoming).then(async (body) => {
      const status = options.decide
        ? await options.decide(body)
        : answers.length > 1
          ? answers.shift()!
          : (answers[0] ?? 200)
      received.push({ path: incoming.url ?? "/", body, answeredWith: status })
      outgoing.writeHead(status, { "content-type": "text/plain" })
      outgoing.end(status === 200 ? "OK" : "not yet")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (next: ReadonlyArray<number>) => {
      answers = [...next]
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

export type CallbackReceiver = Awaited<ReturnType<typeof startCallbackReceiver>>
