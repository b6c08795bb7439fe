import { randomInt } from "node:crypto"
import type { OrderStore } from "@mia-sdk/webhooks"
import { type Request, Router } from "express"
import type { CreatedOrder } from "../../shared/types.js"
import { PRODUCTS, priceCart } from "../catalog.js"
import { DemoInputError } from "../demo-input-error.js"
import type { ShopperOrders } from "../shopper-orders.js"

const view = (order: {
  orderId: string
  amountMinor: number
  currency: string
  description: string
}): CreatedOrder => ({
  orderId: order.orderId,
  amount: order.amountMinor / 100,
  currency: order.currency,
  description: order.description
})

/**
 * The storefront's own API: the catalog and order creation. Prices come from the server's catalog;
 * the browser only says what and how many. A created order goes into the browser's order cookie
 * ({@link ShopperOrders}); reading one back takes `mayRead` (that cookie, or the admin token).
 * @example
 * app.use("/api/shop", shopRoutes({ store, shopperOrders, mayRead }))
 */
export const shopRoutes = ({
  store,
  shopperOrders,
  mayRead
}: {
  store: OrderStore
  shopperOrders: ShopperOrders
  mayRead: (req: Request, orderId: string) => boolean
}): Router => {
  const router = Router()
  router.get("/products", (_req, res) => {
    res.json(PRODUCTS)
  })
  router.post("/orders", async (req: Request, res) => {
    const cart = priceCart(req.body)
    // Random, not sequential: two shoppers can never be handed the same order number.
    const orderId = String(randomInt(10_000_000, 100_000_000))
    const order = await store.createOrder(
      { orderId, amount: cart.amountMinor / 100, description: cart.description },
      { actor: "storefront" }
    )
    shopperOrders.remember(req, res, order.orderId)
    res.status(201).json(view(order))
  })
  router.get("/orders/:orderId", async (req: Request<{ orderId: string }>, res) => {
    // Before the lookup, so a stranger learns nothing, not even whether the order exists.
    if (!mayRead(req, req.params.orderId))
      throw new DemoInputError("orderId", `Order ${req.params.orderId} was not created in this browser.`, 403)
    const order = await store.getOrder(req.params.orderId)
    if (order === undefined)
      throw new DemoInputError("orderId", `There is no order ${req.params.orderId}.`, 404)
    res.json(view(order))
  })
  return router
}
