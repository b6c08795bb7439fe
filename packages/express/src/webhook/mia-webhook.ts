import {
  createMiaCallbackHandler,
  type MiaCallbackHandlerOptions,
  type MiaCallbackResult
} from "@mia-sdk/webhooks"
import { MiaHttpError } from "../errors/mia-http-error.js"
import type { MiaMiddleware, MiaRequest } from "../http-types.js"
import { callbackBody } from "../internal/read-body.js"
import { sendJson } from "../internal/send.js"

/**
 * Options of {@link miaWebhook}: those of `createMiaCallbackHandler` plus the body limit and a
 * hook to observe results.
 *
 * @example
 * const options: MiaWebhookOptions = {
 *   signatureKey: process.env.MIA_SIGNATURE_KEY!,
 *   store,
 *   onResult: (result) => console.info("MIA callback", result.outcome, result.payId)
 * }
 */
export interface MiaWebhookOptions extends MiaCallbackHandlerOptions {
  /** Largest accepted callback body. Default 64 KiB. */
  readonly bodyLimitBytes?: number | undefined
  /** Called after each POST with what happened (for logs and metrics). */
  readonly onResult?: ((result: MiaCallbackResult, req: MiaRequest) => void) | undefined
}

/**
 * The callback endpoint maib POSTs payment notifications to. Reads the body itself (on this route
 * only, so the signature is checked over exactly what the bank sent), verifies it, applies the
 * payment through the store and answers 200 (applied or duplicate), 401 (bad signature), 400
 * (malformed) or 503 (store down: the bank re-sends). GET answers 200 for uptime checks.
 *
 * @example
 * import express from "express"
 * import { miaWebhook } from "@mia-sdk/express"
 *
 * const app = express()
 * app.post("/mia/callback", miaWebhook({ signatureKey: process.env.MIA_SIGNATURE_KEY!, store }))
 */
export const miaWebhook = (options: MiaWebhookOptions): MiaMiddleware => {
  const handler = createMiaCallbackHandler(options)
  const limit = options.bodyLimitBytes ?? 64 * 1024
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") {
      sendJson(res, 200, { ok: true, endpoint: "mia-callback" })
      return
    }
    if (req.method !== "POST") {
      next(
        new MiaHttpError(
          405,
          "method_not_allowed",
          "Method not allowed",
          "The MIA callback endpoint takes POST.",
          {
            headers: { Allow: "GET, HEAD, POST" }
          }
        )
      )
      return
    }
    callbackBody(req, limit)
      .then((body) => handler.handle(body))
      .then((result) => {
        options.onResult?.(result, req)
        sendJson(res, result.status, result.body)
      })
      .catch(next)
  }
}
