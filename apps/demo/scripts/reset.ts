import { rm } from "node:fs/promises"
import { readDemoConfig } from "../server/config.js"

// `pnpm demo:reset`: forgets every order by deleting the data folder (PostgreSQL is left alone).
const { dataDir } = readDemoConfig(process.env)
await rm(dataDir, { recursive: true, force: true })
console.log(`Deleted ${dataDir}: the next \`pnpm demo\` starts with no orders.`)
