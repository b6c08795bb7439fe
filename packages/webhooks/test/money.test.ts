import { describe, expect, it } from "vitest"
import { amountProblem, formatMoney, fromMinorUnits, toMinorUnits } from "../src/index.js"

describe("money in minor units", () => {
  it.each([
    [150.25, 15025],
    [0.1 + 0.2, 30],
    [100_000, 10_000_000],
    [0.01, 1],
    [19.99, 1999]
  ])("%d lei is %i bani", (amount, minor) => {
    expect(toMinorUnits(amount)).toBe(minor)
    expect(fromMinorUnits(minor)).toBeCloseTo(amount, 10)
  })

  it.each([1.005, 0.001, Number.NaN, Number.POSITIVE_INFINITY])("refuses %d", (amount) => {
    expect(toMinorUnits(amount)).toBeUndefined()
  })

  it("formats and validates", () => {
    expect(formatMoney(15025, "MDL")).toBe("150.25 MDL")
    expect(formatMoney(5, "MDL")).toBe("0.05 MDL")
    expect(amountProblem(10.5)).toBeUndefined()
    expect(amountProblem(0)).toBe("must be greater than 0")
    expect(amountProblem(-1)).toBe("must be greater than 0")
    expect(amountProblem(100_000.01)).toBe("must be at most 100000")
    expect(amountProblem(1.234)).toBe("must have at most 2 decimals")
    expect(amountProblem("10")).toBe("must be a number")
  })
})
