// Places an order for a product: JSON `{ "productId": "book" }` answers 201 with the order; the
// home page's form gets a redirect to the order's checkout page.
import { randomUUID } from "node:crypto"
import { isProductId, products } from "@/lib/catalog"
import { mia } from "@/lib/mia"

export const runtime = "nodejs"
export const dynamic = "force-dynamic"

export async function POST(request: Request): Promise<Response> {
  const json = request.headers.get("content-type")?.startsWith("application/json") === true
  const input = json
    ? ((await request.json().catch(() => ({}))) as { productId?: unknown })
    : { productId: (await request.formData().catch(() => undefined))?.get("productId") }
  if (!isProductId(input.productId)) {
    return Response.json({ error: "unknown productId" }, { status: 400 })
  }
  const product = products[input.productId]
  // A random id: whoever knows it can pay and watch the order (see lib/mia.ts).
  const orderId = randomUUID()
  await mia().store.createOrder({ orderId, amount: product.amount, description: product.name })
  const checkoutPath = `/checkout/${orderId}`
  if (!json) return new Response(null, { status: 303, headers: { Location: checkoutPath } })
  return Response.json({ orderId, amount: product.amount, checkoutPath }, { status: 201 })
}
