export type { FilePosSessionStoreOptions } from "./file-session-store.js"
export { createFilePosSessionStore } from "./file-session-store.js"
