import type { PosSession } from "./session.js"

/**
 * Where a MiaPos client keeps its {@link PosSession}. Implement it over anything durable
 * (a file, Redis, a database row) to let a restarted process continue without a new OTP
 * activation or seller login. `save` replaces the whole session; the client calls it after
 * activation, login, refresh, logout and shift changes, one call at a time.
 *
 * A store that several processes share implements `exclusive` too: the client then reads the
 * session from the store on every use instead of keeping it in memory, and refreshes the tokens
 * and changes the session only inside `exclusive`, so a refresh-token rotation by one process
 * never logs another out.
 *
 * @example
 * const store: PosSessionStore = {
 *   load: async () => JSON.parse((await redis.get("pos:1")) ?? "null") ?? undefined,
 *   save: async (session) => { await redis.set("pos:1", JSON.stringify(session)) },
 *   exclusive: (work) => withRedisLock("pos:1:lock", work) // your lock helper
 * }
 */
export interface PosSessionStore {
  /** The saved session, or `undefined` when none was saved yet. */
  load(): Promise<PosSession | undefined>
  /** Replaces the saved session. */
  save(session: PosSession): Promise<void>
  /**
   * For a store shared by several processes: runs `work` (which loads and saves through this
   * store, and may wait for a token request) while no other process runs work of this store,
   * and releases the lock however `work` ends. Leave it out when one process owns the store.
   */
  exclusive?<T>(work: () => Promise<T>): Promise<T>
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
