import type { PosShiftView } from "@mia-sdk/core/wire"
import { useEffect, useSyncExternalStore } from "react"
import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import {
  createPosSessionStore,
  type PosSessionAction,
  type PosSessionSnapshot,
  type PosSessionStore
} from "../store/pos-session-store.js"
import { useMiaClient } from "./provider.js"

/** One session per provider, so every POS hook on the screen sees the same terminal. */
const stores = new WeakMap<MiaClient, PosSessionStore>()

const useSessionStore = (hook: string): [PosSessionSnapshot, PosSessionStore] => {
  const client = useMiaClient(hook)
  let store = stores.get(client)
  if (!store) {
    store = createPosSessionStore({ client })
    stores.set(client, store)
  }
  useEffect(() => store.start(), [store])
  return [useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot), store]
}

/**
 * What {@link usePosSession} returns: the {@link PosSessionSnapshot} and the session's actions.
 * @example
 * const { session, pending, error, login }: UsePosSessionResult = usePosSession()
 */
export type UsePosSessionResult = PosSessionSnapshot &
  Pick<
    PosSessionStore,
    | "refresh"
    | "startActivation"
    | "resendOtp"
    | "confirmActivation"
    | "login"
    | "logout"
    | "openShift"
    | "closeShift"
  >

/**
 * The cashier screen's terminal session over your `miaPos` router: activation with the SMS code,
 * seller login and logout, the shift. Loaded on mount; all POS hooks under one provider share it.
 * @example
 * import { usePosSession } from "@mia-sdk/react"
 * function Gate({ children }: { children: React.ReactNode }) {
 *   const { phase, session, startActivation, confirmActivation, login, error } = usePosSession()
 *   if (phase === "loading") return <p>Loading…</p>
 *   if (!session?.activated && !session?.activation) return <button onClick={() => startActivation()}>Activate</button>
 *   if (!session.activated) return <OtpForm onSubmit={confirmActivation} error={error?.message} />
 *   if (!session.loggedIn) return <LoginForm onSubmit={login} error={error?.message} />
 *   return <>{children}</>
 * }
 */
export const usePosSession = (): UsePosSessionResult => {
  const [snapshot, store] = useSessionStore("usePosSession")
  const { refresh, startActivation, resendOtp, confirmActivation, login, logout, openShift, closeShift } =
    store
  return {
    ...snapshot,
    refresh,
    startActivation,
    resendOtp,
    confirmActivation,
    login,
    logout,
    openShift,
    closeShift
  }
}

/**
 * What {@link usePosShift} returns.
 * @example
 * const { shift, open, close, pending }: UsePosShiftResult = usePosShift()
 */
export interface UsePosShiftResult {
  /** `null` when no seller is logged in; `undefined` while loading. */
  readonly shift: PosShiftView | null | undefined
  /** The shift closed last, for its Z-report. */
  readonly lastClosedShiftId: string | undefined
  readonly pending: PosSessionAction | undefined
  readonly error: MiaRequestError | undefined
  readonly open: PosSessionStore["openShift"]
  readonly close: PosSessionStore["closeShift"]
}

/**
 * The cashier's shift: open it at the start of the day, close it at the end (then print the
 * Z-report with {@link usePosReports}). Shares the session of {@link usePosSession}.
 * @example
 * import { usePosShift } from "@mia-sdk/react"
 * function ShiftButton() {
 *   const { shift, open, close, pending } = usePosShift()
 *   return shift?.open
 *     ? <button disabled={!!pending} onClick={() => close()}>Close shift</button>
 *     : <button disabled={!!pending} onClick={() => open()}>Open shift</button>
 * }
 */
export const usePosShift = (): UsePosShiftResult => {
  const [{ session, pending, error }, store] = useSessionStore("usePosShift")
  return {
    shift: session?.shift,
    lastClosedShiftId: session?.lastClosedShiftId,
    pending,
    error,
    open: store.openShift,
    close: store.closeShift
  }
}
