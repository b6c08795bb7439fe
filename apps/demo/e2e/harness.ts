import { join } from "node:path"
import type { BrowserContext, Page } from "playwright-core"
import { assertLayoutFits } from "./layout.js"

/**
 * What a journey gets: the browser, the demo's URL, and helpers that record steps and screenshots.
 * @example
 * await ctx.step("open the shop", async () => { await page.goto(ctx.url) })
 */
export interface JourneyContext {
  readonly url: string
  /** The window width this run uses (every journey runs at each of `E2E_WIDTHS`). */
  readonly width: number
  /** A second demo, pointed at a "real" bank (never reached) and guarded by an admin token. */
  readonly realBank?: RealBankDemo | undefined
  readonly context: BrowserContext
  /**
   * Runs one named step; a failure is reported with the step's name and ends the journey. After the
   * step, every open page must fit its window: a page that scrolls sideways, or squeezes a card until
   * its words stack, fails the step.
   */
  step<T>(name: string, run: () => Promise<T>): Promise<T>
  /** Saves a full-page PNG as `<screenshotDir>/<width>-<name>.png`. */
  shot(page: Page, name: string): Promise<void>
}

/**
 * Where the real-bank demo listens and the admin token it was started with.
 * @example
 * const realBank: RealBankDemo = { url: "http://127.0.0.1:41234", adminToken: "…" }
 */
export interface RealBankDemo {
  readonly url: string
  readonly adminToken: string
}

/**
 * One end-to-end scenario, run in its own pages against a running demo.
 * @example
 * const journey: Journey = { name: "purchase", run: async (ctx) => { ... } }
 */
export interface Journey {
  readonly name: string
  run(ctx: JourneyContext): Promise<void>
}

/**
 * Totals of a run.
 * @example
 * const { passed, failed } = await runJourneys(journeys, options)
 */
export interface RunSummary {
  readonly passed: number
  readonly failed: number
  readonly failures: ReadonlyArray<string>
}

/** Every page of the browser that shows something (not a blank new tab, not closed). */
const shownPages = (context: BrowserContext) =>
  context.pages().filter((page) => !page.isClosed() && page.url().startsWith("http"))

/**
 * Runs the journeys one after the other, each in fresh pages, and counts the steps that passed.
 * A failed step ends its journey (its later steps depend on it) and the run goes on to the next.
 * @example
 * const summary = await runJourneys([purchase, posDay], { url, width: 390, context, screenshotDir })
 */
export const runJourneys = async (
  journeys: ReadonlyArray<Journey>,
  options: {
    url: string
    width: number
    realBank?: RealBankDemo | undefined
    context: BrowserContext
    screenshotDir: string
    log: (line: string) => void
  }
): Promise<RunSummary> => {
  const { width } = options
  let passed = 0
  const failures: string[] = []
  // What the pages saw, printed when a step fails: API errors and browser console errors.
  let trail: string[] = []
  const note = (line: string) => {
    trail.push(line)
    if (trail.length > 40) trail = trail.slice(-40)
  }
  options.context.on("response", (response) => {
    if (response.status() >= 400)
      note(`${response.request().method()} ${response.url()} -> ${response.status()}`)
  })
  options.context.on("console", (message) => {
    if (message.type() === "error") note(`console: ${message.text()}`)
  })
  options.context.on("weberror", (error) => note(`page error: ${error.error().message}`))
  for (const journey of journeys) {
    trail = []
    options.log(`\n${journey.name} @ ${width} px`)
    const ctx: JourneyContext = {
      url: options.url,
      width,
      realBank: options.realBank,
      context: options.context,
      step: async (name, run) => {
        const started = Date.now()
        try {
          const value = await run()
          for (const page of shownPages(options.context)) await assertLayoutFits(page)
          passed++
          options.log(`  ✓ ${name} (${Date.now() - started} ms)`)
          return value
        } catch (error) {
          const message = error instanceof Error ? error.message.split("\n")[0] : String(error)
          options.log(`  ✗ ${name}: ${message}`)
          for (const line of trail) options.log(`      ${line}`)
          throw new StepFailure(`${journey.name} @ ${width} px › ${name}: ${message}`)
        }
      },
      shot: async (page, name) => {
        // A full-page picture of a scrolled page draws the sticky header halfway down.
        await page.evaluate(() => window.scrollTo(0, 0))
        await page.screenshot({ path: join(options.screenshotDir, `${width}-${name}.png`), fullPage: true })
      }
    }
    try {
      await journey.run(ctx)
    } catch (error) {
      failures.push(
        error instanceof StepFailure ? error.message : `${journey.name} @ ${width} px: ${String(error)}`
      )
      for (const page of options.context.pages()) {
        await page
          .screenshot({
            path: join(options.screenshotDir, `${width}-failure-${journey.name}-${Date.now()}.png`)
          })
          .catch(() => undefined)
      }
    }
    for (const page of options.context.pages()) await page.close().catch(() => undefined)
  }
  return { passed, failed: failures.length, failures }
}

class StepFailure extends Error {}
