import { readDemoConfig } from "./config.js"
import { startDemo } from "./start.js"

// `pnpm demo`: the storefront is already built (the start script runs `vite build` first).
const config = readDemoConfig(process.env)
const demo = await startDemo({ ...config, log: (line) => console.log(`[demo] ${line}`) }).catch(
  (error: unknown) => {
    console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)

const bank = {
  embedded: `the embedded sandbox bank at ${demo.sandboxUrl}`,
  "maib-sandbox": "the maib sandbox",
  "maib-production": "maib PRODUCTION (real money)"
}[demo.info.bank]
const database =
  demo.info.database === "postgresql" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${demo.config.dataDir}`

console.log(`
  Cafeneaua Mia, the mia-sdk demo, is running:

    ${demo.url}

  shop       ${demo.url}/
  phone      ${demo.info.phone ? `${demo.url}/phone` : "(only with the embedded sandbox)"}
  admin      ${demo.url}/admin
  cashier    ${demo.info.pos ? `${demo.url}/pos` : "(only with the embedded sandbox)"}

  bank       ${bank}
  orders     ${database}

  Ctrl+C stops it; orders are kept. \`pnpm demo:reset\` forgets them.
`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  console.log("[demo] stopping…")
  await demo.close()
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
