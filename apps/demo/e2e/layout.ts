import type { Page } from "playwright-core"

/**
 * The window widths every journey runs at: a phone (390 px, an iPhone 12 to 15) and a laptop.
 * `MIA_DEMO_E2E_WIDTHS=390` runs one of them while working on it.
 * @example
 * for (const width of E2E_WIDTHS) await runAt(width)
 */
export const E2E_WIDTHS: ReadonlyArray<number> = (process.env.MIA_DEMO_E2E_WIDTHS ?? "390,1280")
  .split(",")
  .map((width) => Number(width.trim()))
  .filter((width) => Number.isInteger(width) && width > 0)

/**
 * The narrowest a card may get. A fixed side column beside a shrinking one doesn't always push the
 * page sideways: it can squeeze the other column until its words stack one per line, which
 * `scrollWidth` alone never sees.
 */
const MIN_CARD_WIDTH = 240

/**
 * Fails when the page is wider than its window (it would scroll sideways) or when a card is
 * squeezed narrower than {@link MIN_CARD_WIDTH}: the layout broke at this width. The message
 * names the page and the innermost elements that stick out, or the squeezed cards.
 * @example
 * await assertLayoutFits(page) // throws "/admin is 452 px wide in a 390 px window: …"
 */
export const assertLayoutFits = async (page: Page): Promise<void> => {
  // Only anonymous functions passed as arguments in here: the test runner's compiler wraps the
  // named ones (`const f = () => …`) in a helper that exists in Node, not in the page.
  const found = await page.evaluate((minCard) => {
    const width = window.innerWidth
    const outside = [...document.querySelectorAll("body *")].filter(
      (element) => element.getBoundingClientRect().right > width + 0.5
    )
    return {
      path: location.pathname,
      width,
      scrollWidth: document.documentElement.scrollWidth,
      // The innermost culprits: elements sticking out none of whose children do.
      outside: outside
        .filter((element) => ![...element.children].some((child) => outside.includes(child)))
        .slice(0, 3)
        .map((element) => ({
          tag: element.tagName,
          classes: [...element.classList],
          testId: element.getAttribute("data-testid"),
          px: Math.round(element.getBoundingClientRect().right)
        })),
      squeezed: [...document.querySelectorAll(".card")]
        .map((element) => ({
          tag: element.tagName,
          classes: [...element.classList],
          testId: element.getAttribute("data-testid"),
          px: Math.round(element.getBoundingClientRect().width),
          shown: element.getBoundingClientRect().height > 0
        }))
        .filter((card) => card.shown && card.px < minCard)
        .slice(0, 3)
    }
  }, MIN_CARD_WIDTH)
  const label = (element: { tag: string; classes: string[]; testId: string | null; px: number }) =>
    `${element.tag.toLowerCase()}${element.classes.map((name) => `.${name}`).join("")}${element.testId === null ? "" : `[data-testid=${element.testId}]`} (${element.px} px)`
  if (found.scrollWidth > found.width) {
    throw new Error(
      `${found.path} is ${found.scrollWidth} px wide in a ${found.width} px window (it scrolls sideways): ${found.outside.map(label).join(", ") || "no single element"} stick(s) out`
    )
  }
  if (found.squeezed.length > 0) {
    throw new Error(
      `${found.path} squeezes cards below ${MIN_CARD_WIDTH} px in a ${found.width} px window: ${found.squeezed.map(label).join(", ")}`
    )
  }
}
