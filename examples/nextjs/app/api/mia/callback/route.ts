// The bank's callbackUrl (MIA_CALLBACK_URL). This folder wins over the [...mia] catch-all.
import { mia } from "@/lib/mia"

export const runtime = "nodejs"
export const dynamic = "force-dynamic"

export const POST = (request: Request) => mia().webhook(request)
export const GET = (request: Request) => mia().webhook(request) // uptime checks
