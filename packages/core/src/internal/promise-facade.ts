import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Scheduler from "effect/Scheduler"
import * as Stream from "effect/Stream"
import { MiaTransportError } from "../errors/mia-transport-error.js"
import { MiaValidationError } from "../errors/mia-validation-error.js"
import { currentRequestTimeoutMs } from "./pipeline/request-timeout.js"

/**
 * Per-call options of every Promise client method, always the last argument.
 *
 * @example
 * const controller = new AbortController()
 * await client.getQr(qrId, { signal: controller.signal, timeoutMs: 5_000 })
 */
export interface RequestOptions {
  /** Aborting rejects the call with `MiaTransportError` (`reason: "aborted"`) and cancels the HTTP request. */
  readonly signal?: AbortSignal | undefined
  /** Overrides the client's `timeoutMs` for this call (per HTTP attempt). */
  readonly timeoutMs?: number | undefined
}

type Method<P extends ReadonlyArray<unknown>, R> = (...args: [...P, options?: RequestOptions]) => R

/**
 * The Promise form of an Effect service: every method returning an `Effect` returns a `Promise`,
 * every method returning a `Stream` an async iterator, an `Effect` value becomes a method, nested
 * groups are converted the same way, and each method takes a trailing {@link RequestOptions}.
 */
export type Promisified<S> = {
  readonly [K in keyof S]: S[K] extends (...args: infer P) => Effect.Effect<infer A, infer _E, never>
    ? Method<P, Promise<A>>
    : S[K] extends (...args: infer P) => Stream.Stream<infer A, infer _E, never>
      ? Method<P, AsyncIterableIterator<A>>
      : S[K] extends Effect.Effect<infer A, infer _E, never>
        ? (options?: RequestOptions) => Promise<A>
        : S[K] extends (...args: ReadonlyArray<never>) => unknown
          ? S[K]
          : S[K] extends object
            ? Promisified<S[K]>
            : S[K]
}

export const abortedError = (operation: string, signal: AbortSignal): MiaTransportError =>
  new MiaTransportError({
    reason: "aborted",
    operation,
    message: `${operation}: aborted by the caller${signal.reason instanceof Error ? ` (${signal.reason.message})` : ""}. For a payment operation the bank may still have received it: reconcile before repeating.`
  })

const closedError = (operation: string) =>
  new MiaValidationError({
    operation,
    field: "client",
    rule: "closed",
    message: `${operation}: this client was closed; create a new one.`
  })

/** Why a call must be refused before anything is sent, or `undefined`. */
const refusal = (
  operation: string,
  options: RequestOptions | undefined
): MiaValidationError | MiaTransportError | undefined => {
  if (options === undefined) return undefined
  const signal = options.signal
  if (signal?.aborted) return abortedError(operation, signal)
  const timeoutMs = options.timeoutMs
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    return new MiaValidationError({
      operation,
      field: "timeoutMs",
      rule: "positive",
      message: `${operation}: timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`
    })
  }
  return undefined
}

const isRequestOptions = (value: unknown): value is RequestOptions | undefined =>
  value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value))

/** The client behind a Promise facade: its runtime, and whether `close()` was called. */
export interface PromiseRuntime<R> {
  readonly runtime: ManagedRuntime.ManagedRuntime<R, unknown>
  readonly isClosed: () => boolean
  /** Registers a call under way, so `close()` lets it finish. */
  readonly track?: ((call: Promise<unknown>) => void) | undefined
  /** Counts a call in (`+1`) or out (`-1`); cheaper than `track` for calls this module runs. */
  readonly count?: ((delta: 1 | -1) => void) | undefined
}

/** A Promise client's runtime with `close()`: new calls are refused, calls under way finish first. */
export interface ClientHost<R> extends PromiseRuntime<R> {
  readonly close: () => Promise<void>
}

/**
 * The runtime of one Promise client over its service layer. Its fibers resume on microtasks
 * instead of `setImmediate`: they only run the SDK's short request pipelines, and each
 * macrotask hop would add latency to every call.
 */
export const makeClientRuntime = <R, E>(layer: Layer.Layer<R, E>): ManagedRuntime.ManagedRuntime<R, E> =>
  ManagedRuntime.make(
    Layer.merge(layer, Layer.succeed(Scheduler.Scheduler, new Scheduler.MixedScheduler("sync")))
  )

