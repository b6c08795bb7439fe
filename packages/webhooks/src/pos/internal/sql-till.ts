import type { SqlClient } from "../../store/sql-client.js"
import { migrateMiaSchema } from "../../store/sql-migrations.js"

/** What both SQL stores of a till are given. */
export interface SqlTillOptions {
  readonly db: SqlClient
  readonly tillId: string
  readonly migrate?: boolean | undefined
}

/**
 * Checks the options of a till's SQL store and migrates the schema once, on first use. A failed
 * migration is not remembered: the next call tries again.
 */
export const sqlTill = (factory: string, options: SqlTillOptions) => {
  if (typeof options?.db?.query !== "function") {
    throw new TypeError(`${factory} needs a database: ${factory}({ db: new pg.Pool(...), tillId: "till-1" })`)
  }
  const { db, tillId } = options
  if (typeof tillId !== "string" || tillId.trim() === "" || tillId.length > 200) {
    throw new TypeError(
      `${factory}: tillId must name the till in 1 to 200 characters, the same on every server of that till`
    )
  }
  let migrated: Promise<void> | undefined
  const ready = (): Promise<void> => {
    if (options.migrate === false) return Promise.resolve()
    if (migrated === undefined) {
      migrated = migrateMiaSchema(db).then(() => undefined)
      migrated.catch(() => {
        migrated = undefined
      })
    }
    return migrated
  }
  return { db, tillId, ready }
}
