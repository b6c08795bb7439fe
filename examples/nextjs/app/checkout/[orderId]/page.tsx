import { toOrderView } from "@mia-sdk/webhooks"
import { notFound } from "next/navigation"
import { mia } from "@/lib/mia"
import { Checkout } from "./checkout"

export const dynamic = "force-dynamic"

export default async function CheckoutPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params
  const order = await mia().store.getOrder(orderId)
  if (order === undefined) notFound()
  const view = toOrderView(order)
  return (
    <main>
      <h1>Your order</h1>
      <p data-testid="order-summary">{`${view.amount.toFixed(2)} ${view.currency}, order ${view.orderId}`}</p>
      {/* A client component: creates the QR through /api/mia and follows the payment live. */}
      <Checkout orderId={orderId} />
    </main>
  )
}
