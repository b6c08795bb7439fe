import type { CreateOrderBody, Product } from "../shared/types.js"
import { DemoInputError } from "./demo-input-error.js"

/**
 * What the shop sells. Prices are in MDL; the server prices every cart from this list.
 * @example
 * const espresso = PRODUCTS.find((p) => p.id === "espresso-beans")
 */
export const PRODUCTS: ReadonlyArray<Product> = [
  {
    id: "espresso-beans",
    name: "Espresso beans, 250 g",
    description: "Dark roast from Codru Roasters: cocoa, hazelnut, a long finish.",
    price: 189.5,
    art: "beans"
  },
  {
    id: "filter-beans",
    name: "Filter beans, 250 g",
    description: "Light roast Ethiopia Yirgacheffe: jasmine and bergamot.",
    price: 215,
    art: "bag"
  },
  {
    id: "moka-pot",
    name: "Moka pot, 3 cups",
    description: "Aluminium stovetop brewer, the Chișinău kitchen classic.",
    price: 349.99,
    art: "pot"
  },
  {
    id: "cup",
    name: "Ceramic cup",
    description: "Hand-glazed in Orhei, 200 ml.",
    price: 120,
    art: "cup"
  },
  {
    id: "placinta",
    name: "Plăcintă with cheese",
    description: "Baked this morning. Best with a flat white.",
    price: 35.25,
    art: "pie"
  },
  {
    id: "gift-card",
    name: "Gift card",
    description: "Ten coffees at the café, for someone who deserves them.",
    price: 400,
    art: "gift"
  }
]

/** Largest amount one MIA payment can carry (spec §5.1). */
const MAX_AMOUNT_MINOR = 100_000 * 100

/**
 * A priced cart: integer bani (no float drift) and the text the payer sees in the banking app.
 * @example
 * const { amountMinor, description } = priceCart({ items: [{ productId: "cup", quantity: 2 }] })
 */
export interface PricedCart {
  readonly amountMinor: number
  readonly description: string
}

/**
 * Prices a cart from the catalog. Unknown products, bad quantities and totals MIA can't carry are
 * rejected with a {@link DemoInputError} that says what to fix.
 * @example
 * priceCart({ items: [{ productId: "espresso-beans", quantity: 2 }] }) // { amountMinor: 37900, description: "2 × Espresso beans, 250 g" }
 */
export const priceCart = (body: unknown): PricedCart => {
  const items = (body as Partial<CreateOrderBody> | null)?.items
  if (!Array.isArray(items) || items.length === 0) {
    throw new DemoInputError("items", "The cart is empty: send items as [{ productId, quantity }].")
  }
  let amountMinor = 0
  const lines: string[] = []
  for (const [index, item] of items.entries()) {
    const product = PRODUCTS.find((p) => p.id === item?.productId)
    if (product === undefined) {
      throw new DemoInputError(
        `items[${index}].productId`,
        `Unknown product ${JSON.stringify(item?.productId)}.`
      )
    }
    const quantity = item.quantity
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100) {
      throw new DemoInputError(`items[${index}].quantity`, "quantity must be a whole number from 1 to 100.")
    }
    amountMinor += Math.round(product.price * 100) * quantity
    lines.push(`${quantity} × ${product.name}`)
  }
  if (amountMinor > MAX_AMOUNT_MINOR) {
    throw new DemoInputError("items", "The total is over 100 000 MDL, the most one MIA payment can carry.")
  }
  return { amountMinor, description: `Cafeneaua Mia: ${lines.join(", ")}`.slice(0, 500) }
}
