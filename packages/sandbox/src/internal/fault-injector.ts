import type { CallbackFaults, FaultControls, FaultHandle, FaultRule } from "../faults.js"
import { jsonResponse } from "./envelope.js"
import type { SeededRandom } from "./prng.js"

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const compilePath = (path: FaultRule["path"]): ((requestPath: string) => boolean) => {
  if (path === undefined) return () => true
  if (path instanceof RegExp) {
    // A fresh copy, so a /g or /y expression's lastIndex can't make matches depend on history.
    const expression = new RegExp(path.source, path.flags.replace(/[gy]/g, ""))
    return (requestPath) => expression.test(requestPath)
  }
  const rest = path.endsWith("*")
  const body = (rest ? path.slice(0, -1) : path).replace(/\/+$/, "")
  const pattern = body
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? "[^/]+" : escapeRegExp(part)))
    .join("")
  const expression = new RegExp(`^${pattern}${rest ? "(/.*)?" : ""}/?$`, "i")
  return (requestPath) => expression.test(requestPath)
}

const checkRule = (rule: FaultRule): void => {
  const { fault } = rule
  const problems: Array<string> = []
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
    problems.push("rate must be between 0 and 1")
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
    problems.push("times must be a whole number >= 0")
  }
  if (fault.type === "latency" && !(fault.ms >= 0)) problems.push("latency ms must be >= 0")
  if (
    fault.type === "status" &&
    !(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)
  ) {
    problems.push("status must be an HTTP error status (400-599)")
  }
  if (problems.length > 0) throw new RangeError(`Invalid fault rule: ${problems.join("; ")}.`)
}

interface ActiveRule {
  readonly rule: FaultRule
  readonly matchesPath: (path: string) => boolean
  readonly handle: FaultHandle
  hits: number
}

/** What the injector decided for one request. */
export interface FaultDecision {
  readonly latencyMs: number
  /** A response that replaces the bank's answer (an error status or a dropped connection). */
  readonly response?: Response
}

const faultBody = (status: number, retryAfter: number | undefined) => {
  const message =
    status === 429
      ? `Too many requests: retry after ${retryAfter ?? 1} s.`
      : `The service answered ${status}. Please try again or report if error persists.`
  return {
    errors: [{ errorCode: "10000", errorMessage: `${message} (injected by the sandbox)`, errorArgs: null }],
    ok: false
  }
}

/** The rule list behind `sandbox.faults`, and the per-request decision. */
export const createFaultInjector = (
  random: SeededRandom,
  initial: ReadonlyArray<FaultRule>,
  initialCallbackFaults: CallbackFaults
) => {
  const rules: Array<ActiveRule> = []
  let callbacks: CallbackFaults = {}
  let lastId = 0

  const controls: FaultControls = {
    add: (rule) => {
      checkRule(rule)
      lastId += 1
      const active: ActiveRule = {
        rule,
        matchesPath: compilePath(rule.path),
        hits: 0,
        handle: {
          id: lastId,
          rule,
          get hits() {
            return active.hits
          },
          remove: () => {
            const index = rules.indexOf(active)
            if (index >= 0) rules.splice(index, 1)
          }
        }
      }
      rules.push(active)
      return active.handle
    },
    list: () => rules.map((active) => active.handle),
    clear: () => {
      rules.length = 0
      callbacks = {}
    },
    setCallbackFaults: (faults) => {
      for (const [name, rate] of [
        ["duplicateRate", faults.duplicateRate],
        ["reorderRate", faults.reorderRate]
      ] as const) {
        if (rate !== undefined && !(rate >= 0 && rate <= 1))
          throw new RangeError(`${name} must be between 0 and 1.`)
      }
      callbacks = { ...faults }
    },
    get callbackFaults() {
      return callbacks
    }
  }
  for (const rule of initial) controls.add(rule)
  controls.setCallbackFaults(initialCallbackFaults)

  const fires = (active: ActiveRule): boolean => {
    if (active.rule.times !== undefined && active.hits >= active.rule.times) return false
    // Only rules with a rate below 1 draw a number, so adding a certain rule does not shift the
    // sequence that rate-based rules see.
    const rate = active.rule.rate ?? 1
    if (rate < 1 && random.next() >= rate) return false
    active.hits += 1
    return true
  }

  const decide = (method: string, path: string): FaultDecision => {
    let latencyMs = 0
    for (const active of [...rules]) {
      const { rule } = active
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue
      if (!active.matchesPath(path) || !fires(active)) continue
      const { fault } = rule
      if (fault.type === "latency") latencyMs += fault.ms
      else if (fault.type === "drop") return { latencyMs, response: Response.error() }
      else {
        const retryAfter = fault.status === 429 ? (fault.retryAfter ?? 1) : fault.retryAfter
        const headers: Record<string, string> =
          retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }
        return {
          latencyMs,
          response: jsonResponse(fault.status, faultBody(fault.status, retryAfter), headers)
        }
      }
    }
    return { latencyMs }
  }

  /** Draws the callback faults for one new callback: duplicate it, hold it back, or both. */
  const callbackPlan = (): {
    readonly duplicate: boolean
    readonly reorder: boolean
    readonly maxHoldMs: number
  } => {
    const roll = (rate: number | undefined): boolean =>
      rate !== undefined && rate > 0 && (rate >= 1 || random.next() < rate)
    return {
      duplicate: roll(callbacks.duplicateRate),
      reorder: roll(callbacks.reorderRate),
      maxHoldMs: callbacks.maxHoldMs ?? 50
    }
  }

  return { controls, decide, callbackPlan }
}

export type FaultInjector = ReturnType<typeof createFaultInjector>
