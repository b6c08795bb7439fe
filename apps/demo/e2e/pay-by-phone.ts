import type { Request } from "playwright-core"
import { expectText } from "./expect.js"
import type { Journey } from "./harness.js"
import { COUNTDOWN_FORMAT } from "./shop-time.js"

/**
 * Paying by phone number: a malformed number is refused at the field and nothing is sent -> the
 * request goes to the shopper's number -> the simulated phone shows it with the shop's amount ->
 * Decline, and the checkout says so -> send again -> Accept, and the checkout turns paid without a
 * reload.
 * @example
 * await runJourneys([payByPhone], options)
 */
export const payByPhone: Journey = {
  name: "pay by phone",
  run: async ({ url, context, step, shot }) => {
    const shop = await context.newPage()
    const sent: Request[] = []
    shop.on("request", (request) => {
      if (request.method() === "POST" && /\/api\/mia\/orders\/[^/]+\/rtp$/.test(request.url()))
        sent.push(request)
    })

    await step("a cart goes to checkout, which offers paying by phone number", async () => {
      await shop.goto(url)
      await shop.locator("[data-product]").first().getByRole("button", { name: "Add to cart" }).click()
      await shop.getByRole("button", { name: "Pay with MIA" }).click()
      await shop.waitForURL(/\/checkout\//)
      await shop.getByTestId("rtp-send").waitFor()
      await shot(shop, "20-checkout-phone-option")
    })

    const field = shop.getByTestId("rtp-phone")
    await step(
      "a number that is not 373 + 8 digits is refused at the field, and nothing is sent",
      async () => {
        await field.fill("+373 69 112 221")
        await shop.getByTestId("rtp-send").click()
        await shop.getByTestId("rtp-phone-error").waitFor()
        if ((await field.getAttribute("aria-invalid")) !== "true")
          throw new Error("the field is not marked invalid")
        if ((await field.inputValue()) !== "+373 69 112 221") throw new Error("the typed number was changed")
        if (sent.length !== 0) throw new Error(`${sent.length} request(s) were sent`)
      }
    )

    await step("the request goes to the number, with its countdown", async () => {
      await field.fill("37369112221")
      await shop.getByTestId("rtp-send").click()
      const waiting = shop.getByTestId("rtp-waiting")
      await waiting.waitFor()
      expectText(await waiting.textContent(), /373\*{5}221/, "masked number")
      expectText(await shop.getByTestId("rtp-countdown").textContent(), COUNTDOWN_FORMAT, "countdown")
      await shot(shop, "21-checkout-request-sent")
    })

    const phone = await context.newPage()
    const request = phone.locator("[data-rtp]")
    await step("the simulated phone shows the request with the shop's amount", async () => {
      const href = await shop.getByTestId("open-phone-requests").getAttribute("href")
      if (href === null) throw new Error("no 'Open the simulated phone' link")
      await phone.goto(new URL(href, url).toString())
      await request.first().waitFor()
      const amount = await shop.getByTestId("amount").textContent()
      expectText(await request.first().textContent(), new RegExp(`${amount}`), "amount on the phone")
      if ((await request.count()) !== 1) throw new Error(`${await request.count()} requests on the phone`)
      await shot(phone, "22-phone-request")
    })

    await step("declined on the phone, the checkout says so and offers to send again", async () => {
      await phone.getByTestId("phone-request-decline").click()
      await phone.getByTestId("phone-request-answered").filter({ hasText: "Declined" }).waitFor()
      await shop.bringToFront()
      await shop.getByTestId("rtp-declined").waitFor({ timeout: 15_000 })
      await shot(shop, "23-checkout-declined")
    })

    await step("sent again and accepted, the checkout turns paid without a reload", async () => {
      await shop.getByTestId("rtp-send").click()
      await shop.getByTestId("rtp-waiting").waitFor()
      await phone.bringToFront()
      await request.first().waitFor()
      await phone.getByTestId("phone-request-accept").click()
      await phone.getByTestId("phone-request-answered").filter({ hasText: "Paid" }).waitFor()
      await shop.bringToFront()
      await shop.getByTestId("paid-banner").waitFor({ timeout: 15_000 })
      await shop.locator("[data-testid=order-status] [data-status=processing]").waitFor()
      if (sent.length !== 2) throw new Error(`${sent.length} payment requests were sent, expected 2`)
      await shot(shop, "24-checkout-paid-by-phone")
    })
  }
}
