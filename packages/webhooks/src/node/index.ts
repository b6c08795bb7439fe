// Server-only parts of @mia-sdk/webhooks: they load database drivers (`pg`, PGlite) and Node's
// file system, so they live apart from the main entry, which edge runtimes and bundlers can load.
export type { OpenedSqlOrderStore, OpenSqlOrderStoreOptions } from "../store/open-sql-store.js"
export { openSqlOrderStore } from "../store/open-sql-store.js"
