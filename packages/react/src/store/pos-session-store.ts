import type { PosActivationStartBody, PosLoginBody, PosSessionView } from "@mia-sdk/core/wire"
import type { MiaClient } from "../client/create-client.js"
import type { MiaRequestError } from "../client/mia-request-error.js"
import { createState } from "../internal/state.js"
import { invalid, toError } from "../internal/to-error.js"
import type { ReadableStore } from "./external-store.js"

/**
 * The cashier-screen action in progress.
 * @example
 * const busy = pending === "closeShift" ? "Closing the shift…" : undefined
 */
export type PosSessionAction =
  | "refresh"
  | "startActivation"
  | "resendOtp"
  | "confirmActivation"
  | "login"
  | "logout"
  | "openShift"
  | "closeShift"

/**
 * The terminal's session as the cashier screen shows it: `loading` until the first answer,
 * `error` when it could not be loaded (see `error`, call `refresh()`), otherwise `ready`.
 * @example
 * const { phase, session, pending, error } = store.getSnapshot()
 */
export interface PosSessionSnapshot {
  readonly phase: "loading" | "ready" | "error"
  readonly session: PosSessionView | undefined
  /** The action running now. Calling it again joins it; other actions are ignored until it ends. */
  readonly pending: PosSessionAction | undefined
  /** Why the last action failed; cleared by the next success. */
  readonly error: MiaRequestError | undefined
}

/**
 * The cashier's session over the `miaPos` router: activation with an SMS code, seller login,
 * shift. Every action resolves to the new session, or `undefined` when it failed or was ignored
 * (the reason is in `error`); none rejects.
 * @example
 * const store = createPosSessionStore({ client: createMiaClient({ apiBase: "/api/pos" }) })
 * await store.refresh()
 * if (!store.getSnapshot().session?.loggedIn) await store.login({ username: "cashier1", password })
 */
export interface PosSessionStore extends ReadableStore<PosSessionSnapshot> {
  /** Loads the session once, if it hasn't been loaded. */
  start(): void
  stop(): void
  refresh(): Promise<PosSessionView | undefined>
  /** Sends the activation code by SMS; omitted fields come from the router's options. */
  startActivation(body?: PosActivationStartBody): Promise<PosSessionView | undefined>
  resendOtp(): Promise<PosSessionView | undefined>
  confirmActivation(otp: string): Promise<PosSessionView | undefined>
  login(body?: PosLoginBody): Promise<PosSessionView | undefined>
  logout(): Promise<PosSessionView | undefined>
  openShift(): Promise<PosSessionView | undefined>
  closeShift(): Promise<PosSessionView | undefined>
}

/**
 * Creates a {@link PosSessionStore}. The hooks share one per provider.
 * @example
 * import { createMiaClient, createPosSessionStore } from "@mia-sdk/react"
 * const store = createPosSessionStore({ client: createMiaClient({ apiBase: "/api/pos" }) })
 * store.start()
 */
export const createPosSessionStore = ({ client }: { readonly client: MiaClient }): PosSessionStore => {
  const state = createState<PosSessionSnapshot>({
    phase: "loading",
    session: undefined,
    pending: undefined,
    error: undefined
  })

  let running: { action: PosSessionAction; done: Promise<PosSessionView | undefined> } | undefined

  const send = async (method: string, path: string, body?: unknown) => {
    try {
      const { body: session } = await client.request<PosSessionView>(method, path, body)
      state.set({ phase: "ready", session, pending: undefined, error: undefined })
      return session
    } catch (cause) {
      state.set({ phase: state.get().session ? "ready" : "error", pending: undefined, error: toError(cause) })
      return undefined
    } finally {
      running = undefined
    }
  }
  /** One action at a time: the same action again joins it, any other is ignored. */
  const run = (action: PosSessionAction, method: string, path: string, body?: unknown) => {
    if (running) return running.action === action ? running.done : Promise.resolve(undefined)
    state.set({ pending: action })
    const done = send(method, path, body)
    running = { action, done }
    return done
  }
  const post = (action: PosSessionAction, path: string, body?: unknown) =>
    run(action, "POST", path, body ?? {})

  const refresh = () => run("refresh", "GET", "/session")
  return {
    getSnapshot: state.get,
    subscribe: state.subscribe,
    start() {
      if (!state.get().session && !state.get().pending) void refresh()
    },
    stop() {},
    refresh,
    startActivation: (body) => post("startActivation", "/activation", body),
    resendOtp: () => post("resendOtp", "/activation/resend"),
    confirmActivation(otp) {
      const code = String(otp ?? "").trim()
      if (!/^[0-9A-Za-z]{4,12}$/.test(code)) {
        state.set({ error: invalid("Enter the code from the SMS (4 to 12 letters or digits), e.g. 123456") })
        return Promise.resolve(undefined)
      }
      return post("confirmActivation", "/activation/confirm", { otp: code })
    },
    login: (body) => post("login", "/login", body),
    logout: () => post("logout", "/logout"),
    openShift: () => post("openShift", "/shift/open"),
    closeShift: () => post("closeShift", "/shift/close")
  }
}
