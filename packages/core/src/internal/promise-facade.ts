import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import { MiaTransportError } from "../errors/mia-transport-error.js"
import { MiaValidationError } from "../errors/mia-validation-error.js"
import { currentRequestTimeoutMs } from "./request-timeout.js"

/**
 * The trailing, optional argument of every Promise method.
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

/**
 * Runs an effect of the client on its runtime and settles a Promise.
 *
 * @example
 * const qr = await run("getQr", service.getQr(qrId), options)
 */
export type PromiseRunner<R> = <A, E>(
  operation: string,
  effect: Effect.Effect<A, E, R>,
  options?: RequestOptions
) => Promise<A>

/**
 * The rejection of a call cancelled through its `signal`.
 *
 * @example
 * signal.addEventListener("abort", () => reject(abortedError("getQr", signal)))
 */
export const abortedError = (operation: string, signal: AbortSignal): MiaTransportError =>
  new MiaTransportError({
    reason: "aborted",
    operation,
    message: `${operation}: aborted by the caller${signal.reason instanceof Error ? ` (${signal.reason.message})` : ""}. For a payment operation the bank may still have received it: reconcile before repeating.`
  })

const runProgram = <A, E, R>(
  operation: string,
  effect: Effect.Effect<A, E, R>,
  options: RequestOptions | undefined,
  runPromiseExit: (
    effect: Effect.Effect<A, E, R>,
    options?: { readonly signal?: AbortSignal | undefined }
  ) => Promise<Exit.Exit<A, unknown>>
): Promise<A> => {
  const signal = options?.signal
  const timeoutMs = options?.timeoutMs
  const program =
    timeoutMs === undefined ? effect : Effect.locally(effect, currentRequestTimeoutMs, Option.some(timeoutMs))
  return runPromiseExit(program, signal ? { signal } : undefined).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) throw failure.value
    if (signal?.aborted && Cause.isInterruptedOnly(exit.cause)) throw abortedError(operation, signal)
    throw Cause.squash(exit.cause)
  })
}

/**
 * Runs the rest of a call that already started outside Effect (so it is not refused after the
 * client was closed) on `runtime`, with the same `{ signal, timeoutMs }` handling and rejections
 * as the facade's `run`.
 *
 * @example
 * return resumeOn(runtime, "getQr", continueAfter(plan, token, error), options)
 */
export const resumeOn = <A, E>(
  runtime: Runtime.Runtime<never>,
  operation: string,
  effect: Effect.Effect<A, E>,
  options: RequestOptions | undefined
): Promise<A> => runProgram(operation, effect, options, Runtime.runPromiseExit(runtime))

/**
 * The Effect -> Promise bridge of one client, see {@link makePromiseFacade}.
 *
 * @example
 * const refused = facade.refusal("getQr", options)
 * if (refused !== undefined) return Promise.reject(refused)
 */
export interface PromiseFacade<R> {
  /** Runs a call: refused when the client is closed, the signal aborted or `timeoutMs` invalid. */
  readonly run: PromiseRunner<R>
  /** Why a call must be refused before anything is sent, or `undefined`. */
  readonly refusal: (
    operation: string,
    options: RequestOptions | undefined
  ) => MiaValidationError | MiaTransportError | undefined
  readonly close: () => Promise<void>
  readonly isClosed: () => boolean
}

/**
 * The Effect -> Promise bridge shared by every Promise client. One `ManagedRuntime` per client
 * (built once, on first use); per call it applies `{ timeoutMs }`, wires `signal` to fiber
 * interruption (which aborts the `fetch`), and rejects with the typed error itself (a real
 * `Error` subclass, so `instanceof MiaApiError` works) instead of Effect's `FiberFailure`.
 * After `close()` every call rejects without touching the network.
 *
 * @example
 * const facade = makePromiseFacade(ManagedRuntime.make(MiaQrClient.layer(options)))
 * const qr = await facade.run("getQr", Effect.flatMap(MiaQrClient, (c) => c.getQr(id)), { timeoutMs: 5_000 })
 * await facade.close()
 */
export const makePromiseFacade = <R, ER>(runtime: ManagedRuntime.ManagedRuntime<R, ER>): PromiseFacade<R> => {
  let closed = false

  const refusal: PromiseFacade<R>["refusal"] = (operation, options) => {
    if (closed) {
      return new MiaValidationError({
        operation,
        field: "client",
        rule: "closed",
        message: `${operation}: this client was closed; create a new one.`
      })
    }
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

  const run: PromiseRunner<R> = (operation, effect, options) => {
    const refused = refusal(operation, options)
    return refused === undefined
      ? runProgram(operation, effect, options, (program, runOptions) =>
          runtime.runPromiseExit(program, runOptions)
        )
      : Promise.reject(refused)
  }
  const close = async () => {
    if (closed) return
    closed = true
    await runtime.dispose()
  }
  return { run, refusal, close, isClosed: () => closed }
}
