import { rm } from "node:fs/promises"
import { dataDirOf } from "../server/config.js"

// `pnpm demo:reset`: forgets every order by deleting the data folder (PostgreSQL is left alone).
const dataDir = dataDirOf(process.env)
await rm(dataDir, { recursive: true, force: true })
console.log(`Deleted ${dataDir}: the next \`pnpm demo\` starts with no orders.`)
