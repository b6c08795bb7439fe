import type { MiaErrorMiddleware, MiaRequest } from "../http-types.js"
import { sendProblem } from "../internal/send.js"
import { toProblem } from "./problem-details.js"

/**
 * Options of {@link miaErrorHandler}.
 *
 * @example
 * const options: MiaErrorHandlerOptions = { log: (error, req) => logger.error({ err: error, url: req.url }) }
 */
export interface MiaErrorHandlerOptions {
  /**
   * Told about every error answered with a 5xx (the full error stays on the server). Defaults to
   * `console.error`; pass `() => {}` to silence.
   */
  readonly log?: ((error: unknown, req: MiaRequest) => void) | undefined
}

/**
 * Express error middleware that answers SDK and router errors with RFC 9457
 * `application/problem+json` (see {@link toProblem} for the mapping). Mount it after the routers.
 * Responses already streaming (server-sent events) are passed on to Express's own handling.
 *
 * @example
 * import express from "express"
 * import { miaCheckout, miaErrorHandler } from "@mia-sdk/express"
 *
 * const app = express()
 * app.use("/api/mia", miaCheckout({ store, client, callbackUrl: "https://shop.md/mia/callback" }))
 * app.use(miaErrorHandler())
 */
export const miaErrorHandler = (options: MiaErrorHandlerOptions = {}): MiaErrorMiddleware => {
  const log =
    options.log ??
    ((error: unknown, req: MiaRequest) => console.error(`[@mia-sdk/express] ${req.method} ${req.url}`, error))
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error)
      return
    }
    const problem = toProblem(error)
    if (problem.status >= 500) log(error, req)
    sendProblem(res, problem, req.originalUrl ?? req.url)
  }
}
