import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { formatMinorUnits, fromMinorUnits, MIA_MAX_AMOUNT, toMinorUnits } from "../src/index.js"

describe("exact money", () => {
  it.each([
    [150.29, 15029],
    [0.29, 29],
    [0.1 + 0.2, 30],
    [100000, 10_000_000],
    [0, 0],
    [-12.5, -1250]
  ])("%s lei is %s bani", (lei, bani) => {
    expect(toMinorUnits(lei)).toBe(bani)
  })

  it.each([[0.295], [1.001], [Number.NaN], [Number.POSITIVE_INFINITY]])("refuses %s", (lei) => {
    expect(toMinorUnits(lei)).toBeUndefined()
  })

  it("round-trips every two-decimal amount up to the MIA maximum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MIA_MAX_AMOUNT * 100 }), (bani) => {
        expect(toMinorUnits(fromMinorUnits(bani))).toBe(bani)
        expect(Number(formatMinorUnits(bani))).toBe(fromMinorUnits(bani))
      }),
      { numRuns: 5000 }
    )
  })

  it("formats on integers", () => {
    expect(formatMinorUnits(5)).toBe("0.05")
    expect(formatMinorUnits(-5)).toBe("-0.05")
    expect(formatMinorUnits(10_000_000)).toBe("100000.00")
  })
})
