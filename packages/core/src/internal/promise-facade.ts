import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
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

const aborted = (operation: string, signal: AbortSignal) =>
  new MiaTransportError({
    reason: "aborted",
    operation,
    message: `${operation}: aborted by the caller${signal.reason instanceof Error ? ` (${signal.reason.message})` : ""}. For a payment operation the bank may still have received it: reconcile before repeating.`
  })

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
export const makePromiseFacade = <R, ER>(
  runtime: ManagedRuntime.ManagedRuntime<R, ER>
): {
  readonly run: PromiseRunner<R>
  readonly close: () => Promise<void>
  readonly isClosed: () => boolean
} => {
  let closed = false
  const run: PromiseRunner<R> = async (operation, effect, options) => {
    if (closed) {
      throw new MiaValidationError({
        operation,
        field: "client",
        rule: "closed",
        message: `${operation}: this client was closed; create a new one.`
      })
    }
    const signal = options?.signal
    if (signal?.aborted) throw aborted(operation, signal)
    const timeoutMs = options?.timeoutMs
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new MiaValidationError({
        operation,
        field: "timeoutMs",
        rule: "positive",
        message: `${operation}: timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}.`
      })
    }
    const program =
      timeoutMs === undefined
        ? effect
        : Effect.locally(effect, currentRequestTimeoutMs, Option.some(timeoutMs))
    const exit = await runtime.runPromiseExit(program, signal ? { signal } : undefined)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) throw failure.value
    if (signal?.aborted && Cause.isInterruptedOnly(exit.cause)) throw aborted(operation, signal)
    throw Cause.squash(exit.cause)
  }
  const close = async () => {
    if (closed) return
    closed = true
    await runtime.dispose()
  }
  return { run, close, isClosed: () => closed }
}
