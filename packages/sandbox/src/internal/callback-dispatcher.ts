import { signMiaCallback } from "@mia-sdk/core"
import type { SandboxClock } from "../clock.js"
import type {
  CallbackDelivery,
  DeliveryAttempt,
  DeliveryFilter,
  DeliveryLog,
  DeliveryStatus
} from "../deliveries.js"
import type { PendingNotification } from "./mia/bank-context.js"
import { formatDateTime } from "./time.js"

/** How the bank's callback sender behaves. */
export interface DispatcherSettings {
  readonly signatureKey: string
  /** Pause before each re-send, in ms; the callback is given up after the last one. */
  readonly retryDelays: ReadonlyArray<number>
  /** How long one POST may take before it counts as failed, in ms. */
  readonly timeoutMs: number
  /** Where a callback registered for a URL is actually sent. */
  readonly forward: (callbackUrl: string) => string
  readonly clock: SandboxClock
  /** Draws the callback faults for each new callback. */
  readonly plan: () => { readonly duplicate: boolean; readonly reorder: boolean; readonly maxHoldMs: number }
}

interface DeliveryRecord {
  readonly id: string
  readonly notification: PendingNotification
  readonly duplicate: boolean
  readonly reordered: boolean
  readonly attempts: Array<DeliveryAttempt>
  signature: string
  deliveredTo: string
  status: DeliveryStatus
  sends: number
  /** Set by `reset()`: a POST still in flight must not bring the record back to life. */
  retired: boolean
  timer?: ReturnType<typeof setTimeout> | undefined
  /** Settles once `signature` is set. */
  signed: Promise<void>
  /** The send under way, so a manual re-delivery waits for it and attempt numbers stay in order. */
  inFlight?: Promise<void> | undefined
}

const snapshot = (record: DeliveryRecord): CallbackDelivery => ({
  id: record.id,
  kind: record.notification.kind,
  url: record.notification.url,
  deliveredTo: record.deliveredTo,
  qrId: record.notification.qrId ?? "",
  ...(record.notification.rtpId === undefined ? {} : { rtpId: record.notification.rtpId }),
  payId: record.notification.payId,
  ...(record.notification.refundId === undefined ? {} : { refundId: record.notification.refundId }),
  body: { result: structuredClone(record.notification.result), signature: record.signature },
  status: record.status,
  attempts: record.attempts.map((attempt) => ({ ...attempt })),
  reordered: record.reordered
})

const matchesFilter = (delivery: CallbackDelivery, filter: DeliveryFilter): boolean =>
  (filter.id === undefined || delivery.id === filter.id) &&
  (filter.kind === undefined || delivery.kind === filter.kind) &&
  (filter.qrId === undefined || delivery.qrId === filter.qrId) &&
  (filter.rtpId === undefined || delivery.rtpId === filter.rtpId) &&
  (filter.payId === undefined || delivery.payId === filter.payId) &&
  (filter.refundId === undefined || delivery.refundId === filter.refundId) &&
  (filter.status === undefined || delivery.status === filter.status) &&
  (filter.minAttempts === undefined || delivery.attempts.length >= filter.minAttempts)

const describeFilter = (filter: DeliveryFilter | ((delivery: CallbackDelivery) => boolean)): string =>
  typeof filter === "function" ? "the given predicate" : JSON.stringify(filter)

const describeError = (error: unknown): string => {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ""
    return `${error.name === "TimeoutError" ? "timed out" : error.message}${cause}`
  }
  return String(error)
}

/** Node timers would keep a test process alive for a callback nobody waits for any more. */
const unref = (timer: ReturnType<typeof setTimeout>): void => {
  if (typeof timer === "object" && timer !== null && "unref" in timer) timer.unref()
}

/**
 * Signs, sends and re-sends callbacks like the bank: an HTTP 200 ends it, anything else
 * (another status, a refused connection, a timeout) schedules the next re-send. Uses the global
 * `fetch` at send time, so msw's interception applies to callbacks in msw-based tests.
 */
