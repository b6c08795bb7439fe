import { startDemo } from "./start.js"

// `pnpm demo`: the storefront is already built (the start script runs `vite build` first).
const cannotStart = (error: unknown): never => {
  console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
// A bad setting (MIA_ENV=production, a real bank without DEMO_ADMIN_TOKEN, ...) ends here with its
// message, not a stack trace.
const demo = await startDemo({ log: (line) => console.log(`[demo] ${line}`) }).catch(cannotStart)

const bank =
  demo.info.bank === "embedded"
    ? `the embedded sandbox bank at ${demo.sandboxUrl}`
    : "the maib sandbox (the admin page asks for DEMO_ADMIN_TOKEN)"
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
