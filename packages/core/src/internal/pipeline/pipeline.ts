import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type * as Schedule from "effect/Schedule"
import * as Tracer from "effect/Tracer"
import type { MiaError } from "../../errors/index.js"
import type { Auth } from "../auth/auth.js"
import type { HttpReply, HttpRequestSpec, Transport } from "../http/http-types.js"
import { isIssue, validationError } from "../validation.js"
import type { Envelope } from "./envelope.js"
import { emit, type MiaLogger, redact } from "../observe/log-events.js"
import { fillPath, type OperationDescriptor } from "./operation.js"
import { currentRequestTimeoutMs } from "./request-timeout.js"
import { type RetryableError, type RetryPolicy, retrySchedule, withRetry } from "./retry-policy.js"

/** Everything that differs between the bank APIs; the stages themselves are the same for all. */
export interface PipelineConfig<E> {
  /** Span names are `<spanPrefix>.<operation>`, e.g. `MiaQrClient.getQr`. */
  readonly spanPrefix: string
  readonly transport: Transport
  /** Per HTTP attempt, unless `currentRequestTimeoutMs` overrides it. */
  readonly timeoutMs: number
  readonly retry: RetryPolicy
  readonly envelope: Envelope<E>
  /** Credential kinds by the name descriptors use in `auth`. */
  readonly auth: Readonly<Record<string, Auth<E>>>
  /** Headers made fresh for every attempt (the MiaPos correlation id). */
  readonly attemptHeaders?: (() => Readonly<Record<string, string>>) | undefined
  /** A route table: the method and path a caller configured instead of the descriptor's. */
  readonly route?:
    | ((name: string) => { readonly method: HttpRequestSpec["method"]; readonly path: string } | undefined)
    | undefined
  readonly logger?: MiaLogger | undefined
  /** Where the operation spans go; default: the tracer of the running Effect context. */
  readonly tracer?: Tracer.Tracer | undefined
}

/** Runs any operation descriptor through the stages, in order. */
export interface Pipeline<E> {
  readonly run: <Args extends ReadonlyArray<unknown>, A>(
    operation: OperationDescriptor<Args, A>,
    args: Args
  ) => Effect.Effect<A, E | MiaError>
}

const pathWithQuery = (spec: HttpRequestSpec): string => {
  if (spec.query === undefined) return spec.path
  const params = new URLSearchParams()
  for (const key in spec.query) {
    const value = spec.query[key]
    if (value !== undefined) params.append(key, value)
  }
  const search = params.toString()
  return search === "" ? spec.path : `${spec.path}?${search}`
}

const describe = (error: unknown) =>
  typeof error === "object" && error !== null
    ? {
        tag: String((error as { _tag?: unknown })._tag ?? "Error"),
        message: String((error as { message?: unknown }).message ?? "")
      }
    : { tag: "Error", message: String(error) }

/**
 * The one request pipeline: validate -> base URL and headers -> auth -> send with timeout and
 * abort -> envelope -> decode, retried (idempotent operations only) with the client's schedule,
 * a 401 answered by renewing the credentials once, all inside one span per operation.
 */
