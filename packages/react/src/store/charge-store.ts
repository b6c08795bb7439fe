import { parseAmount } from "@mia-sdk/core/money"
import type { PosChargeState, PosChargeView } from "@mia-sdk/core/wire"
import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import { countdown } from "../internal/countdown.js"
import { createState } from "../internal/state.js"
import { invalid, toError } from "../internal/to-error.js"
import { watch } from "../internal/watch.js"
import type { ReadableStore } from "./external-store.js"

/**
 * Where a charge stands: `idle` (none yet), `creating`, `awaiting_payment` (show the QR),
 * then `paid`, `expired` or `cancelled`; `error` when it could not be created (see `error`).
 * @example
 * if (phase === "paid") printReceipt()
 */
export type ChargePhase =
  | "idle"
  | "creating"
  | "awaiting_payment"
  | "paid"
  | "expired"
  | "cancelled"
  | "error"

/**
 * Everything the cashier screen shows about the current charge.
 * @example
 * const { phase, qrUrl, secondsLeft, charge } = store.getSnapshot()
 */
export interface ChargeSnapshot {
  readonly phase: ChargePhase
  readonly charge: PosChargeView | undefined
  /** The MIA link for `<MiaQrCode value={qrUrl} />`; unset when not payable. */
  readonly qrUrl: string | undefined
  readonly expiresAt: Date | undefined
  /** Whole seconds until the QR expires, when the bank gave an expiry. */
  readonly secondsLeft: number | undefined
  /** The last failure; in `error` phase it stopped the charge, otherwise polling carries on. */
  readonly error: MiaRequestError | undefined
}

/**
 * One charge at a time on the cashier screen: a dynamic QR for an amount, polled until paid,
 * expired or cancelled. Actions never reject: failures land in `error`.
 * @example
 * const store = createChargeStore({ client: createMiaClient({ apiBase: "/api/pos" }) })
 * await store.create(149.9)
 */
export interface ChargeStore extends ReadableStore<ChargeSnapshot> {
  /** Charges `amount` MDL (> 0, at most 100000, at most 2 decimals). Ignored while a charge is in progress. */
  create(amount: number): Promise<PosChargeView | undefined>
  /** Cancels the QR at the bank so it can no longer be paid. */
  cancel(): Promise<PosChargeView | undefined>
  /** Back to `idle` for the next customer. Ignored while a QR can still be paid: `cancel()` it first. */
  reset(): void
  /** Resumes polling an unfinished charge. */
  start(): void
  /** Releases every timer and request; the QR stays valid at the bank. */
  stop(): void
}

const phaseOf = (state: PosChargeState): ChargePhase => {
  switch (state.toLowerCase()) {
    case "paid":
      return "paid"
    case "expired":
      return "expired"
    case "cancelled":
    case "canceled":
    case "not_found":
      return "cancelled"
    default:
      return "awaiting_payment"
  }
}

/**
 * Creates a {@link ChargeStore}.
 * @example
 * import { createChargeStore, createMiaClient } from "@mia-sdk/react"
 * const store = createChargeStore({ client: createMiaClient({ apiBase: "/api/pos" }) })
 */
export const createChargeStore = ({
  client,
  now = Date.now
}: {
  readonly client: MiaClient
  readonly now?: (() => number) | undefined
}): ChargeStore => {
  const initial: ChargeSnapshot = {
    phase: "idle",
    charge: undefined,
    qrUrl: undefined,
    expiresAt: undefined,
    secondsLeft: undefined,
    error: undefined
  }
  const state = createState<ChargeSnapshot>(initial)
  let stopCountdown: (() => void) | undefined
  let unwatch: (() => void) | undefined
  let controller: AbortController | undefined

  const release = () => {
    stopCountdown?.()
    unwatch?.()
    controller?.abort()
    stopCountdown = unwatch = controller = undefined
  }
  const path = () => `/charges/${encodeURIComponent(state.get().charge!.chargeId)}`

  const apply = (charge: PosChargeView) => {
    const phase = phaseOf(charge.state)
    if (phase !== "awaiting_payment") release()
    state.set(
      phase === "awaiting_payment"
        ? { phase, charge, qrUrl: charge.url, error: undefined }
        : { phase, charge, qrUrl: undefined, secondsLeft: undefined, error: undefined }
    )
  }

  /** The QR ran out: ask once more, a payment in the last second wins. */
  const expire = async () => {
    release()
    controller = new AbortController()
    const { signal } = controller
    try {
      apply((await client.request<PosChargeView>("GET", path(), undefined, signal)).body)
    } catch {
      // The bank can't be asked now; the QR can't be paid any more either way.
    }
    if (!signal.aborted && state.get().phase === "awaiting_payment")
      state.set({ phase: "expired", qrUrl: undefined })
  }

  const follow = () => {
    const { expiresAt } = state.get()
    if (expiresAt) {
      stopCountdown = countdown(
        expiresAt.getTime(),
        now,
        (secondsLeft) => state.set({ secondsLeft }),
        () => void expire()
      )
      if (state.get().secondsLeft === 0) return
    }
    unwatch = watch<PosChargeView>({
      client,
      pollPath: path(),
      firstPollMs: client.options.polling?.initialMs ?? 1000,
      key: (charge) => charge.state,
      onData: apply,
      onTransport: () => undefined,
      onError: (error, fatal) => {
        if (fatal) release()
        state.set(fatal ? { phase: "error", error } : { error })
      }
    })
  }

  return {
    getSnapshot: state.get,
    subscribe: state.subscribe,
    async create(amount) {
      const { phase } = state.get()
      if (phase === "creating" || phase === "awaiting_payment") return undefined
      // The rule the server's client applies, so a cashier learns of a bad amount without a round trip.
      const parsed = parseAmount(amount, { from: ["number"] })
      if (!parsed.ok) {
        state.set({ ...initial, phase: "error", error: invalid(parsed.message) })
        return undefined
      }
      release()
      state.set({ ...initial, phase: "creating" })
      controller = new AbortController()
      const { signal } = controller
      try {
        const { body } = await client.request<PosChargeView>("POST", "/charges", { amount }, signal)
        if (signal.aborted) return undefined
        const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined
        state.set({ expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : undefined })
        apply(body)
        if (state.get().phase === "awaiting_payment") follow()
        return body
      } catch (cause) {
        if (!signal.aborted) state.set({ phase: "error", error: toError(cause) })
        return undefined
      }
    },
    async cancel() {
      if (state.get().phase !== "awaiting_payment") return undefined
      try {
        const { body } = await client.request<PosChargeView>("DELETE", path())
        apply(body)
        return body
      } catch (cause) {
        state.set({ error: toError(cause) })
        return undefined
      }
    },
    reset() {
      const { phase } = state.get()
      if (phase === "creating" || phase === "awaiting_payment") return
      release()
      state.set(initial)
    },
    start() {
      if (state.get().phase === "awaiting_payment" && !unwatch && !stopCountdown) follow()
    },
    stop: release
  }
}
