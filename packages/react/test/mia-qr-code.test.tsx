import { cleanup, render, screen } from "@testing-library/react"
import { encode } from "uqr"
import { afterEach, describe, expect, it, vi } from "vitest"
import { MiaQrCode } from "../src/index.js"
import { qrPath } from "../src/qr/qr-path.js"

const url = "https://mia-qr.bnm.md/1/m/BNM/AGR8d3b9c6a1f4e4e0f8b0a5c2d7e6f1a2b"

/** Redraws the dark modules a path describes, to compare them with the encoder's matrix. */
const modulesOf = (d: string, extent: number, margin: number) => {
  const size = extent - 2 * margin
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false))
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y) - margin]![Number(x) - margin + i] = true
  }
  return grid
}

afterEach(cleanup)

describe("MiaQrCode", () => {
  it("is an image with an accessible name and a title", () => {
    render(<MiaQrCode value={url} label="Scan to pay 150.25 MDL" />)
    const svg = screen.getByRole("img", { name: "Scan to pay 150.25 MDL" })
    expect(svg.querySelector("title")?.textContent).toBe("Scan to pay 150.25 MDL")
    expect(svg.getAttribute("shape-rendering")).toBe("crispEdges")
  })

  it("draws exactly the encoder's modules, with a 4-module quiet zone", () => {
    render(<MiaQrCode value={url} />)
    const svg = screen.getByRole("img", { name: "QR code for MIA payment" })
    const expected = encode(url, { ecc: "M", border: 0 }).data
    const extent = expected.length + 8
    expect(svg.getAttribute("viewBox")).toBe(`0 0 ${extent} ${extent}`)
    expect(svg.getAttribute("width")).toBe("256")
    const d = svg.querySelector("path")!.getAttribute("d")!
    expect(modulesOf(d, extent, 4)).toEqual(expected)
    expect(svg.querySelector("rect")?.getAttribute("fill")).toBe("#fff")
    expect(svg.querySelector("path")?.getAttribute("fill")).toBe("#000")
  })

  it("takes size, margin, colours, ecc, title and other SVG props", () => {
    render(
      <MiaQrCode
        value={url}
        size="100%"
        margin={2}
        ecc="H"
        color="navy"
        background="ivory"
        title="Pay with MIA"
        className="qr"
        data-testid="qr"
      />
    )
    const svg = screen.getByTestId("qr")
    const expected = encode(url, { ecc: "H", border: 0 }).data
    expect(svg.getAttribute("viewBox")).toBe(`0 0 ${expected.length + 4} ${expected.length + 4}`)
    expect(svg.getAttribute("width")).toBe("100%")
    expect(svg.getAttribute("class")).toBe("qr")
    expect(svg.querySelector("title")?.textContent).toBe("Pay with MIA")
    expect(svg.getAttribute("aria-label")).toBe("QR code for MIA payment")
    expect(svg.querySelector("path")?.getAttribute("fill")).toBe("navy")
    expect(modulesOf(svg.querySelector("path")!.getAttribute("d")!, expected.length + 4, 2)).toEqual(expected)
  })

  it("throws a RangeError saying what to pass for an empty or oversized value", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined)
    expect(() => render(<MiaQrCode value="" />)).toThrow("MiaQrCode needs a value")
    expect(() => render(<MiaQrCode value={"x".repeat(5000)} />)).toThrow(
      "MiaQrCode can't encode a 5000-character value: it is too long for a QR code"
    )
  })
})

describe("qrPath", () => {
  it("merges horizontal runs into rectangles offset by the margin", () => {
    expect(
      qrPath(
        [
          [true, true, false, true],
          [false, false, false, false],
          [false, true, true, true]
        ],
        1
      )
    ).toBe("M1 1h2v1h-2zM4 1h1v1h-1zM2 3h3v1h-3z")
  })
})
