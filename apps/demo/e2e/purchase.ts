import type { Journey } from "./harness.js"

const expectText = (actual: string | null, expected: RegExp, what: string) => {
  if (actual === null || !expected.test(actual))
    throw new Error(`${what}: expected ${expected}, got ${JSON.stringify(actual)}`)
}

/**
 * The shopper's journey: cart -> QR -> the simulated phone pays -> the checkout turns paid without a
 * reload -> the merchant refunds from the admin -> the order is refunded.
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
      expectText(await shop.getByTestId("cart-total").textContent(), /\d+,\d\d MDL/, "cart total")
      await shot(shop, "02-cart")
    })

    const orderId = await step("paying opens the checkout with a QR and a countdown", async () => {
      await shop.getByRole("button", { name: "Pay with MIA" }).click()
      await shop.waitForURL(/\/checkout\//)
      await shop.getByTestId("qr").locator("svg").waitFor()
      const first = await shop.getByTestId("countdown").textContent()
      expectText(first, /^\d+:\d\d$/, "countdown")
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
    await step("the admin shows the order paid, with its history", async () => {
      await admin.goto(`${url}/admin`)
      await admin.locator(`tr[data-order="${orderId}"]`).click()
      const detail = admin.getByTestId("order-detail")
      await detail.locator("[data-status=processing]").waitFor()
      await detail.getByTestId("transitions").locator("li").nth(1).waitFor()
      expectText(await detail.getByTestId("transitions").textContent(), /pending → processing/, "history")
      await shot(admin, "07-admin-paid")
    })

    await step("a full refund from the admin refunds the order", async () => {
      const detail = admin.getByTestId("order-detail")
      await detail.getByRole("button", { name: "Refund" }).click()
      await detail.locator(".badge[data-status=refunded]").waitFor({ timeout: 15_000 })
      expectText(await detail.getByTestId("transitions").textContent(), /→ refunded/, "history")
      await shot(admin, "08-admin-refunded")
    })

    await step("the storefront sees the refund", async () => {
      await shop.reload()
      await shop.locator("[data-testid=order-status] [data-status=refunded]").waitFor()
    })
  }
}
