import { type Order, toOrderView } from "../../order.js"

/** What {@link orderEventsResponse} needs besides the watch. */
export interface OrderEventsOptions {
  /** Interval of the keep-alive comments. */
  readonly keepAliveMs: number
  /** The request's signal: the client went away. */
  readonly signal: AbortSignal
  /** Called once when the stream ends, however it ends (frees the stream's slot). */
  readonly release: () => void
  /** Told about a failure after the answer started (the client reconnects on its own). */
  readonly onError: (error: unknown) => void
}

const encoder = new TextEncoder()

const statusEvent = (order: Order): string =>
  `id: ${order.version}\nevent: status\ndata: ${JSON.stringify(toOrderView(order))}\n\n`

/**
 * An order's changes as a `text/event-stream` Response over a `ReadableStream`, in the format of
 * the Express router: `retry: 3000`, the current state first, then every change (`event: status`,
 * `data:` an OrderView, `id:` the order version), with keep-alive comments. The watch ends when
 * the request's signal aborts or the reader cancels the stream. An unknown order fails before
 * any answer is made, so it still gets its 404 problem.
 */
export const orderEventsResponse = async (
  watch: (signal: AbortSignal) => AsyncGenerator<Order, void, undefined>,
  options: OrderEventsOptions
): Promise<Response> => {
  const controller = new AbortController()
  let released = false
  // Stops the watch and frees the slot at once, while the stream itself may still be closing.
  const release = () => {
    if (released) return
    released = true
    options.signal.removeEventListener("abort", release)
    controller.abort()
    options.release()
  }
  options.signal.addEventListener("abort", release, { once: true })
  if (options.signal.aborted) release()
  const changes = watch(controller.signal)
  const first = await changes.next().catch((error: unknown) => {
    release()
    throw error
  })
  let closed = false
  let keepAlive: ReturnType<typeof setInterval> | undefined
  const body = new ReadableStream<Uint8Array>({
    start(sink) {
      const write = (text: string) => {
        if (!closed) sink.enqueue(encoder.encode(text))
      }
      write("retry: 3000\n\n")
      if (first.done !== true) write(statusEvent(first.value))
      // A comment only when the reader has taken everything: an unread queue needs no keep-alive.
      keepAlive = setInterval(() => {
        if ((sink.desiredSize ?? 0) > 0) write(": keep-alive\n\n")
      }, options.keepAliveMs)
      // Node keeps a process alive for a timer; a stream nobody reads must not.
      ;(keepAlive as { unref?: () => void }).unref?.()
      void (async () => {
        try {
          for await (const order of changes) write(statusEvent(order))
        } catch (error) {
          if (!released) options.onError(error)
        } finally {
          clearInterval(keepAlive)
          release()
          if (!closed) {
            closed = true
            sink.close()
          }
        }
      })()
    },
    cancel() {
      closed = true
      clearInterval(keepAlive)
      release()
    }
  })
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: proxies and compression must not hold events back to rewrite them.
      "Cache-Control": "no-cache, no-transform",
      // nginx and similar proxies buffer responses by default, which would hold events back.
      "X-Accel-Buffering": "no"
    }
  })
}