export const makePipeline = <E extends RetryableError>(config: PipelineConfig<E>): Pipeline<E | MiaError> => {
  const schedule: Schedule.Schedule<unknown, RetryableError> = retrySchedule(config.retry)
  const { transport, envelope, logger, attemptHeaders, tracer } = config

  const send = (
    spec: HttpRequestSpec,
    sensitive: boolean,
    attempt: { count: number }
  ): Effect.Effect<HttpReply, E | MiaError> =>
    Effect.withFiber((fiber) => {
      const override = fiber.getRef(currentRequestTimeoutMs)
      const timeoutMs = Option.isSome(override) ? override.value : config.timeoutMs
      if (logger === undefined) return transport(spec, timeoutMs)
      attempt.count += 1
      const started = Date.now()
      const base = {
        operation: spec.operation,
        method: spec.method,
        path: pathWithQuery(spec),
        attempt: attempt.count
      }
      emit(logger, { type: "request", ...base, body: sensitive ? "[redacted]" : redact(spec.body) })
      return Effect.tap(
        Effect.tapError(transport(spec, timeoutMs), (error) =>
          Effect.sync(() =>
            emit(logger, { type: "error", ...base, durationMs: Date.now() - started, error: describe(error) })
          )
        ),
        (reply) =>
          Effect.sync(() =>
            emit(logger, {
              type: "response",
              ...base,
              status: reply.status,
              durationMs: Date.now() - started,
              body: sensitive ? "[redacted]" : redact(reply.json)
            })
          )
      )
    })

  const run: Pipeline<E | MiaError>["run"] = (operation, args) =>
    Effect.suspend(() => {
      const name = operation.name
      const prepared = operation.prepare(args, { nowMs: Date.now() })
      if (isIssue(prepared)) {
        return Effect.fail(validationError(name, prepared))
      }
      const routed = config.route?.(name)
      const sensitive = operation.sensitive === true
      const base: HttpRequestSpec = {
        operation: name,
        method: routed?.method ?? operation.method,
        path: fillPath(routed?.path ?? operation.path, prepared.params),
        query: prepared.query,
        body: prepared.body
      }
      const attempt = { count: 0 }
      const interpret = (reply: HttpReply): Effect.Effect<unknown, E | MiaError> => {
        const result = envelope(name, reply, sensitive)
        return Result.isFailure(result)
          ? Effect.fail(result.failure)
          : Effect.fromResult(operation.decode(name, result.success, reply.status))
      }
      const withHeaders = (headers: Readonly<Record<string, string>> | undefined): HttpRequestSpec => {
        const fresh = attemptHeaders?.()
        if (fresh === undefined && prepared.headers === undefined) {
          // The common case: only the auth headers, an object the auth keeps per token.
          return headers === undefined ? base : { ...base, headers }
        }
        return { ...base, headers: { ...fresh, ...prepared.headers, ...headers } }
      }
      const auth = operation.auth === "none" ? undefined : config.auth[operation.auth]
      let once: Effect.Effect<unknown, E | MiaError>
      if (auth === undefined) {
        once = Effect.flatMap(send(withHeaders(undefined), sensitive, attempt), interpret)
      } else {
        const authorised = Effect.flatMap(auth.headers, (headers) =>
          Effect.catchIf(
            Effect.flatMap(send(withHeaders(headers), sensitive, attempt), interpret),
            (error): error is E => auth.isRefusal(error as E),
            () =>
              // One renewal, then one more attempt; a second refusal is final.
              Effect.flatMap(auth.renew(headers), () =>
                Effect.mapError(
                  Effect.flatMap(auth.headers, (renewed) =>
                    Effect.flatMap(send(withHeaders(renewed), sensitive, attempt), interpret)
                  ),
                  (next) => (auth.isRefusal(next as E) ? auth.finalRefusal(next as E) : next)
                )
              ) as Effect.Effect<never, E | MiaError>
          )
        )
        once = authorised
      }
      const retried = operation.idempotent
        ? withRetry(once as Effect.Effect<unknown, E>, config.retry, schedule)
        : once
      const spanned = Effect.withSpan(retried, `${config.spanPrefix}.${operation.spanName ?? name}`, {
        kind: "client",
        attributes: operation.attributes?.(args),
        // A stack trace per call costs more than the rest of the span; the name says where it is.
        captureStackTrace: false
      })
      if (tracer !== undefined) return Effect.withTracer(spanned, tracer)
      // Without a tracing backend nobody sees the span, and making it costs about as much as the
      // rest of the pipeline's own work: skip it then.
      return Effect.withFiber((fiber) =>
        fiber.getRef(Tracer.Tracer) === Tracer.nativeTracer ? retried : spanned
      )
    }) as never

  return { run }
}

/**
 * A service method that runs `operation` with its arguments. `arity` is the number of declared
 * parameters: the Promise client puts its per-call options right after them.
 */
export const operationMethod = <E, Args extends ReadonlyArray<unknown>, A>(
  pipeline: Pipeline<E>,
  operation: OperationDescriptor<Args, A>,
  arity: Args["length"]
): ((...args: Args) => Effect.Effect<A, E | MiaError>) => {
  const method = (...args: Args) => pipeline.run(operation, args)
  Object.defineProperty(method, "length", { value: arity })
  return method
}
