import { readFile } from "node:fs/promises"
import type { Journey } from "./harness.js"

/**
 * The cashier's day at the till: activate the terminal with the code from the sandbox's SMS inbox,
 * log in, open the shift, charge an amount (the simulated phone pays the QR, the till sees it
 * live), X-report, close the shift, Z-report on screen and as a PDF.
 * @example
 * await runJourneys([posDay], options)
 */
export const posDay: Journey = {
  name: "pos-day",
  run: async ({ url, context, step, shot }) => {
    const till = await context.newPage()

    await step("the till asks to activate the terminal", async () => {
      await till.goto(`${url}/pos`)
      await till.locator("[data-testid=pos-steps][data-step=activate]").waitFor()
      await shot(till, "10-pos-activate")
    })

    await step("activation sends an SMS code, typed in from the sandbox inbox", async () => {
      await till.getByRole("button", { name: "Send activation code" }).click()
      const code = till.getByTestId("sms-code").first()
      await code.waitFor()
      const otp = (await code.textContent())?.trim() ?? ""
      if (!/^\d{6}$/.test(otp)) throw new Error(`the SMS has no 6-digit code: ${JSON.stringify(otp)}`)
      await till.locator("input[name=otp]").fill(otp)
      await shot(till, "11-pos-otp")
      await till.getByRole("button", { name: "Activate", exact: true }).click()
      await till.locator("[data-testid=pos-steps][data-step=login]").waitFor()
    })

    await step("the cashier logs in", async () => {
      await till.getByRole("button", { name: "Log in" }).click()
      await till.locator("[data-testid=pos-steps][data-step=shift]").waitFor()
      await till.getByTestId("seller-name").waitFor()
    })

    await step("the shift opens", async () => {
      await till.getByRole("button", { name: "Open shift" }).click()
      await till.locator("[data-testid=pos-steps][data-step=charge]").waitFor()
      await shot(till, "12-pos-shift-open")
    })

    const chargeId = await step("charging 149.90 MDL shows a QR", async () => {
      await till.getByLabel("Amount in MDL").fill("149.90")
      await till.getByRole("button", { name: /^Charge/ }).click()
      await till.getByTestId("charge-qr").locator("svg").waitFor()
      await shot(till, "13-pos-charge-qr")
      const href = await till.getByTestId("charge-open-phone").getAttribute("href")
      const id = new URL(href ?? "", url).searchParams.get("qrId")
      if (!id) throw new Error("the charge has no 'Open on the simulated phone' link")
      return id
    })

    await step("the simulated phone pays the till's QR", async () => {
      const phone = await context.newPage()
      await phone.goto(`${url}/phone?qrId=${encodeURIComponent(chargeId)}`)
      const amount = await phone.getByTestId("phone-amount").textContent()
      if (amount !== "149,90 MDL")
        throw new Error(`the phone shows ${JSON.stringify(amount)}, not 149,90 MDL`)
      await phone.getByRole("button", { name: "Pay", exact: true }).click()
      await phone.getByTestId("phone-paid").waitFor()
      await phone.close()
    })

    await step("the till sees the payment without a reload", async () => {
      await till.bringToFront()
      await till.locator("[data-testid=charge-result][data-phase=paid]").waitFor({ timeout: 20_000 })
      await shot(till, "14-pos-paid")
      await till.getByRole("button", { name: "Next customer" }).click()
    })

    await step("the X-report counts the payment", async () => {
      await till.getByRole("button", { name: "X-report" }).click()
      const report = till.getByTestId("x-report")
      await report.waitFor()
      const payments = await report.getByTestId("report-payments").textContent()
      if (!payments?.startsWith("1 · 149,90 MDL"))
        throw new Error(`X-report payments: ${JSON.stringify(payments)}`)
      await shot(till, "15-pos-x-report")
    })

    await step("closing the shift shows the Z-report", async () => {
      await till.getByRole("button", { name: "Close shift" }).click()
      const report = till.getByTestId("z-report")
      await report.waitFor()
      const total = await report.getByTestId("report-total").textContent()
      if (total !== "149,90 MDL") throw new Error(`Z-report total: ${JSON.stringify(total)}`)
      await shot(till, "16-pos-z-report")
    })

    await step("the Z-report downloads as a PDF", async () => {
      const [download] = await Promise.all([till.waitForEvent("download"), till.getByTestId("z-pdf").click()])
      const file = await download.path()
      const bytes = await readFile(file)
      if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") {
        throw new Error(`${download.suggestedFilename()} is not a PDF (${bytes.length} bytes)`)
      }
      if (!download.suggestedFilename().endsWith(".pdf")) {
        throw new Error(`the download is named ${download.suggestedFilename()}`)
      }
    })
  }
}
