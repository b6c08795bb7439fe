// Opens the order store on a PGlite folder in its own process, as a second server would, and
// prints what happened: "opened", or the error message.
import { openSqlOrderStore } from "../../src/node/index.js"

const folder = process.argv[2] ?? ""
try {
  const { close } = await openSqlOrderStore({ dataDir: folder, databaseUrl: undefined })
  console.log("opened")
  await close()
} catch (error) {
  console.log(error instanceof Error ? error.message : String(error))
}
