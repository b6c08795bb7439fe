import type { Journey } from "./harness.js"

/**
 * The admin page when the demo talks to a real bank: it asks for the admin token (DEMO_ADMIN_TOKEN),
 * shows nothing with none or a wrong one, and with the right one lists the orders, also after a
 * reload (the token is kept for the tab). Runs against a second demo pointed at a "real" bank
 * that is never reached: the admin's orders come from the database.
 * @example
 * await runJourneys([adminToken], { ...options, realBank: { url, adminToken: token } })
 */
export const adminToken: Journey = {
  name: "admin-token",
  run: async ({ realBank, context, step, shot }) => {
    if (realBank === undefined) throw new Error("the admin-token journey needs the real-bank demo")
    const { url } = realBank
    const admin = await context.newPage()

    const orderId = await step("the shop takes an order without any token", async () => {
      const created = await admin.request.post(`${url}/api/shop/orders`, {
        data: { items: [{ productId: "cup", quantity: 1 }] }
      })
      if (created.status() !== 201) throw new Error(`creating an order answered ${created.status()}`)
      return ((await created.json()) as { orderId: string }).orderId
    })

    await step("the admin page asks for the token and shows no order without it", async () => {
      await admin.goto(`${url}/admin`)
      await admin.locator("input[name=admin-token]").waitFor()
      await admin
        .locator(".alert")
        .filter({ hasText: /type the admin token it was started with/ })
        .waitFor()
      if ((await admin.locator("tr[data-order]").count()) !== 0)
        throw new Error("orders shown without a token")
      await shot(admin, "20-admin-token-required")
    })

    await step("a wrong token is refused", async () => {
      await admin.locator("input[name=admin-token]").fill(`${realBank.adminToken}-wrong`)
      await admin.getByRole("button", { name: "Use token" }).click()
      await admin
        .locator(".alert")
        .filter({ hasText: /not the one this server was started with/ })
        .waitFor()
      if ((await admin.locator("tr[data-order]").count()) !== 0)
        throw new Error("orders shown with a wrong token")
      await admin.getByRole("button", { name: "Forget it" }).click()
    })

    await step("the right token lists the orders, also after a reload", async () => {
      await admin.locator("input[name=admin-token]").fill(realBank.adminToken)
      await admin.getByRole("button", { name: "Use token" }).click()
      await admin.locator(`tr[data-order="${orderId}"]`).waitFor()
      await admin.reload()
      await admin.locator(`tr[data-order="${orderId}"]`).click()
      await admin.getByTestId("order-detail").locator("[data-status=pending]").waitFor()
      await shot(admin, "21-admin-token-accepted")
    })
  }
}