export const createCallbackDispatcher = (settings: DispatcherSettings) => {
  const records: Array<DeliveryRecord> = []
  const listeners = new Set<(delivery: CallbackDelivery) => void>()
  const held: Array<{ record: DeliveryRecord; timer: ReturnType<typeof setTimeout> }> = []
  let lifetime = new AbortController()
  let closed = false

  const changed = (record: DeliveryRecord): void => {
    const view = snapshot(record)
    for (const listener of [...listeners]) {
      try {
        listener(view)
      } catch {
        // A failing listener must not stop the bank's callback sender.
      }
    }
  }

  const post = async (record: DeliveryRecord, number: number, duplicate: boolean): Promise<boolean> => {
    const started = performance.now()
    const at = formatDateTime(settings.clock.now())
    let attempt: DeliveryAttempt
    try {
      const response = await fetch(record.deliveredTo, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "mia-sdk-sandbox" },
        body: JSON.stringify({ result: record.notification.result, signature: record.signature }),
        signal: AbortSignal.any([lifetime.signal, AbortSignal.timeout(settings.timeoutMs)])
      })
      // Read the (small) answer to the end: cancelling the stream instead stalls under msw's
      // interceptor until the timeout fires.
      await response.arrayBuffer().catch(() => undefined)
      attempt = {
        number,
        duplicate,
        at,
        status: response.status,
        durationMs: Math.round(performance.now() - started)
      }
    } catch (error) {
      attempt = {
        number,
        duplicate,
        at,
        error: describeError(error),
        durationMs: Math.round(performance.now() - started)
      }
    }
    if (closed || record.retired) return false
    record.attempts.push(attempt)
    return attempt.status === 200
  }

  /**
   * One send (plus its duplicate, if planned). `reschedule: false` is a manual re-delivery of a
   * callback the bank was done with: its failure does not restart the re-send schedule.
   */
  const attempt = async (record: DeliveryRecord, reschedule: boolean): Promise<void> => {
    if (closed || record.retired || record.status !== "pending") return
    record.timer = undefined
    record.sends += 1
    const number = record.sends
    const copies = [post(record, number, false)]
    if (record.duplicate && number === 1) copies.push(post(record, number, true))
    const [delivered] = await Promise.all(copies)
    if (closed || record.retired) return
    if (delivered) record.status = "delivered"
    else {
      const delay = reschedule ? settings.retryDelays[number - 1] : undefined
      if (delay === undefined) record.status = "failed"
      else {
        record.timer = setTimeout(() => void send(record), delay)
        unref(record.timer)
      }
    }
    changed(record)
    if (number === 1) releaseHeld(record)
  }

  const send = (record: DeliveryRecord, reschedule = true): Promise<void> => {
    const running = attempt(record, reschedule)
    record.inFlight = running
    void running.finally(() => {
      if (record.inFlight === running) record.inFlight = undefined
    })
    return running
  }

  /** Held-back callbacks go out once a later one has had its first attempt. */
  const releaseHeld = (after: DeliveryRecord): void => {
    for (const entry of held.filter((candidate) => candidate.record !== after)) {
      held.splice(held.indexOf(entry), 1)
      clearTimeout(entry.timer)
      void send(entry.record)
    }
  }

  const enqueue = (notification: PendingNotification): void => {
    if (closed) return
    const plan = settings.plan()
    let deliveredTo: string
    try {
      deliveredTo = settings.forward(notification.url)
    } catch {
      deliveredTo = notification.url
    }
    const record: DeliveryRecord = {
      deliveredTo,
      id: crypto.randomUUID(),
      notification,
      duplicate: plan.duplicate,
      reordered: plan.reorder,
      attempts: [],
      signature: "",
      status: "pending",
      sends: 0,
      retired: false,
      signed: Promise.resolve()
    }
    records.push(record)
    record.signed = signMiaCallback(notification.result, settings.signatureKey).then((signature) => {
      record.signature = signature
    })
    void record.signed.then(() => {
      if (record.retired) return
      changed(record)
      if (!plan.reorder) return send(record)
      const timer = setTimeout(() => {
        const index = held.findIndex((entry) => entry.record === record)
        if (index >= 0) held.splice(index, 1)
        void send(record)
      }, plan.maxHoldMs)
      unref(timer)
      held.push({ record, timer })
    })
  }

  const list = (filter: DeliveryFilter = {}): ReadonlyArray<CallbackDelivery> =>
    records.map(snapshot).filter((delivery) => matchesFilter(delivery, filter))

  const redeliver = async (id: string): Promise<CallbackDelivery | undefined> => {
    const record = records.find((candidate) => candidate.id === id)
    if (record === undefined) return undefined
    // The first send is chained on `signed` before this call was made, so it starts first and
    // the loop below waits for it: a callback is never POSTed twice at once by the sandbox.
    await record.signed
    while (record.inFlight !== undefined) await record.inFlight
    if (record.retired) return undefined
    if (closed) return snapshot(record)
    clearTimeout(record.timer)
    record.timer = undefined
    const heldAt = held.findIndex((entry) => entry.record === record)
    if (heldAt >= 0) {
      clearTimeout(held[heldAt]!.timer)
      held.splice(heldAt, 1)
    }
    // A pending callback keeps the bank's schedule (this send stands in for the next re-send);
    // one the bank was done with gets exactly one more attempt.
    const reschedule = record.status === "pending"
    record.status = "pending"
    await send(record, reschedule)
    return record.retired ? undefined : snapshot(record)
  }

  const log: DeliveryLog = {
    list,
    waitFor: (filter, options = {}) => {
      const test =
        typeof filter === "function"
          ? filter
          : (delivery: CallbackDelivery) => matchesFilter(delivery, filter)
      const found = records.map(snapshot).find(test)
      if (found) return Promise.resolve(found)
      const timeoutMs = options.timeoutMs ?? 5000
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe()
          const seen = records.map(
            (record) =>
              `${record.notification.kind} ${record.notification.payId} ${record.status} (${record.attempts.length} attempts)`
          )
          reject(
            new Error(
              `No callback delivery matched ${describeFilter(filter)} within ${timeoutMs} ms. Deliveries: ${seen.length === 0 ? "none" : seen.join("; ")}.`
            )
          )
        }, timeoutMs)
        const unsubscribe = log.subscribe((delivery) => {
          if (!test(delivery)) return
          clearTimeout(timer)
          unsubscribe()
          resolve(delivery)
        })
      })
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    retryNow: () => {
      for (const record of records) {
        if (record.status !== "pending" || record.timer === undefined) continue
        clearTimeout(record.timer)
        void send(record)
      }
    },
    redeliver
  }

  const stopTimers = (): void => {
    for (const record of records) clearTimeout(record.timer)
    for (const entry of held) clearTimeout(entry.timer)
    held.length = 0
  }

  return {
    enqueue,
    log,
    /** Forgets every delivery and cancels pending re-sends; in-flight POSTs are aborted. */
    reset: () => {
      stopTimers()
      lifetime.abort()
      lifetime = new AbortController()
      for (const record of records) record.retired = true
      records.length = 0
    },
    /** Stops for good: no re-send after this. */
    close: () => {
      closed = true
      stopTimers()
      lifetime.abort()
    }
  }
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>
