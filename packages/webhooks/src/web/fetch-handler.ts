/**
 * A Web-standard request handler, as Next.js route handlers, Hono (`c.req.raw`), Bun.serve, Deno
 * and Cloudflare Workers call it. It never rejects: failures are answered as problem+json.
 *
 * @example
 * import type { MiaFetchHandler } from "@mia-sdk/webhooks/web"
 *
 * const handler: MiaFetchHandler = createMiaCheckoutHandler({ store, client, callbackUrl, basePath: "/api/mia" })
 * Bun.serve({ fetch: handler })
 */
export type MiaFetchHandler = (request: Request) => Promise<Response>

/**
 * Told about every request answered with a 5xx (the full error stays on the server).
 *
 * @example
 * const onError: MiaErrorListener = (error, request) => logger.error({ err: error, url: request.url })
 */
export type MiaErrorListener = (error: unknown, request: Request) => void
