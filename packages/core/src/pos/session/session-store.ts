import type { PosSession } from "./session.js"

/**
 * Where a MiaPos client keeps its {@link PosSession}. Implement it over anything durable
 * (a file, Redis, a database row) to let a restarted process continue without a new OTP
 * activation or seller login. `save` replaces the whole session; the client calls it after
 * activation, login, refresh, logout and shift changes, one call at a time.
 *
 * @example
 * const store: PosSessionStore = {
 *   load: async () => JSON.parse((await redis.get("pos:1")) ?? "null") ?? undefined,
 *   save: async (session) => { await redis.set("pos:1", JSON.stringify(session)) }
 * }
 */
export interface PosSessionStore {
  /** The saved session, or `undefined` when none was saved yet. */
  load(): Promise<PosSession | undefined>
  /** Replaces the saved session. */
  save(session: PosSession): Promise<void>
}

/**
 * A store that lives as long as the process: the default when no store is given.
 *
 * @example
 * import { createMemoryPosSessionStore } from "@mia-sdk/core"
 *
 * const store = createMemoryPosSessionStore({ terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39" })
 */
export const createMemoryPosSessionStore = (initial?: PosSession): PosSessionStore => {
  let current: PosSession | undefined = initial === undefined ? undefined : structuredClone(initial)
  return {
    load: async () => (current === undefined ? undefined : structuredClone(current)),
    save: async (session) => {
      current = structuredClone(session)
    }
  }
}
