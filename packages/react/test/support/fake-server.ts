import type { CheckoutSession, OrderStatus, OrderView, ProblemDetails } from "@mia-sdk/core/wire"
import type { EventSourceLike } from "../../src/index.js"

/** How a fake event stream behaves when opened. */
export type StreamMode = "live" | "refuse" | "silent"

interface Fault {
  readonly status: number
  readonly body?: string
  readonly retryAfter?: number
}

export interface FakeOrder {
  view: OrderView
  qr?: { qrId: string; url: string; expiresAt: string }
}

const json = (status: number, body: unknown, date: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": status >= 400 ? "application/problem+json" : "application/json",
      date: new Date(date).toUTCString(),
      ...headers
    }
  })

const problem = (status: number, code: string, detail: string, retryable = false): ProblemDetails => ({
  type: `https://mia-sdk.dev/problems/${code}`,
  title: detail,
  status,
  detail,
  code,
  retryable
})

/**
 * A fake `miaCheckout` router behind a `fetch` stub (the wire contract of `@mia-sdk/core/wire`)
 * and an `EventSource` class, driven from tests. Time comes from `Date.now()`, so vitest's fake
 * timers move it, plus `clockOffsetMs` to simulate a server clock that differs from the browser's.
 */
export const createFakeServer = (options: { apiBase?: string; ttlMs?: number } = {}) => {
  const apiBase = options.apiBase ?? "/api/mia"
  const ttlMs = options.ttlMs ?? 15 * 60_000
  const orders = new Map<string, FakeOrder>()
  const requests: Array<{ method: string; path: string; at: number; headers: Record<string, string> }> = []
  const faults: Fault[] = []
  const sources: FakeEventSource[] = []
  let qrCount = 0

  const server = {
    apiBase,
    orders,
    requests,
    sources,
    /** What a newly opened event stream does. */
    streamMode: "live" as StreamMode,
    /** When set, every request fails at the network level (fetch rejects). */
    offline: false,
    /** Delay before each answer, in ms of (fake) time; aborting the request cancels it. */
    latencyMs: 0,
    /** Server clock minus browser clock. */
    clockOffsetMs: 0,
    now: () => Date.now() + server.clockOffsetMs,
    addOrder(orderId: string, amount = 150.25, status: OrderStatus = "pending") {
      orders.set(orderId, {
        view: {
          orderId,
          status,
          amount,
          currency: "MDL",
          paidAmount: 0,
          refundedAmount: 0,
          duplicatePayment: false,
          updatedAt: new Date(server.now()).toISOString()
        }
      })
    },
    /** Answer the next requests with these failures, in order. */
    fail(...next: Fault[]) {
      faults.push(...next)
    },
    /** Changes the order's status; `push: false` hides it from open streams (only a GET sees it). */
    setStatus(orderId: string, status: OrderStatus, push = true) {
      const order = orders.get(orderId)!
      order.view = {
        ...order.view,
        status,
        paidAmount: status === "processing" ? order.view.amount : order.view.paidAmount,
        updatedAt: new Date(server.now()).toISOString()
      }
      if (push)
        for (const source of sources) if (source.orderId === orderId && source.live) source.send(order.view)
    },
    openSources: () => sources.filter((source) => !source.closed),
    gets: (orderId: string) => requests.filter((r) => r.method === "GET" && r.path === `/orders/${orderId}`),
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const url = String(input)
      const method = init.method ?? "GET"
      const signal = init.signal ?? undefined
      if (server.latencyMs > 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, server.latencyMs)
          signal?.addEventListener("abort", () => {
            clearTimeout(timer)
            reject(new DOMException("The operation was aborted.", "AbortError"))
          })
        })
      }
      if (signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError")
      if (!url.startsWith(apiBase)) return new Response("Not Found", { status: 404 })
      const path = url.slice(apiBase.length)
      requests.push({
        method,
        path,
        at: Date.now(),
        headers: { ...(init.headers as Record<string, string>) }
      })
      if (server.offline) throw new TypeError("Failed to fetch")
      const fault = faults.shift()
      if (fault) {
        return new Response(
          fault.body ?? JSON.stringify(problem(fault.status, "unavailable", "Try later", true)),
          {
            status: fault.status,
            headers: fault.retryAfter ? { "retry-after": String(fault.retryAfter) } : {}
          }
        )
      }
      const now = server.now()
      const match = /^\/orders\/([^/]+)(\/checkout)?$/.exec(path)
      const order = match ? orders.get(decodeURIComponent(match[1]!)) : undefined
      if (!match) return json(404, problem(404, "not_found", `No route ${method} ${path}`), now)
      if (!order) return json(404, problem(404, "not_found", `Order ${match[1]} does not exist`), now)
      if (method === "GET" && !match[2]) return json(200, order.view, now)
      if (method !== "POST" || !match[2]) return json(405, problem(405, "method", "Method not allowed"), now)
      const reusable = order.qr && Date.parse(order.qr.expiresAt) - now > 60_000
      if (!reusable && order.view.status === "pending") {
        qrCount++
        order.qr = {
          qrId: `qr-${qrCount}`,
          url: `https://mia-qr.bnm.md/1/m/BNM/AGR${qrCount}`,
          expiresAt: new Date(now + ttlMs).toISOString()
        }
        order.view = {
          ...order.view,
          qrId: order.qr.qrId,
          qrUrl: order.qr.url,
          qrExpiresAt: order.qr.expiresAt
        }
      }
      const qr = order.qr ?? { qrId: "none", url: "", expiresAt: new Date(now).toISOString() }
      const session: CheckoutSession = {
        orderId: order.view.orderId,
        qrId: qr.qrId,
        url: qr.url,
        expiresAt: qr.expiresAt,
        amount: order.view.amount,
        currency: order.view.currency,
        status: order.view.status,
        reused: Boolean(reusable)
      }
      return json(reusable ? 200 : 201, session, now)
    },
    EventSource: undefined as unknown as new (
      url: string,
      init?: { withCredentials?: boolean }
    ) => FakeEventSource
  }

  class FakeEventSource implements EventSourceLike {
    readyState = 0
    closed = false
    live = false
    readonly orderId: string | undefined
    readonly listeners = new Map<string, Set<(event: MessageEvent) => void>>()

    constructor(
      readonly url: string,
      readonly init?: { withCredentials?: boolean }
    ) {
      sources.push(this)
      this.orderId = /\/orders\/([^/]+)\/events$/.exec(url.slice(apiBase.length))?.[1]
      const mode = server.streamMode
      // A real stream connects asynchronously, after the constructor returns.
      queueMicrotask(() => {
        if (this.closed) return
        const order = this.orderId ? orders.get(decodeURIComponent(this.orderId)) : undefined
        if (mode === "refuse" || !order) return this.fail(2)
        this.readyState = 1
        if (mode === "live") {
          this.live = true
          this.send(order.view)
        }
      })
    }

    addEventListener(type: string, listener: (event: MessageEvent) => void) {
      if (!this.listeners.has(type)) this.listeners.set(type, new Set())
      this.listeners.get(type)!.add(listener)
    }

    close() {
      this.closed = true
      this.live = false
      this.readyState = 2
    }

    send(view: OrderView, type = "status") {
      this.dispatch(type, JSON.stringify(view))
    }

    /** Sends raw `data:` text, e.g. something that isn't JSON. */
    dispatch(type: string, data: string) {
      if (this.closed) return
      for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }))
    }

    /** A connection error: `0` = the browser will reconnect, `2` = closed for good. */
    fail(readyState: 0 | 2 = 0) {
      if (this.closed) return
      this.readyState = readyState
      if (readyState === 2) this.live = false
      for (const listener of this.listeners.get("error") ?? []) listener(new MessageEvent("error"))
    }
  }

  server.EventSource = FakeEventSource
  return server
}

export type FakeServer = ReturnType<typeof createFakeServer>
