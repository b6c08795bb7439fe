import { type Order, toOrderView } from "@mia-sdk/webhooks"
import type { MiaRequest, MiaResponse } from "../http-types.js"

type Flushable = MiaResponse & { flush?: () => void }

/**
 * Writes an order's changes as server-sent events: the current state first, then every change
 * (`event: status`, `data:` an OrderView, `id:` the order version), with keep-alive comments.
 * The order comes from the service's watch iterator; this only formats. The iterator is ended as
 * soon as the client goes away. An unknown order fails before any header is written.
 */
export const streamOrderEvents = async (
  watch: (signal: AbortSignal) => AsyncGenerator<Order, void, undefined>,
  keepAliveMs: number,
  req: MiaRequest,
  res: MiaResponse
): Promise<void> => {
  const controller = new AbortController()
  const changes = watch(controller.signal)
  const first = await changes.next()
  if (first.done === true || req.destroyed) {
    controller.abort()
    await changes.return()
    return
  }
  // `compression()` buffers what it compresses: flush after every event or it never leaves.
  const write = (text: string) => {
    if (res.writableEnded) return
    res.write(text)
    ;(res as Flushable).flush?.()
  }
  const send = (order: Order) =>
    write(`id: ${order.version}\nevent: status\ndata: ${JSON.stringify(toOrderView(order))}\n\n`)
  res.statusCode = 200
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8")
  // no-transform: proxies and compression must not hold events back to rewrite them.
  res.setHeader("Cache-Control", "no-cache, no-transform")
  // nginx and similar proxies buffer responses by default, which would hold events back.
  res.setHeader("X-Accel-Buffering", "no")
  res.flushHeaders()
  write("retry: 3000\n\n")
  send(first.value)
  const keepAlive = setInterval(() => {
    write(": keep-alive\n\n")
  }, keepAliveMs)
  keepAlive.unref?.()
  // The response's "close" marks the client going away; the request's fires once its body is read.
  const close = () => controller.abort()
  res.on("close", close)
  res.on("error", close)
  try {
    for await (const order of changes) send(order)
  } finally {
    clearInterval(keepAlive)
  }
}
