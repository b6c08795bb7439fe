import type {
  PosActivationRecord,
  PosExtensionRecord,
  PosQrRecord,
  PosRecordedRequest,
  PosSessionRecord,
  PosSettingsRecord,
  PosShiftRecord,
  PosTransactionRecord
} from "./records.js"

/**
 * Everything the POS simulator remembers, for assertions in tests. Maps are keyed by the API's
 * identifiers; records are live (they change as requests arrive).
 *
 * @example
 * const sandbox = createPosSandbox()
 * sandbox.state.openShift("10001") // undefined until POST /pos/api/v1/shift/open
 */
export interface PosSandboxState {
  readonly activations: ReadonlyMap<string, PosActivationRecord>
  readonly sessions: ReadonlyMap<string, PosSessionRecord>
  readonly shifts: ReadonlyMap<string, PosShiftRecord>
  readonly qrs: ReadonlyMap<string, PosQrRecord>
  readonly extensions: ReadonlyMap<string, PosExtensionRecord>
  readonly transactions: ReadonlyMap<number, PosTransactionRecord>
  /** QR settings per terminal id. */
  readonly settings: ReadonlyMap<string, PosSettingsRecord>
  /** The last request that reached a terminal (headers lower-cased, bearer masked). */
  lastRequest(terminalId: string): PosRecordedRequest | undefined
  /** The terminal's open shift, if any. */
  openShift(terminalId: string): PosShiftRecord | undefined
}

/** What a bearer or refresh token stands for. */
export interface PosTokenEntry {
  readonly kind: "access" | "refresh"
  readonly sessionId: string
  readonly expiresAt: number
}

/** The writable side of the state, used by the route handlers. */
export interface PosStore extends PosSandboxState {
  readonly activations: Map<string, PosActivationRecord>
  readonly sessions: Map<string, PosSessionRecord>
  readonly shifts: Map<string, PosShiftRecord>
  readonly qrs: Map<string, PosQrRecord>
  readonly extensions: Map<string, PosExtensionRecord>
  readonly transactions: Map<number, PosTransactionRecord>
  readonly settings: Map<string, PosSettingsRecord>
  /** Access and refresh tokens to the session they belong to. */
  readonly tokens: Map<string, PosTokenEntry>
  readonly openShifts: Map<string, string>
  readonly lastRequests: Map<string, PosRecordedRequest>
  /** Terminal id to the instant its activation lock ends. */
  readonly activationLocks: Map<string, number>
  nextShiftId(): string
  nextTransactionId(): number
  clear(): void
}

/** Creates an empty store; `settings` are seeded by the caller. */
export const createPosStore = (): PosStore => {
  let shiftCounter = 0
  let transactionCounter = 0
  const store: PosStore = {
    activations: new Map(),
    sessions: new Map(),
    shifts: new Map(),
    qrs: new Map(),
    extensions: new Map(),
    transactions: new Map(),
    settings: new Map(),
    tokens: new Map(),
    openShifts: new Map(),
    lastRequests: new Map(),
    activationLocks: new Map(),
    lastRequest: (terminalId) => store.lastRequests.get(terminalId),
    openShift: (terminalId) => {
      const shiftId = store.openShifts.get(terminalId)
      return shiftId === undefined ? undefined : store.shifts.get(shiftId)
    },
    nextShiftId: () => String(++shiftCounter),
    nextTransactionId: () => ++transactionCounter,
    clear: () => {
      for (const map of [
        store.activations,
        store.sessions,
        store.shifts,
        store.qrs,
        store.extensions,
        store.transactions,
        store.settings,
        store.tokens,
        store.openShifts,
        store.lastRequests,
        store.activationLocks
      ]) {
        map.clear()
      }
      shiftCounter = 0
      transactionCounter = 0
    }
  }
  return store
}
