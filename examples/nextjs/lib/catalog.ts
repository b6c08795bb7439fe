/** What the shop sells. Prices live on the server: the browser only ever names a product. */
export const products = {
  book: { name: "Chișinău street guide", amount: 150.25 }
} as const

export type ProductId = keyof typeof products

export const isProductId = (value: unknown): value is ProductId =>
  typeof value === "string" && Object.hasOwn(products, value)
