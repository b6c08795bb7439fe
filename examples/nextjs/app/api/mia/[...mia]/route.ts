// Checkout (creates the order's QR at the bank), order status and live status events for the
// @mia-sdk/react hooks: POST /api/mia/orders/:id/checkout, GET /api/mia/orders/:id(/events).
import { mia } from "@/lib/mia"

export const runtime = "nodejs"
export const dynamic = "force-dynamic"

export const GET = (request: Request) => mia().checkout(request)
export const POST = (request: Request) => mia().checkout(request)
