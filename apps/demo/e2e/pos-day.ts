import { readFile } from "node:fs/promises"
import { assertHumanMessage, expectText } from "./expect.js"
import type { Journey } from "./harness.js"
import { COUNTDOWN_FORMAT, justNowInShopTime, SHOP_TIME_FORMAT } from "./shop-time.js"

/**
 * The cashier's day at the till: activate the terminal with the code from the sandbox's SMS inbox
 * (a wrong code first, answered in plain words), log in, open the shift, refuse amounts that can't
 * be charged, charge an amount (the simulated phone pays the QR, the till sees it live), a warning
 * before closing the shift over an open QR, X-report, close the shift, Z-report on screen and as a
 * PDF.
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

    const otp = await step("activation sends an SMS code to the sandbox inbox", async () => {
      await till.getByRole("button", { name: "Send activation code" }).click()
      const code = till.getByTestId("sms-code").first()
      await code.waitFor()
      const sent = (await code.textContent())?.trim() ?? ""
      if (!/^\d{6}$/.test(sent)) throw new Error(`the SMS has no 6-digit code: ${JSON.stringify(sent)}`)
      return sent
    })

    await step("a wrong code is answered in plain words, not an API log line", async () => {
      await till.locator("input[name=otp]").fill(otp === "000000" ? "111111" : "000000")
      await till.getByRole("button", { name: "Activate", exact: true }).click()
      const error = till.getByTestId("pos-error")
      await error.waitFor()
      const text = await error.textContent()
      assertHumanMessage(text, "wrong code")
      expectText(text, /code is not right/, "wrong code")
      await shot(till, "11-pos-wrong-otp")
    })

    await step("the right code from the SMS activates the terminal", async () => {
      await till.locator("input[name=otp]").fill(otp)
      await shot(till, "11a-pos-otp")
      await till.getByRole("button", { name: "Activate", exact: true }).click()
      await till.locator("[data-testid=pos-steps][data-step=login]").waitFor()
    })

    await step("the cashier logs in", async () => {
      await till.getByRole("button", { name: "Log in" }).click()
      await till.locator("[data-testid=pos-steps][data-step=shift]").waitFor()
      await till.getByTestId("seller-name").waitFor()
    })

    await step("the shift opens, stamped in Chișinău time", async () => {
      await till.getByRole("button", { name: "Open shift" }).click()
      await till.locator("[data-testid=pos-steps][data-step=charge]").waitFor()
      const opened = ((await till.getByTestId("shift-opened").textContent()) ?? "").replace(/^Opened /, "")
      expectText(opened, SHOP_TIME_FORMAT, "opened")
      if (!justNowInShopTime().includes(opened)) throw new Error(`opened ${opened}, not Chișinău time`)
      await shot(till, "12-pos-shift-open")
    })

    const amountField = till.getByLabel("Amount in MDL")
    const chargeButton = till.getByRole("button", { name: /^Charge/ })
    await step("amounts that can't be charged are refused as typed, with the reason", async () => {
      for (const [typed, why] of [
        ["-5", /greater than 0/],
        ["1.234", /At most 2 decimals/],
        ["12,345", /At most 2 decimals/],
        ["abc", /"abc" is not an amount/],
        ["0", /greater than 0/],
        ["100000.01", /At most 100\.000,00 MDL in one payment/]
      ] as const) {
        await amountField.fill(typed)
        await till.getByTestId("amount-error").filter({ hasText: why }).waitFor({ timeout: 5000 })
        // Refused, not corrected: the field still says what was typed.
        if ((await amountField.inputValue()) !== typed)
          throw new Error(`${typed} became ${JSON.stringify(await amountField.inputValue())}`)
        if (!(await chargeButton.isDisabled())) throw new Error(`Charge is enabled for ${typed}`)
        assertHumanMessage(await till.getByTestId("amount-error").textContent(), typed)
      }
      await amountField.fill("-5")
      await shot(till, "12a-pos-amount-refused")
    })

    const chargeId = await step("149,90 typed on the keypad charges 149,90 MDL with a QR", async () => {
      await amountField.fill("")
      for (const key of ["1", "4", "9", ",", "9", "0"])
        await till.locator(".keypad").getByRole("button", { name: key, exact: true }).click()
      if ((await amountField.inputValue()) !== "149,90")
        throw new Error(`the keypad typed ${await amountField.inputValue()}`)
      expectText(await chargeButton.textContent(), /^Charge 149,90 MDL$/, "charge button")
      await chargeButton.click()
      await till.getByTestId("charge-qr").locator("svg").waitFor()
      expectText(await till.getByTestId("charge-countdown").textContent(), COUNTDOWN_FORMAT, "countdown")
      await shot(till, "13-pos-charge-qr")
      const href = await till.getByTestId("charge-open-phone").getAttribute("href")
      const id = new URL(href ?? "", url).searchParams.get("qrId")
      if (!id) throw new Error("the charge has no 'Open on the simulated phone' link")
      return id
    })

    await step("closing the shift over the open QR asks first; keeping it open changes nothing", async () => {
      await till.getByRole("button", { name: "Close shift" }).click()
      const warning = till.getByTestId("close-shift-warning")
      await warning.waitFor()
      expectText(await warning.textContent(), /A QR for 149,90 MDL is still waiting for payment/, "warning")
      await shot(till, "13a-pos-close-warning")
      await warning.getByRole("button", { name: "Keep the shift open" }).click()
      await warning.waitFor({ state: "detached" })
      await till.getByTestId("charge-qr").waitFor()
      await till.locator("[data-testid=pos-steps][data-step=charge]").waitFor()
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
      expectText(await report.getByTestId("report-printed").textContent(), SHOP_TIME_FORMAT, "printed")
      await shot(till, "15-pos-x-report")
    })

    await step(
      "a second QR left open: closing cancels it after the warning, and shows the Z-report",
      async () => {
        await amountField.fill("10")
        await chargeButton.click()
        await till.getByTestId("charge-qr").waitFor()
        await till.getByRole("button", { name: "Close shift" }).click()
        const warning = till.getByTestId("close-shift-warning")
        expectText(await warning.textContent(), /A QR for 10,00 MDL is still waiting/, "warning")
        await warning.getByRole("button", { name: "Cancel the QR and close the shift" }).click()
        const report = till.getByTestId("z-report")
        await report.waitFor()
        const total = await report.getByTestId("report-total").textContent()
        if (total !== "149,90 MDL") throw new Error(`Z-report total: ${JSON.stringify(total)}`)
        await shot(till, "16-pos-z-report")
      }
    )

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
