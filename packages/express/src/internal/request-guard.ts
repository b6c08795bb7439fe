import { MiaHttpError } from "../errors/mia-http-error.js"
import type { MiaRequest } from "../http-types.js"

/**
 * Security options every router takes.
 *
 * @example
 * const security: RouteSecurityOptions = { allowedOrigins: ["https://admin.shop.md"] }
 */
export interface RouteSecurityOptions {
  /**
   * Origins besides the request's own that may call the state-changing routes from a browser
   * (`https://admin.shop.md`). Every other origin gets 403.
   */
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"])

const header = (req: MiaRequest, name: string): string | undefined => {
  const value = req.headers[name]
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined || first.trim() === "" ? undefined : first.trim()
}

const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return undefined
  }
}

/** The hosts this request was addressed to: `Host`, and a proxy's `X-Forwarded-Host`. */
const ownHosts = (req: MiaRequest): ReadonlyArray<string> =>
  [header(req, "host"), header(req, "x-forwarded-host")?.split(",")[0]?.trim()]
    .filter((host): host is string => host !== undefined && host !== "")
    .map((host) => host.toLowerCase())

const crossSite = (detail: string) =>
  new MiaHttpError(403, "cross_site_request", "Cross-site request refused", detail)

/**
 * Normalises `allowedOrigins` once, failing fast on a value that is not an origin.
 *
 * @example
 * const allowed = allowedOriginHosts(["https://admin.shop.md"], "miaCheckout")
 */
export const allowedOriginSet = (
  origins: ReadonlyArray<string> | undefined,
  owner: string
): ReadonlySet<string> => {
  const set = new Set<string>()
  for (const origin of origins ?? []) {
    let parsed: URL | undefined
    try {
      parsed = new URL(origin)
    } catch {
      parsed = undefined
    }
    if (parsed === undefined || parsed.origin === "null" || parsed.origin !== origin.replace(/\/$/, "")) {
      throw new TypeError(
        `${owner}: allowedOrigins must hold origins such as "https://admin.shop.md", got ${JSON.stringify(origin)}`
      )
    }
    set.add(parsed.origin.toLowerCase())
  }
  return set
}

/**
 * The defaults of every state-changing route (anything but GET, HEAD, OPTIONS):
 * - a browser request from another site is refused (403): an `Origin` that is neither the
 *   request's own host nor allow-listed, or `Sec-Fetch-Site: cross-site` without an `Origin`.
 *   Requests with neither header (server to server) pass;
 * - a body must be `application/json` (415 otherwise), judged by the `Content-Type` header, so
 *   a form an app-wide `express.urlencoded()` already parsed is refused all the same. HTML forms
 *   can't send JSON, so this also shuts the classic cross-site form post.
 */
export const guardStateChange = (req: MiaRequest, allowedOrigins: ReadonlySet<string>): void => {
  if (SAFE_METHODS.has(req.method ?? "GET")) return
  const origin = header(req, "origin")
  if (origin !== undefined) {
    const host = hostOf(origin)
    const own = host !== undefined && ownHosts(req).includes(host)
    if (!own && !allowedOrigins.has(origin.toLowerCase())) {
      throw crossSite(`Requests from ${origin} are not allowed: add it to allowedOrigins if it is yours.`)
    }
  } else if (header(req, "sec-fetch-site")?.toLowerCase() === "cross-site") {
    throw crossSite("Requests from another site are not allowed.")
  }
  const type = header(req, "content-type")
  if (type !== undefined && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new MiaHttpError(
      415,
      "unsupported_media_type",
      "Unsupported media type",
      "Send the body as application/json."
    )
  }
}
