import {
  createMiaCallbackHandler,
  type MiaCallbackHandlerOptions,
  type MiaCallbackResult
} from "../callback/handle-callback.js"
import type { MiaFetchHandler } from "./fetch-handler.js"
import { MiaHttpError } from "./http-error.js"
import { checkNumber, errorListener } from "./internal/handler-options.js"
import { readBytes } from "./internal/read-body.js"
import { jsonResponse } from "./internal/respond.js"
import { problemResponse, toProblem } from "./problem-details.js"

const OWNER = "createMiaWebhookHandler"

/**
 * Options of {@link createMiaWebhookHandler}: those of `createMiaCallbackHandler` plus the body
 * limit and a hook to observe results.
 *
 * @example
 * import type { MiaWebhookHandlerOptions } from "@mia-sdk/webhooks/web"
 *
 * const options: MiaWebhookHandlerOptions = {
 *   signatureKey: process.env.MIA_SIGNATURE_KEY!,
 *   store,
 *   confirmWith: client,
 *   onResult: (result) => console.info("MIA callback", result.outcome, result.payId)
 * }
 */
export interface MiaWebhookHandlerOptions extends MiaCallbackHandlerOptions {
  /** Largest accepted callback body. Default 64 KiB. */
  readonly bodyLimitBytes?: number | undefined
  /** Called after each POST with what happened (for logs and metrics). */
  readonly onResult?: ((result: MiaCallbackResult, request: Request) => void) | undefined
}

const methodNotAllowed = () =>
  new MiaHttpError(405, "method_not_allowed", "Method not allowed", "The MIA callback endpoint takes POST.", {
    headers: { Allow: "GET, HEAD, POST" }
  })

/**
 * The callback endpoint maib POSTs payment notifications to, as a Web-standard handler. It reads
 * the body's bytes itself (so the signature is checked over exactly what the bank sent),
 * verifies them, applies the payment through the store and answers 200 (applied or duplicate),
 * 401 (bad signature), 400 (malformed) or 503 (store down: the bank re-sends), like `miaWebhook`
 * of `@mia-sdk/express`. GET and HEAD answer 200 for uptime checks; other methods 405. It
 * answers whatever path it is mounted at, and takes no cookies or origins into account: the bank
 * calls it server to server, and the signature is what counts.
 *
 * @example
 * // app/api/mia/callback/route.ts (Next.js App Router)
 * import { createMiaWebhookHandler } from "@mia-sdk/webhooks/web"
 * import { client, store } from "@/lib/orders"
 *
 * const handler = createMiaWebhookHandler({ signatureKey: process.env.MIA_SIGNATURE_KEY!, store, confirmWith: client })
 * export const POST = handler
 * export const GET = handler
 * export const runtime = "nodejs"
 */
export const createMiaWebhookHandler = (options: MiaWebhookHandlerOptions): MiaFetchHandler => {
  checkNumber(OWNER, "bodyLimitBytes", options?.bodyLimitBytes, 1)
  const handler = createMiaCallbackHandler(options)
  const limit = options.bodyLimitBytes ?? 64 * 1024
  // `onError` is the callback handler's (store and bank failures, answered 503 by it); what fails
  // out here is a throwing `onResult`, which goes to the console like any unexpected error.
  const report = errorListener(OWNER, undefined)
  return async (request) => {
    try {
      if (request.method === "GET") return jsonResponse(200, { ok: true, endpoint: "mia-callback" })
      if (request.method === "HEAD")
        return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } })
      if (request.method !== "POST") throw methodNotAllowed()
      const result = await handler.handle(await readBytes(request, limit))
      options.onResult?.(result, request)
      return jsonResponse(result.status, result.body)
    } catch (error) {
      if (toProblem(error).status >= 500) report(error, request)
      return problemResponse(error, request)
    }
  }
}
