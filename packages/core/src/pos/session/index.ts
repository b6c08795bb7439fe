export type { PosSession, PosTokens } from "./session.js"
export { parsePosSession } from "./session.js"
export type { PosSessionStore } from "./session-store.js"
export { createMemoryPosSessionStore } from "./session-store.js"
