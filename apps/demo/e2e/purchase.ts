import type { Request } from "playwright-core"
import { expectText } from "./expect.js"
import type { Journey } from "./harness.js"
import { COUNTDOWN_FORMAT, justNowInShopTime, SHOP_TIME_FORMAT } from "./shop-time.js"

/**
 * The shopper's journey: cart -> QR -> the simulated phone pays -> the checkout turns paid without a
 * reload -> the merchant refunds from the admin: a typo sends nothing, every refund waits for its
 * confirmation (which shows the amount), "5,50" refunds 5,50 MDL, a double click refunds once, an
 * empty field refunds the rest -> the order is refunded.
 * @example
 * await runJourneys([purchase], options)
 */
export const purchase: Journey = {
  name: "purchase",
  run: async ({ url, context, step, shot }) => {
    const shop = await context.newPage()

    await step("the shop lists the catalog", async () => {
      await shop.goto(url)
      await shop.locator("[data-product]").first().waitFor()
      await shot(shop, "01-shop")
    })

    await step("two products go into the cart", async () => {
      await shop.locator("[data-product]").nth(0).getByRole("button", { name: "Add to cart" }).click()
      await shop.locator("[data-product]").nth(1).getByRole("button", { name: "Add to cart" }).click()
      await shop.locator("[data-product]").nth(1).getByRole("button", { name: "Add to cart" }).click()
      expectText(await shop.getByTestId("cart-total").textContent(), /^\d+,\d\d MDL$/, "cart total")
      await shot(shop, "02-cart")
    })

    const orderId = await step("paying opens the checkout with a QR and an mm:ss countdown", async () => {
      await shop.getByRole("button", { name: "Pay with MIA" }).click()
      await shop.waitForURL(/\/checkout\//)
      await shop.getByTestId("qr").locator("svg").waitFor()
      const first = await shop.getByTestId("countdown").textContent()
      expectText(first, COUNTDOWN_FORMAT, "countdown")
      await shop.waitForFunction(
        (before) => document.querySelector("[data-testid=countdown]")?.textContent !== before,
        first,
        { timeout: 5000 }
      )
      expectText(await shop.getByTestId("order-status").textContent(), /Awaiting payment/, "order status")
      await shot(shop, "03-checkout-qr")
      return decodeURIComponent(new URL(shop.url()).pathname.split("/").pop() ?? "")
    })

    const phone = await context.newPage()
    await step("the simulated phone opens the QR and shows the amount", async () => {
      const href = await shop.getByTestId("open-phone").getAttribute("href")
      if (href === null) throw new Error("no 'Open on the simulated phone' link")
      await phone.goto(new URL(href, url).toString())
      await phone.getByTestId("phone-confirm").waitFor()
      const shopAmount = await shop.getByTestId("amount").textContent()
      expectText(
        await phone.getByTestId("phone-amount").textContent(),
        new RegExp(`^${shopAmount}$`),
        "phone amount"
      )
      await shot(phone, "04-phone-confirm")
    })

    await step("the phone pays through the sandbox bank", async () => {
      await phone.getByRole("button", { name: "Pay", exact: true }).click()
      await phone.getByTestId("phone-paid").waitFor()
      await shot(phone, "05-phone-paid")
    })

    await step("the checkout turns paid without a reload", async () => {
      await shop.bringToFront()
      await shop.getByTestId("paid-banner").waitFor({ timeout: 15_000 })
      await shop.locator("[data-testid=order-status] [data-status=processing]").waitFor()
      await shot(shop, "06-checkout-paid")
    })

    const admin = await context.newPage()
    const refunds: Request[] = []
    admin.on("request", (request) => {
      if (request.method() === "POST" && /\/api\/mia\/orders\/[^/]+\/refunds$/.test(request.url()))
        refunds.push(request)
    })
    await step("the admin shows the order paid, with its history, in Chișinău time", async () => {
      await admin.goto(`${url}/admin`)
      const row = admin.locator(`tr[data-order="${orderId}"]`)
      const created = (await row.getByTestId("order-created").textContent()) ?? ""
      expectText(created, SHOP_TIME_FORMAT, "created")
      // The browser runs in Tokyo: only Chișinău time matches the shop's clock.
      if (!justNowInShopTime().includes(created))
        throw new Error(`created ${created}, not Chișinău time (${justNowInShopTime().join(" or ")})`)
      await row.click()
      const detail = admin.getByTestId("order-detail")
      await detail.locator("[data-status=processing]").waitFor()
      await detail.getByTestId("transitions").locator("li").nth(1).waitFor()
      expectText(await detail.getByTestId("transitions").textContent(), /pending → processing/, "history")
      for (const time of await detail.getByTestId("transition-time").allTextContents())
        expectText(time, SHOP_TIME_FORMAT, "history time")
      // The SDK's notes ("… for 619.50 MDL", "valid until 2026-12-03T18:38:28.288Z") read like the rest.
      const history = (await detail.getByTestId("transitions").textContent()) ?? ""
      const raw = /\d\.\d{2} MDL|\d{4}-\d{2}-\d{2}T\d/.exec(history)
      if (raw !== null) throw new Error(`the history shows ${raw[0]} in another format`)
      expectText(history, /Order created for \d+,\d{2} MDL/, "history")
      await shot(admin, "07-admin-paid")
    })

    const detail = admin.getByTestId("order-detail")
    const amountField = detail.locator("input[name=amount]")
    const refundButton = detail.getByRole("button", { name: "Refund", exact: true })
    const confirmBox = detail.getByTestId("refund-confirm")
    const refunded = async (expected: RegExp) => {
      await admin.waitForFunction(
        (pattern) =>
          new RegExp(pattern).test(
            document.querySelector("[data-testid=refunded-amount]")?.textContent ?? ""
          ),
        expected.source
      )
    }

    await step('a refund of "abc" shows why next to the field and sends nothing', async () => {
      for (const [typed, why] of [
        ["abc", /"abc" is not an amount: type lei such as 5,50/],
        ["-5", /greater than 0/],
        ["5.555", /At most 2 decimals/],
        ["0", /greater than 0/]
      ] as const) {
        await amountField.fill(typed)
        await refundButton.click()
        await detail.getByTestId("amount-error").filter({ hasText: why }).waitFor({ timeout: 5000 })
        if ((await amountField.getAttribute("aria-invalid")) !== "true")
          throw new Error(`the field is not marked invalid for ${typed}`)
        if (await confirmBox.isVisible()) throw new Error(`${typed} was offered for confirmation`)
      }
      await amountField.fill("abc")
      await refundButton.click()
      await detail.getByTestId("amount-error").waitFor()
      await shot(admin, "07a-admin-refund-refused")
      if (refunds.length !== 0) throw new Error(`${refunds.length} refund request(s) were sent`)
      expectText(await detail.getByTestId("refunded-amount").textContent(), /^0,00 MDL$/, "refunded")
      await detail.locator(".badge[data-status=processing]").waitFor()
    })

    await step("a refund waits for a confirmation that shows its amount; Back sends nothing", async () => {
      await amountField.fill("5,50")
      await refundButton.click()
      await confirmBox.waitFor()
      expectText(await confirmBox.getByTestId("refund-confirm-amount").textContent(), /^5,50 MDL$/, "confirm")
      expectText(
        await confirmBox.getByTestId("refund-confirm-yes").textContent(),
        /^Yes, refund 5,50 MDL$/,
        "yes"
      )
      await shot(admin, "07b-admin-refund-confirm")
      await admin.waitForTimeout(300)
      if (refunds.length !== 0) throw new Error("the refund left before it was confirmed")
      await confirmBox.getByTestId("refund-confirm-no").click()
      await confirmBox.waitFor({ state: "detached" })
      await refundButton.waitFor()
      if (refunds.length !== 0) throw new Error("Back sent the refund")
      expectText(await detail.getByTestId("refunded-amount").textContent(), /^0,00 MDL$/, "refunded")
    })

    await step('a confirmed refund of "5,50" refunds 5,50 MDL', async () => {
      await detail
        .getByTestId("refund-preview")
        .filter({ hasText: /^Partial refund: 5,50 MDL of / })
        .waitFor()
      await refundButton.click()
      await confirmBox.getByTestId("refund-confirm-yes").click()
      await refunded(/^5,50 MDL$/)
      expectText(await detail.getByTestId("refund-result").textContent(), /^Refunded 5,50 MDL/, "result")
      const [sent] = refunds
      if (refunds.length !== 1 || sent === undefined)
        throw new Error(`${refunds.length} refund requests sent`)
      const body: unknown = sent.postDataJSON()
      if (JSON.stringify(body) !== JSON.stringify({ reason: "Customer returned the goods", amount: 5.5 }))
        throw new Error(`sent ${JSON.stringify(body)}`)
      if (!/^[0-9a-f]{32}$/.test((await sent.allHeaders())["idempotency-key"] ?? ""))
        throw new Error("the refund went without an Idempotency-Key")
      await detail.locator(".badge[data-status=processing]").waitFor()
      await shot(admin, "07c-admin-partial-refund")
    })

    await step("a double click on the confirmation refunds once", async () => {
      await amountField.fill("1")
      await refundButton.click()
      await confirmBox.getByTestId("refund-confirm-yes").dblclick()
      await refunded(/^6,50 MDL$/)
      await detail
        .getByTestId("refund-result")
        .filter({ hasText: /^Refunded 1,00 MDL/ })
        .waitFor()
      // A second request would have left at the second click, before the first one's answer.
      if (refunds.length !== 2) throw new Error(`the double click sent ${refunds.length - 1} refund requests`)
    })

    await step(
      "an empty amount refunds the rest, after confirming it, and the order is refunded",
      async () => {
        await amountField.fill("")
        const preview = await detail
          .getByTestId("refund-preview")
          .filter({ hasText: /^Full refund: / })
          .textContent()
        const rest = /^Full refund: (.+ MDL)\.$/.exec(preview ?? "")?.[1]
        await refundButton.click()
        expectText(
          await confirmBox.getByTestId("refund-confirm-amount").textContent(),
          new RegExp(`^${rest}$`),
          "confirm"
        )
        await confirmBox.getByTestId("refund-confirm-yes").click()
        await detail.locator(".badge[data-status=refunded]").waitFor({ timeout: 15_000 })
        expectText(await detail.getByTestId("transitions").textContent(), /→ refunded/, "history")
        const body: unknown = refunds.at(-1)?.postDataJSON()
        if (JSON.stringify(body) !== JSON.stringify({ reason: "Customer returned the goods" }))
          throw new Error(`a full refund sent ${JSON.stringify(body)}`)
        await shot(admin, "08-admin-refunded")
      }
    )

    await step("the storefront sees the refund", async () => {
      await shop.reload()
      await shop.locator("[data-testid=order-status] [data-status=refunded]").waitFor()
    })
  }
}
