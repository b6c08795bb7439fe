import type { PosSessionView } from "@mia-sdk/core/wire"

/**
 * What the cashier remembers between requests besides the MiaPos client's own session (tokens,
 * activation id, shift): the activation waiting for its code, the seller shown on the screen and
 * the shift closed last, for its Z-report.
 *
 * @example
 * const state: PosCashierState = { activation: { maskedPhoneNumber: "+373****12", waitTimeToResend: 60 } }
 */
export interface PosCashierState {
  readonly activation?: NonNullable<PosSessionView["activation"]> | undefined
  readonly seller?: NonNullable<PosSessionView["seller"]> | undefined
  readonly lastClosedShiftId?: string | undefined
}

/**
 * A {@link PosCashierState} with the version a compare-and-set must name.
 *
 * @example
 * const { version, state } = await cashierState.load()
 * await cashierState.compareAndSet(version, { ...state, lastClosedShiftId: "5021" })
 */
export interface VersionedPosCashierState {
  readonly version: number
  readonly state: PosCashierState
}

/**
 * What the cashier remembers of a charge it created, for answers where the bank leaves fields out.
 *
 * @example
 * const memo: PosChargeMemo = { url: qr.qrText, amount: 149.9, expiresAt: "2026-11-21T12:05:00.000Z" }
 */
export interface PosChargeMemo {
  readonly url: string
  readonly amount: number
  readonly expiresAt?: string | undefined
}

/**
 * Where one till's cashier state lives. The default keeps it in memory
 * ({@link createMemoryPosCashierState}); several servers behind one till share
 * `createSqlPosCashierState` (a row per till with a version column, a charges table, an advisory lock).
 *
 * @example
 * const cashier = createPosCashier({ client, state: createMemoryPosCashierState() })
 */
export interface PosCashierStateStore {
  /** The current state and its version. */
  load(): Promise<VersionedPosCashierState>
  /** Stores `next` if the version is still `expectedVersion`; `false` when another writer came first. */
  compareAndSet(expectedVersion: number, next: PosCashierState): Promise<boolean>
  /** Remembers a created charge (an implementation may forget the oldest ones). */
  rememberCharge(chargeId: string, memo: PosChargeMemo): Promise<void>
  /** A remembered charge, if any. */
  findCharge(chargeId: string): Promise<PosChargeMemo | undefined>
  /**
   * Runs `work` while no other work of the same key runs for this till (opening and closing the
   * shift must not overlap). In memory a promise chain; in a database an advisory lock.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>
}
