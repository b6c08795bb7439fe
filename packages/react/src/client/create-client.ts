import type { ProblemDetails } from "@mia-sdk/core/wire"
import { MiaRequestError } from "./mia-request-error.js"

/**
 * The part of the browser's `EventSource` the SDK uses, so tests and SSR can pass their own.
 * @example
 * const Source: EventSourceConstructor = window.EventSource
 */
export type EventSourceConstructor = new (
  url: string,
  init?: { withCredentials?: boolean }
) => EventSourceLike

/**
 * One server-sent-events connection, as the SDK uses it.
 * @example
 * const source: EventSourceLike = new EventSource("/api/mia/orders/1001/events")
 * source.close()
 */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: string, listener: (event: MessageEvent) => void): void
  close(): void
}

/**
 * How polling backs off while server-sent events are unavailable: the first poll waits
 * `initialMs`, each poll without news or with a failure waits `factor` times longer, up to `maxMs`.
 * While server-sent events do flow, a slow safety poll still asks every `safetyMs` (default 45 s):
 * a stream can stay open yet miss an event (a proxy, a server restart).
 * @example
 * const polling: PollingOptions = { initialMs: 1000, maxMs: 10_000, factor: 1.5, safetyMs: 45_000 }
 */
export interface PollingOptions {
  readonly initialMs?: number
  readonly maxMs?: number
  readonly factor?: number
  readonly safetyMs?: number
}

/**
 * Where your server's routers live and how to reach them.
 * @example
 * const options: MiaClientOptions = { apiBase: "/api/mia", credentials: "include" }
 */
export interface MiaClientOptions {
  /** URL (absolute, or relative to the page) where `miaCheckout` / `miaPos` are mounted, e.g. `/api/mia`. */
  readonly apiBase: string
  /** A `fetch` implementation (tests, SSR, instrumentation). Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch | undefined
  /** An `EventSource` implementation; `null` turns server-sent events off (polling only). */
  readonly EventSource?: EventSourceConstructor | null | undefined
  /** Cookies policy for every request; `include` also opens event streams `withCredentials`. */
  readonly credentials?: RequestCredentials | undefined
  /** Extra request headers (e.g. a CSRF token). Event streams can't carry headers: use cookies there. */
  readonly headers?: Record<string, string> | (() => Record<string, string>) | undefined
  readonly polling?: PollingOptions | undefined
  /** How long to wait for the first server-sent event before falling back to polling (default 8000). */
  readonly sseTimeoutMs?: number | undefined
}

/**
 * A successful JSON answer and the server's clock when it sent it.
 * @example
 * const { body, serverTime } = await client.request<OrderView>("GET", "/orders/1001")
 */
export interface MiaResponse<T> {
  readonly body: T
  readonly status: number
  /** `Date` header in epoch ms, when the browser may read it. */
  readonly serverTime: number | undefined
}

/**
 * A browser-side client for YOUR server's `miaCheckout` and `miaPos` routers (never the bank):
 * JSON requests with problem+json errors, and event-stream URLs. The hooks use it through
 * `<MiaProvider>`; use it directly outside React.
 * @example
 * const client = createMiaClient({ apiBase: "/api/mia" })
 * const { body } = await client.request<OrderView>("GET", "/orders/1001")
 */
export interface MiaClient {
  readonly options: MiaClientOptions
  /** Sends a JSON request to `apiBase + path`; rejects with {@link MiaRequestError}. */
  request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<MiaResponse<T>>
  /** Opens an event stream at `apiBase + path`, or returns `undefined` when none is available. */
  openEvents(path: string): EventSourceLike | undefined
  /** The absolute-or-relative URL of `path`, e.g. for a download link. */
  url(path: string): string
}

const isProblem = (value: unknown): value is ProblemDetails =>
  typeof value === "object" && value !== null && typeof (value as ProblemDetails).status === "number"

/**
 * Creates a {@link MiaClient}. `<MiaProvider>` does this for you.
 * @example
 * import { createMiaClient } from "@mia-sdk/react"
 * const client = createMiaClient({ apiBase: "https://shop.example/api/mia", credentials: "include" })
 */
export const createMiaClient = (options: MiaClientOptions): MiaClient => {
  if (typeof options?.apiBase !== "string" || options.apiBase === "") {
    throw new TypeError(
      'apiBase is required: pass the path where the miaCheckout router is mounted, e.g. apiBase="/api/mia"'
    )
  }
  const base = options.apiBase.replace(/\/+$/, "")
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))

  const request = async <T>(method: string, path: string, payload?: unknown, signal?: AbortSignal) => {
    const url = base + path
    const extra = typeof options.headers === "function" ? options.headers() : options.headers
    const headers: Record<string, string> = { accept: "application/json", ...extra }
    if (payload !== undefined) headers["content-type"] = "application/json"
    let response: Response
    let text: string
    try {
      response = await doFetch(url, {
        method,
        headers,
        credentials: options.credentials ?? "same-origin",
        body: payload === undefined ? null : JSON.stringify(payload),
        signal: signal ?? null
      })
      text = await response.text()
    } catch (cause) {
      if (signal?.aborted) throw cause
      throw new MiaRequestError(
        `${method} ${url} got no answer (${String(cause)}). Check that your server is up and that apiBase points at it.`,
        { status: 0, code: "network", retryable: true, cause }
      )
    }
    let body: unknown
    try {
      body = text === "" ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    const { status } = response
    if (!response.ok) {
      const problem = isProblem(body) ? body : undefined
      const retryAfter = Number(response.headers.get("retry-after"))
      throw new MiaRequestError(
        problem?.detail ??
          problem?.title ??
          `${method} ${url} answered HTTP ${status}${status === 404 ? ": is the router mounted at apiBase?" : ""}`,
        {
          status,
          code: problem?.code ?? `http_${status}`,
          retryable: problem?.retryable ?? (status >= 500 || status === 408 || status === 429),
          ...(problem ? { problem } : {}),
          ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {})
        }
      )
    }
    if (body === undefined) {
      throw new MiaRequestError(`${method} ${url} answered HTTP ${status} without a JSON body`, {
        status,
        code: "bad_response",
        retryable: false
      })
    }
    const date = Date.parse(response.headers.get("date") ?? "")
    return { body: body as T, status, serverTime: Number.isNaN(date) ? undefined : date }
  }

  const openEvents = (path: string) => {
    const Source =
      options.EventSource === undefined
        ? (globalThis as { EventSource?: EventSourceConstructor }).EventSource
        : options.EventSource
    return Source
      ? new Source(base + path, { withCredentials: options.credentials === "include" })
      : undefined
  }

  return { options, request, openEvents, url: (path: string) => base + path }
}
