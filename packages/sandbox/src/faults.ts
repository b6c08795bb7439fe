/**
 * Fault injection: make the sandbox fail like a real bank does, deterministically. Rate-based
 * decisions draw from a generator seeded with the sandbox's `seed`.
 */

/**
 * What happens to a request a rule picks.
 *
 * @example
 * const slow: SandboxFault = { type: "latency", ms: 200 }
 * const busy: SandboxFault = { type: "status", status: 429, retryAfter: 2 }
 * const gone: SandboxFault = { type: "drop" }
 */
export type SandboxFault =
  /** Answer (or fail) this much later; adds up with other matching latency rules. */
  | { readonly type: "latency"; readonly ms: number }
  /** Answer with this HTTP status (e.g. 500, 503, 429) without touching the bank's state. */
  | { readonly type: "status"; readonly status: number; readonly retryAfter?: number }
  /** Drop the connection: a network error for the client, no response at all. */
  | { readonly type: "drop" }

/**
 * When a fault applies. Without `method` and `path` it applies to every request.
 *
 * @example
 * // 10 % of GETs answer 503
 * const flaky: FaultRule = { method: "GET", rate: 0.1, fault: { type: "status", status: 503 } }
 * // the next 2 QR creations get 429 with Retry-After: 1
 * const limited: FaultRule = { method: "POST", path: "/v2/mia/qr", times: 2, fault: { type: "status", status: 429, retryAfter: 1 } }
 */
export interface FaultRule {
  readonly fault: SandboxFault
  readonly method?: string
  /**
   * A path template (`/v2/mia/qr/{qrId}`; `{name}` is one segment, a final `*` any rest) or a
   * regular expression tested against the path.
   */
  readonly path?: string | RegExp
  /** Probability (0..1) that a matching request is hit; default 1. */
  readonly rate?: number
  /** Stop after hitting this many requests; default unlimited. */
  readonly times?: number
}

/**
 * A rule in force, with how often it fired.
 *
 * @example
 * const rule = sandbox.faults.add({ times: 1, fault: { type: "drop" } })
 * await fetch(`${url}/v2/mia/qr`).catch(() => undefined)
 * rule.hits // 1
 */
export interface FaultHandle {
  /** 1 for the first rule added to this sandbox, then 2, ...: names the rule over HTTP. */
  readonly id: number
  readonly rule: FaultRule
  /** Requests this rule has hit so far. */
  readonly hits: number
  /** Takes the rule out. */
  remove(): void
}

/**
 * Misbehaviour of the bank's callback sender.
 *
 * @example
 * sandbox.faults.setCallbackFaults({ duplicateRate: 1 }) // every callback arrives twice
 */
export interface CallbackFaults {
  /** Probability (0..1) that a callback is sent twice at the same moment. */
  readonly duplicateRate?: number
  /** Probability (0..1) that a callback is held back and arrives after the next one. */
  readonly reorderRate?: number
  /** How long a held-back callback waits for a later one to overtake it, in ms; default 50. */
  readonly maxHoldMs?: number
}

/**
 * The sandbox's fault switchboard.
 *
 * @example
 * const outage = sandbox.faults.add({ fault: { type: "status", status: 503 } })
 * // ... the client backs off ...
 * outage.remove()
 */
export interface FaultControls {
  /** Puts a rule in force; rules are checked in the order they were added. */
  add(rule: FaultRule): FaultHandle
  /** The rules in force. */
  list(): ReadonlyArray<FaultHandle>
  /** Removes every rule and every callback fault. */
  clear(): void
  /** Replaces the callback faults. */
  setCallbackFaults(faults: CallbackFaults): void
  /** The callback faults in force. */
  readonly callbackFaults: CallbackFaults
}
