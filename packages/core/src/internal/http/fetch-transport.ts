import * as Effect from "effect/Effect"
import { parseRetryAfter } from "../pipeline/retry-policy.js"
import {
  buildUrl,
  type HttpReply,
  networkError,
  parseJson,
  type Transport,
  type TransportConfig,
  timeoutError
} from "./http-types.js"

const readReply = (response: Response): Promise<HttpReply> =>
  response.text().then(
    (text): HttpReply => ({
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
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
 * The default transport: `fetch` (the given one, else `globalThis.fetch` looked up at call time
 * so msw and test doubles work), one `AbortController` per attempt for both the timeout and
 * interruption (an `AbortSignal` in the Promise client, `Effect.timeout`, a closed scope).
 */
export const makeFetchTransport = (
  config: TransportConfig & { readonly fetch?: typeof globalThis.fetch | undefined }
): Transport => {
  const baseUrl = config.baseUrl.replace(/\/+$/, "")
  const defaultHeaders = config.headers
  const fetchImpl = config.fetch
  return (spec, timeoutMs) =>
    // `register` declares one parameter on purpose: Effect then creates no AbortSignal of its own;
    // the returned canceler aborts the request when the fiber is interrupted.
    Effect.callback<HttpReply, ReturnType<typeof networkError>>((resume) => {
      const controller = new AbortController()
      let settled = false
      const settle = () => {
        settled = true
        clearTimeout(timer)
      }
      const timer = setTimeout(() => {
        if (settled) return
        settle()
        controller.abort()
        resume(Effect.fail(timeoutError(spec.operation, timeoutMs)))
      }, timeoutMs)
      const headers: Record<string, string> =
        spec.headers === undefined ? { ...defaultHeaders } : { ...defaultHeaders, ...spec.headers }
      const init: RequestInit = { method: spec.method, headers, signal: controller.signal }
      if (spec.body !== undefined) {
        // Only a request with a body says it is JSON: maib's firewall answers 403 otherwise.
        headers["content-type"] = "application/json"
        init.body = JSON.stringify(spec.body)
      }
      let pending: Promise<Response>
      try {
        pending = (fetchImpl ?? globalThis.fetch)(buildUrl(baseUrl, spec), init)
      } catch (error) {
        pending = Promise.reject(error)
      }
      pending.then(readReply).then(
        (reply) => {
          if (settled) return
          settle()
          resume(Effect.succeed(reply))
        },
        (error: unknown) => {
          if (settled) return
          settle()
          resume(Effect.fail(networkError(spec.operation, error)))
        }
      )
      return Effect.sync(() => {
        if (settled) return
        settle()
        controller.abort()
      })
    })
}
