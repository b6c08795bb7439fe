import { afterEach, describe, expect, it } from "vitest"
import { formatCountdown, formatDateTime, formatMinor, formatMoney } from "../src/format.js"
import { readableNote } from "../src/history-note.js"

const zone = process.env.TZ
afterEach(() => {
  if (zone === undefined) delete process.env.TZ
  else process.env.TZ = zone
})

describe("formatMoney", () => {
  it("writes every amount one way: comma before the bani, dots between thousands, the currency", () => {
    expect(formatMoney(619.5)).toBe("619,50 MDL")
    expect(formatMoney(149.9)).toBe("149,90 MDL")
    expect(formatMoney(0.29)).toBe("0,29 MDL")
    expect(formatMoney(0)).toBe("0,00 MDL")
    expect(formatMoney(1234.5)).toBe("1.234,50 MDL")
    expect(formatMoney(100_000)).toBe("100.000,00 MDL")
    expect(formatMoney(5.5, "EUR")).toBe("5,50 EUR")
  })

  it("formats whole bani exactly, negatives included", () => {
    expect(formatMinor(61950)).toBe("619,50 MDL")
    expect(formatMinor(1)).toBe("0,01 MDL")
    expect(formatMinor(-550)).toBe("-5,50 MDL")
    expect(formatMinor(123456789)).toBe("1.234.567,89 MDL")
  })
})

describe("formatDateTime", () => {
  it("shows an instant in Chișinău time, winter (+2) and summer (+3)", () => {
    expect(formatDateTime("2026-12-03T12:05:00.000Z")).toBe("3 Dec 2026, 14:05")
    expect(formatDateTime("2026-07-15T21:30:59Z")).toBe("16 Jul 2026, 00:30")
    expect(formatDateTime("2026-12-03T14:05:00+02:00")).toBe("3 Dec 2026, 14:05")
    expect(formatDateTime("2026-12-03T10:05:00-0200")).toBe("3 Dec 2026, 14:05")
  })

  it("whatever the computer's own time zone is", () => {
    for (const tz of ["Asia/Tokyo", "America/Los_Angeles", "UTC"]) {
      process.env.TZ = tz
      expect(formatDateTime("2026-12-03T12:05:00.000Z")).toBe("3 Dec 2026, 14:05")
      expect(formatDateTime("2026-12-03T14:05:09")).toBe("3 Dec 2026, 14:05")
    }
  })

  it("shows the terminal's local times (no offset: already Chișinău time) as they are", () => {
    expect(formatDateTime("2026-11-21T10:49:54")).toBe("21 Nov 2026, 10:49")
    expect(formatDateTime("2026-01-02 08:00")).toBe("2 Jan 2026, 08:00")
  })

  it("leaves what is not a date-time unchanged", () => {
    expect(formatDateTime("yesterday")).toBe("yesterday")
    expect(formatDateTime("2026-13-01T10:00:00")).toBe("2026-13-01T10:00:00")
  })
})

describe("formatCountdown", () => {
  it("is mm:ss on the checkout and the till alike", () => {
    expect(formatCountdown(898)).toBe("14:58")
    expect(formatCountdown(300)).toBe("05:00")
    expect(formatCountdown(59)).toBe("00:59")
    expect(formatCountdown(0)).toBe("00:00")
    expect(formatCountdown(-3)).toBe("00:00")
    expect(formatCountdown(3600)).toBe("60:00")
  })
})

describe("readableNote", () => {
  it("rewrites the SDK's history notes in the demo's money and time formats", () => {
    expect(readableNote("Order created for 619.50 MDL")).toBe("Order created for 619,50 MDL")
    expect(readableNote("QR 2765d66b-795c shown, valid until 2026-12-03T18:38:28.288Z")).toBe(
      "QR 2765d66b-795c shown, valid until 3 Dec 2026, 20:38"
    )
    expect(readableNote("Payment a9c8e573 of 1234.50 MDL received")).toBe(
      "Payment a9c8e573 of 1.234,50 MDL received"
    )
  })

  it("leaves ids and other numbers alone", () => {
    expect(readableNote("Refund 3.14159 of order 1001 by admin")).toBe(
      "Refund 3.14159 of order 1001 by admin"
    )
    expect(readableNote("version 1.2.30 MDL")).toBe("version 1.2.30 MDL")
  })
})
