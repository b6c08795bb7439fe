import { randomBytes } from "node:crypto"
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { buildStorefront } from "../server/build-storefront.js"
import { startDemo } from "../server/start.js"
import { adminToken } from "./admin-token.js"
import { launchChromium } from "./chromium.js"
import { type Journey, type RealBankDemo, type RunSummary, runJourneys } from "./harness.js"
import { E2E_WIDTHS } from "./layout.js"
import { payByPhone } from "./pay-by-phone.js"
import { posDay } from "./pos-day.js"
import { purchase } from "./purchase.js"

// The browser tests: build the storefront once, then for each window width (a phone and a laptop)
// boot the whole demo on port 0 with a fresh data folder and the embedded sandbox bank (and, for
// the admin-token journey, a second one set up for a real bank), drive Debian's Chromium through
// the journeys, shut everything down. Each width gets its own demo: the till's day can only be
// lived once per sandbox.
const here = dirname(fileURLToPath(import.meta.url))
const screenshotDir = process.env.MIA_DEMO_SCREENSHOTS ?? join(here, "..", "screenshots")
const log = (line: string) => process.stdout.write(`${line}\n`)

const ALL: ReadonlyArray<Journey> = [purchase, payByPhone, posDay, adminToken]

/** A demo set up for a real bank that is never reached: nothing listens on the discard port. */
const startRealBankDemo = async (
  dataDir: string,
  staticDir: string
): Promise<RealBankDemo & { close(): Promise<void> }> => {
  const token = randomBytes(24).toString("hex")
  const demo = await startDemo({
    port: 0,
    dataDir,
    staticDir,
    reconcileEveryMs: 0,
    env: {
      MIA_CLIENT_ID: "e2e-client",
      MIA_CLIENT_SECRET: "e2e-secret",
      MIA_SIGNATURE_KEY: "e2e-signature-key",
      MIA_BASE_URL: "http://127.0.0.1:9",
      DEMO_ADMIN_TOKEN: token
    },
    log: () => undefined
  })
  return { url: demo.url, adminToken: token, close: demo.close }
}

const runAtWidth = async (
  width: number,
  journeys: ReadonlyArray<Journey>,
  work: string,
  staticDir: string
): Promise<RunSummary> => {
  const cleanups: Array<() => Promise<void>> = []
  try {
    const browser = await launchChromium({ width })
    cleanups.unshift(browser.close)
    const demo = await startDemo({
      port: 0,
      dataDir: join(work, `data-${width}`),
      staticDir,
      env: {},
      log: () => undefined
    })
    cleanups.unshift(demo.close)
    let realBank: RealBankDemo | undefined
    if (journeys.includes(adminToken)) {
      const second = await startRealBankDemo(join(work, `real-bank-data-${width}`), staticDir)
      cleanups.unshift(second.close)
      realBank = second
    }
    log(`\n── ${width} px wide: demo at ${demo.url}`)
    browser.context.setDefaultTimeout(20_000)
    return await runJourneys(journeys, {
      url: demo.url,
      width,
      realBank,
      context: browser.context,
      screenshotDir,
      log
    })
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e: unknown) => log(`cleanup: ${String(e)}`))
  }
}

const main = async () => {
  const started = Date.now()
  const work = await mkdtemp(join(tmpdir(), "mia-demo-e2e-"))
  try {
    // MIA_DEMO_E2E_ONLY=pos-day runs one journey while working on it.
    const only = process.env.MIA_DEMO_E2E_ONLY
    const journeys = ALL.filter((journey) => only === undefined || journey.name === only)
    if (journeys.length === 0)
      throw new Error(`MIA_DEMO_E2E_ONLY=${only} names no journey (${ALL.map((j) => j.name).join(", ")})`)
    if (E2E_WIDTHS.length === 0) throw new Error("MIA_DEMO_E2E_WIDTHS names no width, e.g. 390,1280")
    await mkdir(screenshotDir, { recursive: true })
    // Pictures of an earlier run (and its failures) would pass for this one's.
    for (const file of await readdir(screenshotDir)) {
      if (file.endsWith(".png")) await rm(join(screenshotDir, file))
    }
    const staticDir = join(work, "storefront")
    await buildStorefront({ outDir: staticDir, quiet: true })
    log(`storefront built (${Date.now() - started} ms)`)
    let passed = 0
    const failures: string[] = []
    for (const width of E2E_WIDTHS) {
      const summary = await runAtWidth(width, journeys, work, staticDir)
      passed += summary.passed
      failures.push(...summary.failures)
    }
    log(`\nscreenshots in ${screenshotDir}`)
    for (const failure of failures) log(`FAILED ${failure}`)
    log(`browser: ${passed} passed, ${failures.length} failed`)
    await writeBrowserTotals(passed, failures.length)
    return failures.length === 0 ? 0 : 1
  } finally {
    await rm(work, { recursive: true, force: true }).catch((e: unknown) => log(`cleanup: ${String(e)}`))
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
