import { PNPM } from "./commands.js"
import { type RunningDemo, startDemo } from "./start.js"

// `pnpm demo`: the storefront is already built (the start script runs `vite build` first).
//
// Ctrl+C is how the demo is meant to stop, so it ends quietly with exit code 0: pnpm prints a
// failure banner for any other code and for a death by signal. The handlers are installed before
// start-up, so a Ctrl+C while PGlite is still compiling stops cleanly too. A second SIGINT right
// after the first is pnpm passing the same Ctrl+C on, not an impatient user: it changes nothing.
const CLOSE_TIMEOUT_MS = 10_000

let demo: RunningDemo | undefined
let stopRequested = false

const stop = async () => {
  if (stopRequested) return
  stopRequested = true
  // Still starting: the start-up below sees the request and closes what it opened.
  if (demo === undefined) return
  console.log("[demo] stopping…")
  const timeout = setTimeout(() => {
    console.log(`[demo] still closing after ${CLOSE_TIMEOUT_MS / 1000} s: leaving anyway.`)
    process.exit(0)
  }, CLOSE_TIMEOUT_MS)
  timeout.unref()
  await demo.close()
  console.log("[demo] stopped; the orders are kept.")
  process.exit(0)
}
process.on("SIGINT", () => void stop())
process.on("SIGTERM", () => void stop())

try {
  demo = await startDemo({ log: (line) => console.log(`[demo] ${line}`) })
} catch (error) {
  // A bad setting (MIA_ENV=production, a real bank without DEMO_ADMIN_TOKEN, a data folder in use,
  // ...) ends here with its message, not a stack trace. Unless Ctrl+C came first: then it's a stop.
  if (stopRequested) process.exit(0)
  console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

if (stopRequested) {
  stopRequested = false
  await stop()
}

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

  Ctrl+C stops it; the orders are kept. To forget them, stop it, then run:
    ${PNPM} demo:reset
`)
