import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalCallbackString } from "../src/callback/canonical-string.js"

/** Spec §6.2 steps 1-6 written plainly, without the fast paths: the model the real one must match. */
const reference = (result: Record<string, unknown>, signatureKey: string) => {
  const keys = Object.keys(result)
    .filter((key) => key !== "signature")
    .sort((a, b) => {
      const upperA = a.toUpperCase()
      const upperB = b.toUpperCase()
      return upperA < upperB ? -1 : upperA > upperB ? 1 : 0
    })
  const parts: Array<string> = []
  for (const key of keys) {
    const value = result[key]
    if (value === null || value === undefined) continue
    if (typeof value === "string" && value.trim() === "") continue
    if (key === "amount" || key === "commission") {
      const number =
        typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN
      if (!Number.isFinite(number)) return { field: key, problem: "is not a number" }
      parts.push(number.toFixed(2))
    } else if (["string", "number", "boolean", "bigint"].includes(typeof value)) {
      parts.push(String(value))
    } else {
      return { field: key, problem: "is a nested object or array; MIA callback fields are flat" }
    }
  }
  parts.push(signatureKey)
  return parts.join(":")
}

// A small pool of keys, case variants included, so that the same key lists come back in other
// orders and the kept key orders are hit, missed and evicted.
const key = fc.constantFrom(
  "amount",
  "Amount",
  "commission",
  "currency",
  "payId",
  "payerIban",
  "payerName",
  "PAYID",
  "qrId",
  "signature",
  "terminalId",
  "é",
  "_x"
)
const money = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map((bani) => bani / 100),
  fc.double({ noNaN: true }),
  fc.constantFrom(1.005, 0.1 + 0.2, -0, -12.5, 1e21, 99999.995, 1e9 + 0.01),
  fc.string()
)
const value = fc.oneof(
  money,
  fc.string(),
  fc.constantFrom("", " ", "\u00a0", "\t x", " ș", "Ș", "\ufeff"),
  fc.constant(null),
  fc.boolean(),
  fc.integer()
)

describe("canonicalCallbackString", () => {
  it("builds exactly the string of spec §6.2 for any flat result (property test)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 14 }), (entries) => {
        const result = Object.fromEntries(entries)
        expect(canonicalCallbackString(result, "k")).toEqual(reference(result, "k"))
      }),
      { numRuns: 5000 }
    )
  })

  it("formats amounts as toFixed(2) does, two-decimal amounts and others alike", () => {
    fc.assert(
      fc.property(money, (amount) => {
        expect(canonicalCallbackString({ amount }, "k")).toEqual(reference({ amount }, "k"))
      }),
      { numRuns: 5000 }
    )
  })

  it("orders the same fields the same way whatever order they arrive in", () => {
    const forward = { qrId: "q", payId: "p", payerIban: "i", amount: 1, currency: "MDL" }
    const backward = Object.fromEntries(Object.entries(forward).reverse())
    expect(canonicalCallbackString(forward, "k")).toBe("1.00:MDL:i:p:q:k")
    expect(canonicalCallbackString(backward, "k")).toBe("1.00:MDL:i:p:q:k")
    expect(canonicalCallbackString(forward, "k")).toBe("1.00:MDL:i:p:q:k")
  })
})
