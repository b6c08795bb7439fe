import { PGlite } from "@electric-sql/pglite"

/** One embedded database per test file (starting PGlite takes seconds), emptied between tests. */
export const sharedPglite = () => {
  let db: PGlite | undefined
  return {
    get: async (): Promise<PGlite> => {
      db ??= await PGlite.create()
      return db
    },
    close: async () => {
      await db?.close()
      db = undefined
    }
  }
}
