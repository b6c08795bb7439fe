/**
 * `@mia-sdk/core/pos-session`: the MiaPos session record and its store port without the client,
 * for code that keeps sessions (a SQL or Redis store) and must not load Effect.
 *
 * @example
 * import { parsePosSession } from "@mia-sdk/core/pos-session"
 *
 * const session = parsePosSession(row.session)
 * if (typeof session === "string") throw new Error(session)
 */
export type { PosSession, PosSessionStore, PosTokens } from "./pos/session/index.js"
export { createMemoryPosSessionStore, parsePosSession } from "./pos/session/index.js"
