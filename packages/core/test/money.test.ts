import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { formatMinorUnits, fromMinorUnits, MIA_MAX_AMOUNT, parseAmount, toMinorUnits } from "../src/money.js"

describe("exact money", () => {
  it.each([
    [150.29, 15029],
    [0.29, 29],
    [100000, 10_000_000],
    [0, 0],
    [-12.5, -1250],
    ["150.29", 15029],
    ["1.500", 150]
  ])("%s lei is %s bani", (lei, bani) => {
    expect(toMinorUnits(lei)).toBe(bani)
  })

  it.each([
    [0.295],
    [1.001],
    // The tolerance the rule used to have grew with the amount: a third decimal passed from 5000 lei up.
    [99999.995],
    [5000.001],
    [0.1 + 0.2],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [1e-7],
    ["1.001"],
    ["1e3"],
    ["abc"]
  ])("refuses %s", (lei) => {
    expect(toMinorUnits(lei)).toBeUndefined()
  })

  it("round-trips every two-decimal amount up to the MIA maximum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MIA_MAX_AMOUNT * 100 }), (bani) => {
        expect(toMinorUnits(fromMinorUnits(bani))).toBe(bani)
        expect(toMinorUnits(formatMinorUnits(bani))).toBe(bani)
        expect(Number(formatMinorUnits(bani))).toBe(fromMinorUnits(bani))
      }),
      { numRuns: 5000 }
    )
  })

  it("refuses every amount with a third decimal, at any size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MIA_MAX_AMOUNT * 100 - 1 }),
        fc.integer({ min: 1, max: 9 }),
        (bani, thousandth) => {
          const text = `${formatMinorUnits(bani)}${thousandth}`
          expect(toMinorUnits(text)).toBeUndefined()
          expect(toMinorUnits(Number(text))).toBeUndefined()
        }
      ),
      { numRuns: 5000 }
    )
  })

  it("formats on integers", () => {
    expect(formatMinorUnits(5)).toBe("0.05")
    expect(formatMinorUnits(-5)).toBe("-0.05")
    expect(formatMinorUnits(10_000_000)).toBe("100000.00")
  })
})

describe("parseAmount: the one amount rule", () => {
  it.each([
    [150.25, 15025],
    ["150.25", 15025],
    [100000, 10_000_000],
    [0.01, 1]
  ])("accepts %s", (value, minor) => {
    expect(parseAmount(value)).toEqual({ ok: true, minor })
  })

  it.each([
    [undefined, "required"],
    [null, "required"],
    ["", "required"],
    [0, "positive"],
    [-5, "positive"],
    ["-5", "positive"],
    [100000.01, "max_amount"],
    [1e21, "max_amount"],
    [99999.995, "max_2_decimals"],
    [0.1 + 0.2, "max_2_decimals"],
    ["5,50", "format"],
    ["abc", "format"],
    [Number.NaN, "type"],
    [true, "type"],
    [{}, "type"]
  ])("refuses %s (%s)", (value, rule) => {
    const parsed = parseAmount(value)
    expect(parsed).toMatchObject({ ok: false, rule })
    if (!parsed.ok) expect(parsed.message).toMatch(/^amount /)
  })

  it("accepts a decimal comma only when asked, and only numbers when asked", () => {
    expect(parseAmount("5,50", { decimalComma: true })).toEqual({ ok: true, minor: 550 })
    expect(parseAmount("12", { from: ["number"], field: "refund" })).toMatchObject({
      ok: false,
      rule: "type",
      message: expect.stringMatching(/^refund must be a number/)
    })
    expect(parseAmount(0, { allowZero: true })).toEqual({ ok: true, minor: 0 })
    // A negative amount that also has a third decimal breaks the sign rule first, whichever it is.
    expect(parseAmount(-0.001, { allowZero: true })).toMatchObject({ ok: false, rule: "non_negative" })
    expect(parseAmount(-0.001)).toMatchObject({ ok: false, rule: "positive" })
  })
})
