import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BrowserContext, chromium } from "playwright-core"

/**
 * Debian's Chromium; `CHROMIUM_PATH` points elsewhere when it lives somewhere else.
 * @example
 * if (!existsSync(chromiumPath)) console.log("apt-get install -y chromium")
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

/**
 * A running Chromium with a fresh profile; `close()` ends it and deletes the profile.
 * @example
 * const browser = await launchChromium()
 * const page = await browser.context.newPage()
 * await browser.close()
 */
export interface LaunchedChromium {
  readonly context: BrowserContext
  close(): Promise<void>
}

/**
 * Starts Debian's Chromium headless through playwright-core (nothing is downloaded), with a window
 * `width` px wide. Fails with the install command when the browser is missing: the browser tests
 * never skip silently.
 *
 * The browser runs in Tokyo with American English on purpose: the demo must show Chișinău time
 * and Moldovan money whatever the shopper's browser says.
 * @example
 * const { context, close } = await launchChromium({ width: 390 })
 */
export const launchChromium = async ({ width }: { width: number }): Promise<LaunchedChromium> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}. The browser tests need it: install it with ` +
        "`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary)."
    )
  }
  const profile = await mkdtemp(join(tmpdir(), "mia-demo-chromium-"))
  // A persistent context is how Playwright takes an explicit, fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: { width, height: 860 },
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "Asia/Tokyo"
  })
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined)
      await rm(profile, { recursive: true, force: true })
    }
  }
}
