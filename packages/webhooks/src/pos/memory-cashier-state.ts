import type { PosCashierState, PosCashierStateStore, PosChargeMemo } from "./cashier-state.js"

/**
 * Options of {@link createMemoryPosCashierState}.
 *
 * @example
 * const options: MemoryPosCashierStateOptions = { maxCharges: 200 }
 */
export interface MemoryPosCashierStateOptions {
  /** Charges remembered; the oldest are forgotten past this (default 1000). */
  readonly maxCharges?: number | undefined
}

/**
 * The cashier state of one till in this process: the default of `createPosCashier`. It is lost on
 * restart (the MiaPos client's session store keeps the tokens and activation) and not shared
 * between servers.
 *
 * @example
 * import { createMemoryPosCashierState, createPosCashier } from "@mia-sdk/webhooks"
 *
 * const state = createMemoryPosCashierState({ maxCharges: 200 })
 * const cashier = createPosCashier({ client, state })
 */
export const createMemoryPosCashierState = (
  options: MemoryPosCashierStateOptions = {}
): PosCashierStateStore => {
  const maxCharges = options.maxCharges ?? 1000
  if (!Number.isInteger(maxCharges) || maxCharges < 1) {
    throw new TypeError(
      `createMemoryPosCashierState: maxCharges must be a positive integer, got ${maxCharges}`
    )
  }
  let version = 0
  let state: PosCashierState = {}
  const charges = new Map<string, PosChargeMemo>()
  const tails = new Map<string, Promise<unknown>>()
  return {
    load: async () => ({ version, state }),
    compareAndSet: async (expectedVersion, next) => {
      if (expectedVersion !== version) return false
      version += 1
      state = next
      return true
    },
    rememberCharge: async (chargeId, memo) => {
      charges.delete(chargeId)
      charges.set(chargeId, memo)
      if (charges.size > maxCharges) charges.delete(charges.keys().next().value!)
    },
    findCharge: async (chargeId) => charges.get(chargeId),
    exclusive: <T>(key: string, work: () => Promise<T>): Promise<T> => {
      const run = (tails.get(key) ?? Promise.resolve()).then(work, work)
      const tail = run.catch(() => undefined)
      tails.set(key, tail)
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key)
      })
      return run
    }
  }
}
