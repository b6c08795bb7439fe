import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { parsePosDateTime, withPosOffset } from "../../src/index.js"

describe("offset-less MiaPos date-times", () => {
  it("read in Chișinău time, with summer and winter offsets", () => {
    expect(parsePosDateTime("2024-04-04T10:49:54")?.toISOString()).toBe("2024-04-04T07:49:54.000Z")
    expect(parsePosDateTime("2024-12-24T10:00:00.5")?.toISOString()).toBe("2024-12-24T08:00:00.500Z")
    expect(withPosOffset("2024-04-04T10:49:54")).toBe("2024-04-04T10:49:54+03:00")
    expect(withPosOffset("2024-12-24 10:00")).toBe("2024-12-24T10:00:00+02:00")
  })

  it("are read on both sides of the daylight-saving switches", () => {
    // Moldova switches on the last Sundays of March and October. The hour of the switch differs
    // between time-zone database versions (02:00/03:00 local in older ones, the EU's 03:00/04:00 in
    // newer ones, as Node 22 and 24 ship), so these instants sit before and after both.
    expect(withPosOffset("2024-03-31T01:59:59")).toBe("2024-03-31T01:59:59+02:00")
    expect(withPosOffset("2024-03-31T04:00:00")).toBe("2024-03-31T04:00:00+03:00")
    expect(withPosOffset("2024-10-27T01:59:59")).toBe("2024-10-27T01:59:59+03:00")
    expect(withPosOffset("2024-10-27T04:00:00")).toBe("2024-10-27T04:00:00+02:00")
  })

  it("honour another zone when asked", () => {
    expect(withPosOffset("2024-07-01T12:00:00", "America/New_York")).toBe("2024-07-01T12:00:00-04:00")
    expect(parsePosDateTime("2024-07-01T12:00:00", "UTC")?.toISOString()).toBe("2024-07-01T12:00:00.000Z")
  })

  it("keep explicit offsets and leave other text alone", () => {
    expect(withPosOffset("2024-04-04T10:49:54+00:00")).toBe("2024-04-04T10:49:54+00:00")
    expect(withPosOffset("2024-04-04T10:49:54.1380956+00:00")).toBe("2024-04-04T10:49:54.1380956+00:00")
    expect(parsePosDateTime("2024-04-04T10:49:54Z")?.toISOString()).toBe("2024-04-04T10:49:54.000Z")
    expect(withPosOffset("yesterday")).toBe("yesterday")
    expect(parsePosDateTime("yesterday")).toBeUndefined()
    expect(parsePosDateTime("2024-13-45T10:00:00")).toBeUndefined()
  })

  it("the added offset always names the same instant as the parse", () => {
    const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
    fc.assert(
      fc.property(instants, (ms) => {
        const local = new Date(ms).toLocaleString("sv-SE", { timeZone: "Europe/Chisinau" }).replace(" ", "T")
        const normalized = withPosOffset(local)
        expect(Date.parse(normalized)).toBe(parsePosDateTime(local)!.getTime())
        expect(normalized).toMatch(/[+-]\d{2}:\d{2}$/)
      }),
      { numRuns: 500 }
    )
  })
})
