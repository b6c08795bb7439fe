import { allowedOriginSet, guardStateChange as guardWebRequest } from "@mia-sdk/webhooks/web"
import type { MiaRequest } from "../http-types.js"

export { allowedOriginSet }

/**
 * The SDK's one guard for state-changing routes (JSON only, no cross-site requests; see
 * `guardStateChange` of `@mia-sdk/webhooks/web`), given a Web view of Node's request.
 */
export const guardStateChange = (req: MiaRequest, allowedOrigins: ReadonlySet<string>): void => {
  const method = req.method ?? "GET"
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value)
  }
  const host = headers.get("host") ?? "localhost"
  guardWebRequest({ method, url: `http://${host}${req.url ?? "/"}`, headers }, allowedOrigins)
}
