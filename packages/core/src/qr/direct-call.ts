import * as Either from "effect/Either"
import type * as Effect from "effect/Effect"
import type * as Runtime from "effect/Runtime"
import type { MiaError } from "../errors/index.js"
import { MiaTransportError } from "../errors/mia-transport-error.js"
import type { StartRequest } from "../internal/fetch-executor.js"
import type { HttpReply, HttpRequestSpec } from "../internal/http-executor.js"
import {
  abortedError,
  type PromiseFacade,
  type RequestOptions,
  resumeOn
} from "../internal/promise-facade.js"
import { type Issue, isIssue, validationError } from "../internal/validation.js"
import type { QrCallPlan, QrCallPlans } from "./call-plans.js"
import type { MiaAccessToken, MiaQrClientService } from "./service.js"

/**
 * The Promise client's way around the Effect runtime for the common case. Starting a fiber per
 * call costs about as much CPU as the rest of the SDK together, so when the token is cached and
 * fresh, the first attempt runs on plain callbacks: same plan, same transport, same envelope and
 * result decoding, same errors. Anything else (no fresh token yet, a failed first attempt that
 * may need a new token or a retry) continues on the Effect pipeline, exactly where the first
 * attempt left it.
 *
 * @example
 * const qr = await direct.send(facade, "getQr", (plans) => plans.getQr(qrId), () => service.getQr(qrId), options)
 */
export interface QrDirectCalls {
  readonly send: <A, R>(
    facade: PromiseFacade<R>,
    operation: string,
    plan: (plans: QrCallPlans, nowMs: number) => QrCallPlan<A> | Issue,
    viaEffect: () => Effect.Effect<A, MiaError, R>,
    options: RequestOptions | undefined
  ) => Promise<A>
}

/**
 * What the direct path borrows from one client's Effect pipeline.
 *
 * @example
 * const direct = makeDirectCalls({ plans, start, timeoutMs, peekToken: tokens.peek, authorized, interpret, continueAfter })
 */
export interface QrDirectCallParts {
  readonly plans: QrCallPlans
  /** Where the rest of a call runs after its first attempt: the client's own runtime. */
  readonly runtime: Runtime.Runtime<never>
  readonly start: StartRequest
  /** The client's per-attempt timeout, unless the call gives its own. */
  readonly timeoutMs: number
  /** The cached token when it is fresh at `nowMs`, read without waiting. */
  readonly peekToken: (nowMs: number) => MiaAccessToken | undefined
  readonly authorized: (spec: HttpRequestSpec, token: MiaAccessToken) => HttpRequestSpec
  readonly interpret: <A>(plan: QrCallPlan<A>, reply: HttpReply) => Either.Either<A, MiaError>
  /** The rest of the Effect pipeline after the first attempt with `token` failed with `error`. */
  readonly continueAfter: <A>(
    plan: QrCallPlan<A>,
    token: MiaAccessToken,
    error: MiaError
  ) => Effect.Effect<A, MiaError>
}

/**
 * Builds the direct path of one client.
 *
 * @example
 * registerDirectCalls(service, makeDirectCalls(parts))
 */
export const makeDirectCalls = (parts: QrDirectCallParts): QrDirectCalls => {
  const { plans, start, peekToken, authorized, interpret, continueAfter } = parts

  const attempt = <A>(
    operation: string,
    plan: QrCallPlan<A>,
    token: MiaAccessToken,
    options: RequestOptions | undefined
  ): Promise<A> =>
    new Promise<A>((resolve, reject) => {
      const signal = options?.signal
      let onAbort: (() => void) | undefined
      const cancel = start(authorized(plan.spec, token), options?.timeoutMs ?? parts.timeoutMs, (outcome) => {
        if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort)
        const result = outcome instanceof MiaTransportError ? Either.left(outcome) : interpret(plan, outcome)
        if (Either.isRight(result)) resolve(result.right)
        else resolve(resumeOn(parts.runtime, operation, continueAfter(plan, token, result.left), options))
      })
      if (signal !== undefined) {
        onAbort = () => {
          cancel()
          reject(abortedError(operation, signal))
        }
        signal.addEventListener("abort", onAbort, { once: true })
      }
    })

  const send = <A, R>(
    facade: PromiseFacade<R>,
    operation: string,
    plan: (plans: QrCallPlans, nowMs: number) => QrCallPlan<A> | Issue,
    viaEffect: () => Effect.Effect<A, MiaError, R>,
    options: RequestOptions | undefined
  ): Promise<A> => {
    const refused = facade.refusal(operation, options)
    if (refused !== undefined) return Promise.reject(refused)
    const nowMs = Date.now()
    let planned: QrCallPlan<A> | Issue
    try {
      planned = plan(plans, nowMs)
    } catch (error) {
      return Promise.reject(error)
    }
    if (isIssue(planned)) return Promise.reject(validationError(operation, planned))
    const token = peekToken(nowMs)
    return token === undefined
      ? facade.run(operation, viaEffect(), options)
      : attempt(operation, planned, token, options)
  }

  return { send }
}

const registry = new WeakMap<MiaQrClientService, QrDirectCalls>()

/**
 * Attaches the direct path to the service built with it (only the `fetch` transport has one).
 *
 * @example
 * registerDirectCalls(service, makeDirectCalls(parts))
 */
export const registerDirectCalls = (service: MiaQrClientService, direct: QrDirectCalls): void => {
  registry.set(service, direct)
}

/**
 * The direct path of a service, if it has one.
 *
 * @example
 * const direct = directCallsOf(service)
 */
export const directCallsOf = (service: MiaQrClientService): QrDirectCalls | undefined => registry.get(service)
