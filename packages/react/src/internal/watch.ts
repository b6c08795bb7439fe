import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import type { Transport } from "../store/external-store.js"
import { toError } from "./to-error.js"

/**
 * What {@link watch} follows and whom it tells.
 * @example
 * const options: WatchOptions<OrderView> = { client, pollPath: "/orders/1", key: (v) => v.status,
 *   onData: console.log, onTransport: console.log, onError: console.error }
 */
export interface WatchOptions<T> {
  readonly client: MiaClient
  /** GET path answering the current value; polled while server-sent events are unavailable. */
  readonly pollPath: string
  /** Event-stream path; without it, polling only. */
  readonly eventsPath?: string | undefined
  /** Wait before the first poll when polling from the start (the caller may already know the value). */
  readonly firstPollMs?: number | undefined
  /** Identity of a value: polling backs off while it stays the same and starts over when it changes. */
  readonly key: (value: T) => string
  readonly onData: (value: T) => void
  readonly onTransport: (transport: Transport) => void
  /** A poll failed; `fatal` failures (not retryable) end the watch. */
  readonly onError: (error: MiaRequestError, fatal: boolean) => void
}

const CLOSED = 2
/** Consecutive stream errors, after it has worked once, before the browser's reconnects are given up. */
const STREAM_FAILURES = 3

/**
 * Follows a value on the server: server-sent events (`event: status`) when the browser and the
 * network allow them, otherwise polling with backoff. A stream that fails before its first event,
 * closes for good, or keeps failing falls back to polling. Returns `stop`, which leaves no timer,
 * request or connection behind.
 * @example
 * const stop = watch({ client, pollPath: "/orders/1", eventsPath: "/orders/1/events", key: (v) => v.status,
 *   onData: console.log, onTransport: console.log, onError: console.error })
 */
export const watch = <T>(options: WatchOptions<T>): (() => void) => {
  const { client, onData, onTransport, onError } = options
  const { initialMs = 1000, maxMs = 10_000, factor = 1.5, safetyMs = 45_000 } = client.options.polling ?? {}
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | undefined
  let source: ReturnType<MiaClient["openEvents"]>
  let attempt = 0
  let lastKey: string | undefined

  let safety: ReturnType<typeof setTimeout> | undefined
  const clearTimer = () => {
    clearTimeout(timer)
    clearTimeout(safety)
    timer = undefined
  }
  const closeSource = () => {
    source?.close()
    source = undefined
  }
  const stop = () => {
    stopped = true
    clearTimer()
    closeSource()
    controller?.abort()
    controller = undefined
  }
  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(poll, ms)
  }
  const delay = () => Math.min(maxMs, initialMs * factor ** attempt)

  const accept = (value: T) => {
    const key = options.key(value)
    attempt = key === lastKey ? attempt + 1 : 0
    lastKey = key
    onData(value)
  }

  const poll = async () => {
    timer = undefined
    controller = new AbortController()
    try {
      const { body } = await client.request<T>("GET", options.pollPath, undefined, controller.signal)
      if (stopped) return
      accept(body)
      schedule(delay())
    } catch (cause) {
      if (stopped) return
      const error = toError(cause)
      const fatal = !error.retryable
      if (fatal) stop()
      onError(error, fatal)
      attempt++
      schedule(Math.max(delay(), error.retryAfterMs ?? 0))
    }
  }

  const startPolling = (firstMs: number) => {
    closeSource()
    clearTimer()
    onTransport("polling")
    schedule(firstMs)
  }

  // Errors are ignored: the stream is up, and the next safety poll tries again.
  const safetyPoll = () => {
    safety = setTimeout(async () => {
      try {
        const { body } = await client.request<T>("GET", options.pollPath)
        if (!stopped && source) accept(body)
      } catch {}
      if (!stopped && source) safetyPoll()
    }, safetyMs)
  }

  const startStream = (path: string) => {
    const stream = client.openEvents(path)
    if (!stream) return startPolling(options.firstPollMs ?? 0)
    source = stream
    onTransport("sse")
    let received = false
    let failures = 0
    timer = setTimeout(() => startPolling(0), client.options.sseTimeoutMs ?? 8000)
    stream.addEventListener("status", (event) => {
      if (stopped || source !== stream) return
      let value: T
      try {
        value = JSON.parse(event.data)
      } catch {
        return startPolling(0)
      }
      if (!received) {
        clearTimer()
        safetyPoll()
      }
      received = true
      failures = 0
      accept(value)
    })
    stream.addEventListener("error", () => {
      if (stopped || source !== stream) return
      if (!received || stream.readyState === CLOSED || ++failures >= STREAM_FAILURES) startPolling(0)
    })
  }

  if (options.eventsPath) startStream(options.eventsPath)
  else startPolling(options.firstPollMs ?? 0)
  return stop
}
