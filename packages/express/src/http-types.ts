import type { IncomingMessage, ServerResponse } from "node:http"

/**
 * The request as the routers read it: Node's request plus what Express adds. Typed structurally
 * so the routers plug into Express 4 and 5 alike (and into any Connect-style server).
 *
 * @example
 * const authorizeRefund = (req: MiaRequest) => req.headers["x-admin-token"] === process.env.ADMIN_TOKEN
 */
export type MiaRequest = IncomingMessage & {
  body?: unknown
  originalUrl?: string
}

/**
 * Node's response: the routers only use `statusCode`, `setHeader`, `write` and `end`.
 *
 * @example
 * const log = (res: MiaResponse) => console.log(res.statusCode)
 */
export type MiaResponse = ServerResponse

/**
 * Express's `next`: `next()` passes on, `next(error)` goes to the error handlers.
 *
 * @example
 * const passOn = (next: MiaNext) => next()
 */
export type MiaNext = (error?: unknown) => void

/**
 * A Connect/Express middleware as the routers return it.
 *
 * @example
 * const middleware: MiaMiddleware = miaCheckout({ store, client, callbackUrl })
 * app.use("/api/mia", middleware)
 */
export type MiaMiddleware = (req: MiaRequest, res: MiaResponse, next: MiaNext) => void

/**
 * An Express error middleware (four arguments).
 *
 * @example
 * const handler: MiaErrorMiddleware = miaErrorHandler()
 * app.use(handler)
 */
export type MiaErrorMiddleware = (error: unknown, req: MiaRequest, res: MiaResponse, next: MiaNext) => void
