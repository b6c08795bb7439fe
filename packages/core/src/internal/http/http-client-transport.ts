import * as Effect from "effect/Effect"
import type * as HttpClientModule from "effect/http/HttpClient"
import { MiaTransportError } from "../../errors/mia-transport-error.js"
import { parseRetryAfter } from "../pipeline/retry-policy.js"
import {
  buildUrl,
  describeCause,
  type HttpReply,
  parseJson,
  type Transport,
  type TransportConfig,
  timeoutError
} from "./http-types.js"

// Loaded on demand: most users never go through HttpClient, and importing it costs start-up time.
const loadHttp = () =>
  Promise.all([import("effect/http/HttpClient"), import("effect/http/HttpClientRequest")])

// Only the underlying failure is kept: the platform error carries the request, whose body may
// hold the client secret.
const innerCause = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "cause" in error ? error.cause : error

/**
 * A transport over the `HttpClient` in the context (after `transformClient`): for middleware,
 * proxies and HTTP client spans. Trace headers are not sent: they would leak span ids to the bank.
 */
export const makeHttpClientTransport = (
  config: TransportConfig & {
    readonly transformClient?:
      | ((client: HttpClientModule.HttpClient) => HttpClientModule.HttpClient)
      | undefined
  }
): Effect.Effect<Transport, never, HttpClientModule.HttpClient> =>
  Effect.gen(function* () {
    const [HttpClient, HttpClientRequest] = yield* Effect.promise(loadHttp)
    const base = yield* HttpClient.HttpClient
    const http = config.transformClient?.(base) ?? base
    const baseUrl = config.baseUrl.replace(/\/+$/, "")
    const transport: Transport = (spec, timeoutMs) => {
      const headers: Record<string, string> = { ...config.headers, ...spec.headers }
      let request = HttpClientRequest.make(spec.method)(buildUrl(baseUrl, spec))
      if (spec.body !== undefined) request = HttpClientRequest.bodyJsonUnsafe(request, spec.body)
      request = HttpClientRequest.setHeaders(request, headers)
      const exchange = Effect.flatMap(http.execute(request), (response) =>
        Effect.map(
          response.text,
          (text): HttpReply => ({
            status: response.status,
            header: (name) => response.headers[name.toLowerCase()],
            text,
            json: parseJson(text),
            retryAfterMs: parseRetryAfter(response.headers["retry-after"], Date.now())
          })
        )
      ).pipe(
        Effect.mapError((error) => {
          const cause = innerCause(error)
          return new MiaTransportError({
            reason: "network",
            operation: spec.operation,
            message: `${spec.operation}: the request failed before a response arrived (${describeCause(cause)}). It is safe to retry a read; reconcile before repeating a payment operation.`,
            cause
          })
        }),
        Effect.provideService(HttpClient.TracerPropagationEnabled, false)
      )
      return Effect.timeoutOrElse(exchange, {
        duration: timeoutMs,
        orElse: () => Effect.fail(timeoutError(spec.operation, timeoutMs))
      })
    }
    return transport
  }) as Effect.Effect<Transport, never, HttpClientModule.HttpClient>