/** Wraps the runtime of one Promise client (see {@link ClientHost}). */
export const makeClientHost = <R>(runtime: ManagedRuntime.ManagedRuntime<R, unknown>): ClientHost<R> => {
  let closed = false
  let underWay = 0
  let idle: (() => void) | undefined
  let closing: Promise<void> | undefined
  const count = (delta: 1 | -1) => {
    underWay += delta
    if (underWay === 0) idle?.()
  }
  return {
    runtime,
    isClosed: () => closed,
    count,
    track: (call) => {
      count(1)
      const done = () => count(-1)
      call.then(done, done)
    },
    close: () => {
      closed = true
      closing ??= (
        underWay === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              idle = resolve
            })
      ).then(() => runtime.dispose())
      return closing
    }
  }
}

const withTimeout = <A, E, R>(effect: Effect.Effect<A, E, R>, options: RequestOptions | undefined) =>
  options?.timeoutMs === undefined
    ? effect
    : Effect.provideService(effect, currentRequestTimeoutMs, Option.some(options.timeoutMs))

/** Runs one call: the typed error itself is the rejection (so `instanceof` works). */
export const runCall = <A, E, R>(
  host: PromiseRuntime<R>,
  operation: string,
  effect: Effect.Effect<A, E, R>,
  options: RequestOptions | undefined
): Promise<A> => {
  const refused = host.isClosed() ? closedError(operation) : refusal(operation, options)
  if (refused !== undefined) return Promise.reject(refused)
  const signal = options?.signal
  host.count?.(1)
  return host.runtime
    .runPromiseExit(withTimeout(effect, options), signal ? { signal } : undefined)
    .then((exit) => {
      host.count?.(-1)
      if (Exit.isSuccess(exit)) return exit.value
      const failure = Cause.findErrorOption(exit.cause)
      if (Option.isSome(failure)) throw failure.value
      if (signal?.aborted && Cause.hasInterruptsOnly(exit.cause)) throw abortedError(operation, signal)
      throw Cause.squash(exit.cause)
    })
}

const iterate = <A, E, R>(
  host: PromiseRuntime<R>,
  operation: string,
  stream: Stream.Stream<A, E, R>,
  options: RequestOptions | undefined
): AsyncIterableIterator<A> => {
  const signal = options?.signal
  let iterator: Promise<AsyncIterator<A>> | undefined
  const open = async (): Promise<AsyncIterator<A>> => {
    const refused = host.isClosed() ? closedError(operation) : refusal(operation, options)
    if (refused !== undefined) throw refused
    const timed =
      options?.timeoutMs === undefined
        ? stream
        : Stream.provideService(stream, currentRequestTimeoutMs, Option.some(options.timeoutMs))
    // Pages are fetched with the client's services (tracer, logger), like every other call.
    const context = await host.runtime.context()
    return Stream.toAsyncIterableWith(timed, context)[Symbol.asyncIterator]()
  }
  const self: AsyncIterableIterator<A> = {
    next: async () => {
      iterator ??= open()
      const current = await iterator
      if (signal?.aborted) {
        await current.return?.()
        throw abortedError(operation, signal)
      }
      return current.next()
    },
    return: async () => {
      if (iterator !== undefined) await (await iterator).return?.()
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]: () => self
  }
  return self
}

/**
 * Derives the Promise client from a built Effect service: one generic walk instead of a
 * hand-written method per operation. `trailing` is the position of {@link RequestOptions}: each
 * service method declares its parameters, so it is the method's `length`.
 */
export const promisify = <S extends object, R>(
  host: PromiseRuntime<R>,
  service: S,
  prefix = ""
): Promisified<S> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(service)) {
    const operation = prefix === "" ? key : `${prefix}.${key}`
    if (Effect.isEffect(value)) {
      out[key] = (options?: RequestOptions) =>
        runCall(host, operation, value as Effect.Effect<unknown, unknown, R>, options)
    } else if (typeof value === "function") {
      const fn = value as (...args: Array<unknown>) => unknown
      const arity = fn.length
      out[key] = (...args: Array<unknown>) => {
        const options =
          args.length > arity && isRequestOptions(args[arity]) ? (args[arity] as RequestOptions) : undefined
        let result: unknown
        try {
          result = fn(...args.slice(0, arity))
        } catch (error) {
          return Promise.reject(error)
        }
        if (Effect.isEffect(result))
          return runCall(host, operation, result as Effect.Effect<unknown, unknown, R>, options)
        if (Stream.isStream(result))
          return iterate(host, operation, result as Stream.Stream<unknown, unknown, R>, options)
        return result
      }
    } else if (
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.getPrototypeOf(value) === Object.prototype
    ) {
      out[key] = promisify(host, value, operation)
    } else {
      out[key] = value
    }
  }
  return out as Promisified<S>
}
