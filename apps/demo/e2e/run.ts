import { randomBytes } from "node:crypto"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { startDemo } from "../server/start.js"
import { buildStorefront } from "../server/build-storefront.js"
import { launchChromium } from "./chromium.js"
import { adminToken } from "./admin-token.js"
import { type RealBankDemo, runJourneys } from "./harness.js"
import { posDay } from "./pos-day.js"
import { purchase } from "./purchase.js"

// The browser tests: build the storefront, boot the whole demo on port 0 with a fresh data folder and
// the embedded sandbox bank (and, for the admin-token journey, a second one set up for a real bank),
// drive Debian's Chromium through the journeys, shut everything down.
const here = dirname(fileURLToPath(import.meta.url))
const screenshotDir = process.env.MIA_DEMO_SCREENSHOTS ?? join(here, "..", "screenshots")
const log = (line: string) => process.stdout.write(`${line}\n`)

const main = async () => {
  const started = Date.now()
  const work = await mkdtemp(join(tmpdir(), "mia-demo-e2e-"))
  const cleanups: Array<() => Promise<void>> = [() => rm(work, { recursive: true, force: true })]
  try {
    const browser = await launchChromium()
    cleanups.unshift(browser.close)
    const staticDir = join(work, "storefront")
    await buildStorefront({ outDir: staticDir, quiet: true })
    const demo = await startDemo({
      port: 0,
      dataDir: join(work, "data"),
      staticDir,
      env: {},
      log: () => undefined
    })
    cleanups.unshift(demo.close)
    log(`demo at ${demo.url} (storefront built, ${Date.now() - started} ms)`)
    // MIA_DEMO_E2E_ONLY=pos-day runs one journey while working on it.
    const only = process.env.MIA_DEMO_E2E_ONLY
    const journeys = [purchase, posDay, adminToken].filter(
      (journey) => only === undefined || journey.name === only
    )
    if (journeys.length === 0)
      throw new Error(`MIA_DEMO_E2E_ONLY=${only} names no journey (purchase, pos-day, admin-token)`)
    let realBank: RealBankDemo | undefined
    if (journeys.includes(adminToken)) {
      const token = randomBytes(24).toString("hex")
      const second = await startDemo({
        port: 0,
        dataDir: join(work, "real-bank-data"),
        staticDir,
        reconcileEveryMs: 0,
        // Nothing listens on the discard port: the bank is never reached, and the journey needs it not.
        env: {
          MIA_CLIENT_ID: "e2e-client",
          MIA_CLIENT_SECRET: "e2e-secret",
          MIA_SIGNATURE_KEY: "e2e-signature-key",
          MIA_BASE_URL: "http://127.0.0.1:9",
          DEMO_ADMIN_TOKEN: token
        },
        log: () => undefined
      })
      cleanups.unshift(second.close)
      realBank = { url: second.url, adminToken: token }
    }
    browser.context.setDefaultTimeout(20_000)
    const summary = await runJourneys(journeys, {
      url: demo.url,
      realBank,
      context: browser.context,
      screenshotDir,
      log
    })
    log(`\nscreenshots in ${screenshotDir}`)
    for (const failure of summary.failures) log(`FAILED ${failure}`)
    log(`browser: ${summary.passed} passed, ${summary.failed} failed`)
    await writeBrowserTotals(summary.passed, summary.failed)
    return summary.failed === 0 ? 0 : 1
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e: unknown) => log(`cleanup: ${String(e)}`))
    log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}

// Read by the root test command's summary line, beside the Vitest results.
async function writeBrowserTotals(passed: number, failed: number): Promise<void> {
  const folder = fileURLToPath(new URL("../test-results/", import.meta.url))
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, "browser.json"), JSON.stringify({ passed, failed, skipped: 0 }))
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`browser tests could not run: ${error instanceof Error ? error.message : String(error)}`)
    log("browser: 0 passed, 1 failed")
    void writeBrowserTotals(0, 1).finally(() => process.exit(1))
  }
)
