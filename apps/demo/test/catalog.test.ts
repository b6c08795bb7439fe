import { describe, expect, it } from "vitest"
import { PRODUCTS, priceCart } from "../server/catalog.js"
import { DemoInputError } from "../server/demo-input-error.js"

const fieldOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof DemoInputError) return { field: error.field, message: error.message }
    throw error
  }
  throw new Error("expected a DemoInputError")
}

describe("priceCart", () => {
  it("prices in whole bani, with no floating-point drift", () => {
    // 3 × 35.25 + 349.99 = 455.74 exactly; summing floats would give 455.73999…
    const cart = priceCart({
      items: [
        { productId: "placinta", quantity: 3 },
        { productId: "moka-pot", quantity: 1 }
      ]
    })
    expect(cart.amountMinor).toBe(45574)
    expect(cart.description).toBe("Cafeneaua Mia: 3 × Plăcintă with cheese, 1 × Moka pot, 3 cups")
  })

  it("takes prices from the catalog only", () => {
    const cart = priceCart({ items: [{ productId: "cup", quantity: 2, price: 0.01 }] })
    expect(cart.amountMinor).toBe(24000)
  })

  it("rejects an empty or missing cart", () => {
    expect(fieldOf(() => priceCart({ items: [] })).field).toBe("items")
    expect(fieldOf(() => priceCart(null)).field).toBe("items")
    expect(fieldOf(() => priceCart({})).message).toMatch(/productId, quantity/)
  })

  it("names the unknown product and the bad quantity", () => {
    expect(fieldOf(() => priceCart({ items: [{ productId: "tea", quantity: 1 }] }))).toEqual({
      field: "items[0].productId",
      message: 'Unknown product "tea".'
    })
    for (const quantity of [0, -1, 1.5, 101, "2"]) {
      expect(fieldOf(() => priceCart({ items: [{ productId: "cup", quantity }] })).field).toBe(
        "items[0].quantity"
      )
    }
  })

  it("refuses a total over what one MIA payment can carry", () => {
    const items = Array.from({ length: 3 }, () => ({ productId: "gift-card", quantity: 100 }))
    expect(fieldOf(() => priceCart({ items })).message).toMatch(/100 000 MDL/)
  })

  it("keeps the description within the QR's 500 characters", () => {
    const items = PRODUCTS.flatMap((p) => Array.from({ length: 4 }, () => ({ productId: p.id, quantity: 1 })))
    expect(priceCart({ items }).description.length).toBeLessThanOrEqual(500)
  })

  it("has prices MIA accepts: positive, at most two decimals", () => {
    for (const product of PRODUCTS) {
      expect(product.price).toBeGreaterThan(0)
      expect(Math.round(product.price * 100) / 100).toBe(product.price)
    }
  })
})
