import { type Order, type OrderStore, toOrderView } from "@mia-sdk/webhooks"
import { MiaHttpError } from "../errors/mia-http-error.js"
import type { MiaRequest, MiaResponse } from "../http-types.js"

export interface StreamContext {
  readonly store: OrderStore
  readonly keepAliveMs: number
}

/**
 * Streams one order's status as server-sent events: the current state first, then every change
 * (`event: status`, `data:` an OrderView, `id:` the order version), with keep-alive comments.
 * Subscribes before reading the order so no change can fall between the two, and unsubscribes
 * as soon as the client goes away.
 */
export const streamOrderEvents = async (
  context: StreamContext,
  req: MiaRequest,
  res: MiaResponse,
  orderId: string
): Promise<void> => {
  let lastVersion = 0
  let ready = false
  const early: Array<Order> = []
  const send = (order: Order) => {
    if (order.version <= lastVersion || res.writableEnded) return
    lastVersion = order.version
    res.write(`id: ${order.version}\nevent: status\ndata: ${JSON.stringify(toOrderView(order))}\n\n`)
  }
  const unsubscribe = context.store.events.subscribe(orderId, (change) => {
    if (ready) send(change.order)
    else early.push(change.order)
  })
  let order: Order | undefined
  try {
    order = await context.store.getOrder(orderId)
  } catch (error) {
    unsubscribe()
    throw error
  }
  if (order === undefined) {
    unsubscribe()
    throw new MiaHttpError(404, "not_found", "Order not found", `No order ${orderId}.`)
  }
  if (req.destroyed) {
    unsubscribe()
    return
  }

  res.statusCode = 200
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8")
  res.setHeader("Cache-Control", "no-cache")
  // nginx and similar proxies buffer responses by default, which would hold events back.
  res.setHeader("X-Accel-Buffering", "no")
  res.flushHeaders()
  res.write("retry: 3000\n\n")
  send(order)
  ready = true
  for (const change of early) send(change)

  const keepAlive = setInterval(() => {
    if (!res.writableEnded) res.write(": keep-alive\n\n")
  }, context.keepAliveMs)
  keepAlive.unref?.()
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    unsubscribe()
  }
  // The response's "close" marks the client going away; the request's fires once its body is read.
  res.on("close", close)
  res.on("error", close)
}
