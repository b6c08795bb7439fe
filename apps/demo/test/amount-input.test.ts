import { describe, expect, it } from "vitest"
import { readRefundAmount } from "../src/admin/refund-amount.js"
import { readAmountInput } from "../src/amount-input.js"
import { pressKey } from "../src/till/amount-keys.js"

const refusal = (text: string) => {
  const read = readAmountInput(text)
  if (read.ok) throw new Error(`${text} was accepted as ${read.minor} bani`)
  return read.message
}

describe("readAmountInput", () => {
  it("reads lei with a comma or a dot, exactly, in bani", () => {
    expect(readAmountInput("149,90")).toEqual({ ok: true, minor: 14990 })
    expect(readAmountInput("149.9")).toEqual({ ok: true, minor: 14990 })
    expect(readAmountInput(" 5 ")).toEqual({ ok: true, minor: 500 })
    expect(readAmountInput("100000")).toEqual({ ok: true, minor: 10_000_000 })
  })

  it("refuses a negative amount instead of dropping its minus sign", () => {
    expect(refusal("-5")).toBe("The amount must be greater than 0.")
    expect(refusal("0")).toBe("The amount must be greater than 0.")
    expect(refusal("-0,01")).toBe("The amount must be greater than 0.")
  })

  it("refuses a third decimal instead of cutting it", () => {
    expect(refusal("1.234")).toBe("At most 2 decimals: whole bani, such as 5,55.")
    expect(refusal("5,555")).toBe("At most 2 decimals: whole bani, such as 5,55.")
  })

  it("refuses what one MIA payment can't carry, and what is not a number", () => {
    expect(refusal("100000.01")).toBe("At most 100.000,00 MDL in one payment.")
    expect(refusal("abc")).toBe('"abc" is not an amount: type lei such as 5,50 or 5.50.')
    expect(refusal("1,234.50")).toMatch(/is not an amount/)
    expect(refusal("")).toBe("Type an amount in lei, such as 5,50.")
    expect(refusal("12345678901234567890123")).toBe("At most 100.000,00 MDL in one payment.")
    expect(refusal("pay me whatever you think is fair")).toBe(
      '"pay me whatever you…" is not an amount: type lei such as 5,50 or 5.50.'
    )
  })

  it("says every refusal in one sentence ending in one period", () => {
    for (const text of ["-5", "0", "1.234", "100000.01", "abc", ""]) expect(refusal(text)).toMatch(/[^.]\.$/)
  })
})

describe("readRefundAmount", () => {
  it("reads an empty field as everything that is left", () => {
    expect(readRefundAmount("", 61950)).toEqual({ ok: true, minor: undefined })
    expect(readRefundAmount("5,50", 61950)).toEqual({ ok: true, minor: 550 })
  })

  it("refuses more than is left, and says how to refund everything", () => {
    expect(readRefundAmount("620", 61950)).toEqual({
      ok: false,
      message: "At most 619,50 MDL is left to refund."
    })
    expect(readRefundAmount("0", 61950)).toEqual({
      ok: false,
      message: "The amount must be greater than 0. Leave it empty to refund everything."
    })
  })
})

describe("the till's keypad", () => {
  it("types what is pressed, and refuses nothing by itself", () => {
    expect(["1", "4", "9", ",", "9", "0"].reduce(pressKey, "")).toBe("149,90")
    expect(pressKey("0", "5")).toBe("5")
    expect(pressKey("0", ",")).toBe("0,")
    expect(pressKey("1,23", "4")).toBe("1,234")
    expect(pressKey("12", "⌫")).toBe("1")
    expect(pressKey("", "⌫")).toBe("")
  })
})
