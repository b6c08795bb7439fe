import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { MiaTransportError } from "../errors/mia-transport-error.js"
import type { HttpExecutor, HttpExecutorConfig, HttpReply, HttpRequestSpec } from "./http-executor.js"
import { currentRequestTimeoutMs } from "./request-timeout.js"
import { parseRetryAfter } from "./retry-policy.js"

const parseJson = (text: string): unknown => {
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return String(cause)
  const inner = cause.cause
  const code =
    typeof inner === "object" && inner !== null && "code" in inner && typeof inner.code === "string"
      ? ` (${inner.code})`
      : ""
  return `${cause.name}: ${cause.message}${code}`
}

const buildUrl = (baseUrl: string, spec: HttpRequestSpec): string => {
  let url = baseUrl + spec.path
  if (spec.query !== undefined) {
    const params = new URLSearchParams()
    for (const key in spec.query) {
      const value = spec.query[key]
      if (value !== undefined) params.append(key, value)
    }
    const search = params.toString()
    if (search !== "") url += `?${search}`
  }
  return url
}

const timeoutError = (operation: string, timeoutMs: number) =>
  new MiaTransportError({
    reason: "timeout",
    operation,
    message: `${operation}: no response within ${timeoutMs} ms. Raise timeoutMs if the bank is slow; reconcile before repeating a payment operation.`
  })

const networkError = (operation: string, error: unknown) =>
  new MiaTransportError({
    reason: "network",
    operation,
    message: `${operation}: the request failed before a response arrived (${describeCause(error)}). It is safe to retry a read; reconcile before repeating a payment operation.`,
    cause: error
  })

const headerReader =
  (headers: Headers) =>
  (name: string): string | undefined =>
    headers.get(name) ?? undefined

const readReply = (response: Response): Promise<HttpReply> =>
  response.text().then(
    (text): HttpReply => ({
      status: response.status,
      header: headerReader(response.headers),
      text,
      json: parseJson(text),
      // Only error answers carry Retry-After; skipping the lookup keeps successes cheap.
      retryAfterMs:
        response.status < 400
          ? undefined
          : parseRetryAfter(response.headers.get("retry-after") ?? undefined, Date.now())
    })
  )

/**
 * Starts one request and calls `done` exactly once: with the reply, or with a
 * `MiaTransportError` (network failure, or no answer within `timeoutMs`). Returns `cancel`,
 * which aborts the `fetch` and guarantees `done` is never called; it does nothing once `done`
 * ran. Plain callbacks, no Effect: both the Effect executor and the Promise client's direct
 * path are built on it.
 *
 * @example
 * const cancel = start({ operation: "getQr", method: "GET", path: "/v2/mia/qr/1" }, 30_000, (outcome) => {
 *   if (outcome instanceof MiaTransportError) console.error(outcome.message)
 * })
 */
export type StartRequest = (
  spec: HttpRequestSpec,
  timeoutMs: number,
  done: (outcome: HttpReply | MiaTransportError) => void
) => () => void

/**
 * The lean transport over `fetch`, in two shapes sharing one implementation.
 *
 * @example
 * const { execute, start } = makeFetchTransport({ baseUrl: "https://sandbox.maibmerchants.md", timeoutMs: 30_000 })
 */
export interface FetchTransport {
  /** The `HttpExecutor` (see {@link makeFetchExecutor}). */
  readonly execute: HttpExecutor
  /** The callback form, for callers that run outside a fiber. */
  readonly start: StartRequest
}

/**
 * Builds the lean `fetch` transport once per client: base URL, default headers, JSON body with
 * `Content-Type` only when there is one, a per-attempt timeout as a plain timer on the request's
 * `AbortController`, and `MiaTransportError` for failures. `fetch` is looked up at call time
 * when not given, so test interceptors installed later are honoured.
 *
 * @example
 * const transport = makeFetchTransport({ baseUrl: "https://sandbox.maibmerchants.md", timeoutMs: 30_000 })
 * const cancel = transport.start(spec, 5_000, (outcome) => console.log(outcome))
 */
export const makeFetchTransport = (
  config: HttpExecutorConfig & { readonly fetch?: typeof globalThis.fetch | undefined }
): FetchTransport => {
  const baseUrl = config.baseUrl.replace(/\/+$/, "")
  const defaultHeaders = config.headers ?? {}
  const fetchImpl = config.fetch

  const start: StartRequest = (spec, timeoutMs, done) => {
    const { operation } = spec
    const controller = new AbortController()
    let settled = false
    const timer = setTimeout(() => {
      if (settled) return
      settled = true
      controller.abort()
      done(timeoutError(operation, timeoutMs))
    }, timeoutMs)
    const headers: Record<string, string> =
      spec.headers === undefined ? { ...defaultHeaders } : { ...defaultHeaders, ...spec.headers }
    let body: string | undefined
    if (spec.body !== undefined) {
      // Only a request with a body says it is JSON: maib's firewall answers 403 otherwise (spec §1.1).
      headers["content-type"] = "application/json"
      body = JSON.stringify(spec.body)
    }
    const init: RequestInit = { method: spec.method, headers, signal: controller.signal }
    if (body !== undefined) init.body = body
    let pending: Promise<Response>
    try {
      pending = (fetchImpl ?? globalThis.fetch)(buildUrl(baseUrl, spec), init)
    } catch (error) {
      pending = Promise.reject(error)
    }
    pending.then(readReply).then(
      (reply) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        done(reply)
      },
      (error: unknown) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        done(networkError(operation, error))
      }
    )
    return () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      controller.abort()
    }
  }

  const execute: HttpExecutor = (spec) =>
    Effect.withFiberRuntime<HttpReply, MiaTransportError>((fiber) => {
      const override = fiber.getFiberRef(currentRequestTimeoutMs)
      return Effect.async<HttpReply, MiaTransportError>((resume) => {
        // Interruption (an AbortSignal in the Promise facade, Effect.timeout, a closed scope) ends
        // the fiber: a fiber observer cancels the request then. It is far cheaper per call than
        // an async canceler, which wraps every request in onInterrupt.
        const cancel = start(spec, Option.isSome(override) ? override.value : config.timeoutMs, (outcome) => {
          fiber.removeObserver(cancel)
          resume(outcome instanceof MiaTransportError ? Effect.fail(outcome) : Effect.succeed(outcome))
        })
        fiber.addObserver(cancel)
      })
    })

  return { execute, start }
}

/**
 * The lean executor: one `fetch` per attempt, wrapped in a single `Effect.async`, with the
 * timeout as a plain timer on the same `AbortController` (no extra fibers). Interruption (an
 * `AbortSignal` in the Promise facade, `Effect.timeout`, a closed scope) aborts the `fetch`.
 * Same contract as `makeHttpExecutor`, several times cheaper per call than going through
 * `@effect/platform`'s `HttpClient` (see bench/run.ts). `fetch` is looked up at call time when not
 * given, so test interceptors installed later are honoured.
 *
 * @example
 * const execute = makeFetchExecutor({ baseUrl: "https://sandbox.maibmerchants.md", timeoutMs: 30_000 })
 * const reply = yield* execute({ operation: "getQr", method: "GET", path: "/v2/mia/qr/1" })
 */
export const makeFetchExecutor = (
  config: HttpExecutorConfig & { readonly fetch?: typeof globalThis.fetch | undefined }
): HttpExecutor => makeFetchTransport(config).execute
