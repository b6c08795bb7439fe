import { rm } from "node:fs/promises"
import { PNPM } from "../server/commands.js"
import { dataDirOf } from "../server/config.js"
import { acquireDemoLock, DemoLockedError } from "../server/demo-lock.js"

// `pnpm demo:reset`: forgets every order by deleting the data folder (PostgreSQL is left alone).
// Never under a running demo: its PGlite files are open, and deleting them would break it. The
// reset takes the folder's lock itself, so a demo starting meanwhile waits for the next run; the
// lock goes with the folder.
const dataDir = dataDirOf(process.env)
try {
  await acquireDemoLock(dataDir, "reset")
} catch (error) {
  if (!(error instanceof DemoLockedError)) throw error
  const { holder } = error
  const where = holder.url === undefined ? `process ${holder.pid}` : `${holder.url}, process ${holder.pid}`
  console.error(
    holder.role === "reset"
      ? `Nothing was deleted: another demo:reset (process ${holder.pid}) is deleting ${dataDir} right now.`
      : `Nothing was deleted: the demo is running on ${dataDir} (${where}). Stop it first (Ctrl+C in its terminal), then run \`${PNPM} demo:reset\` again.`
  )
  process.exit(1)
}
await rm(dataDir, { recursive: true, force: true })
console.log(`Deleted ${dataDir}: the next \`${PNPM} demo\` starts with no orders.`)
