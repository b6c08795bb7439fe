import { type Order, type OrderStore, toOrderView } from "@mia-sdk/webhooks"
import { type Request, Router } from "express"
import type { AdminOrder, ReconcileSummary } from "../../shared/types.js"
import { DemoInputError } from "../demo-input-error.js"

const adminView = (order: Order): AdminOrder => ({
  order: toOrderView(order),
  description: order.description,
  createdAt: order.createdAt,
  transitions: order.history.map((t) => ({
    at: t.at,
    from: t.from,
    to: t.to,
    actor: t.actor,
    reason: t.reason
  }))
})

/**
 * The back office: orders with their history, and reconciliation on demand. Refunds go through
 * the `miaCheckout` router's refund route, like any merchant integration would do it.
 * @example
 * app.use("/api/admin", adminRoutes({ store, reconcile }))
 */
export const adminRoutes = ({
  store,
  reconcile
}: {
  store: OrderStore
  reconcile: () => Promise<ReconcileSummary>
}): Router => {
  const router = Router()
  router.get("/orders", async (_req, res) => {
    const orders = await store.listOrders({ limit: 500 })
    res.json([...orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(adminView))
  })
  router.get("/orders/:orderId", async (req: Request<{ orderId: string }>, res) => {
    const order = await store.getOrder(req.params.orderId)
    if (order === undefined)
      throw new DemoInputError("orderId", `There is no order ${req.params.orderId}.`, 404)
    res.json(adminView(order))
  })
  router.post("/reconcile", async (_req, res) => {
    res.json(await reconcile())
  })
  return router
}
