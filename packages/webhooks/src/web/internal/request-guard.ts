import { MiaHttpError } from "../http-error.js"

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"])

/** What the guard reads of a request: a Web `Request` fits, and so does an adapter's view of another. */
export type GuardedRequest = Pick<Request, "method" | "url" | "headers">

const header = (request: GuardedRequest, name: string): string | undefined => {
  const value = request.headers.get(name)?.trim()
  return value === undefined || value === "" ? undefined : value
}

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return undefined
  }
}

/** The hosts this request was addressed to: its URL's, `Host`, and a proxy's `X-Forwarded-Host`. */
const ownHosts = (request: GuardedRequest): ReadonlyArray<string> =>
  [hostOf(request.url), header(request, "host"), header(request, "x-forwarded-host")?.split(",")[0]?.trim()]
    .filter((host): host is string => host !== undefined && host !== "")
    .map((host) => host.toLowerCase())

const crossSite = (detail: string) =>
  new MiaHttpError(403, "cross_site_request", "Cross-site request refused", detail)

/**
 * Normalises `allowedOrigins` once, failing fast (naming `owner`) on a value that is not an origin.
 *
 * @example
 * import { allowedOriginSet } from "@mia-sdk/webhooks/web"
 * const allowed = allowedOriginSet(["https://admin.shop.md"], "myHandler")
 */
export const allowedOriginSet = (
  origins: ReadonlyArray<string> | undefined,
  owner: string
): ReadonlySet<string> => {
  const set = new Set<string>()
  for (const origin of origins ?? []) {
    const parsed = typeof origin === "string" && URL.canParse(origin) ? new URL(origin) : undefined
    if (parsed === undefined || parsed.origin === "null" || parsed.origin !== origin.replace(/\/$/, "")) {
      throw new TypeError(
        `${owner}: allowedOrigins must hold origins such as "https://admin.shop.md", got ${JSON.stringify(origin)}`
      )
    }
    set.add(parsed.origin.toLowerCase())
  }
  return set
}

/** Whether a `Content-Type` names JSON (`application/json`, `application/problem+json`, ...). */
const isJsonType = (type: string): boolean => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)

/**
 * The defaults of every state-changing route (anything but GET, HEAD, OPTIONS), as in the
 * Express routers:
 * - a browser request from another site is refused (403): an `Origin` that is neither the
 *   request's own host nor allow-listed, or `Sec-Fetch-Site: cross-site` without an `Origin`.
 *   Requests with neither header (server to server) pass;
 * - a `Content-Type` other than JSON is refused (415) even when the body is empty. HTML forms
 *   can't send JSON, so this also shuts the classic cross-site form post.
 * Throws a {@link MiaHttpError} (403 or 415); every skin of the SDK calls this one guard.
 *
 * @example
 * import { allowedOriginSet, guardStateChange } from "@mia-sdk/webhooks/web"
 * guardStateChange(request, allowedOriginSet([], "myRoute")) // throws before any state changes
 */
export const guardStateChange = (request: GuardedRequest, allowedOrigins: ReadonlySet<string>): void => {
  if (SAFE_METHODS.has(request.method)) return
  const origin = header(request, "origin")
  if (origin !== undefined) {
    const host = hostOf(origin)
    const own = host !== undefined && ownHosts(request).includes(host)
    if (!own && !allowedOrigins.has(origin.toLowerCase())) {
      throw crossSite(`Requests from ${origin} are not allowed: add it to allowedOrigins if it is yours.`)
    }
  } else if (header(request, "sec-fetch-site")?.toLowerCase() === "cross-site") {
    throw crossSite("Requests from another site are not allowed.")
  }
  const type = header(request, "content-type")
  if (type !== undefined && !isJsonType(type)) {
    throw new MiaHttpError(
      415,
      "unsupported_media_type",
      "Unsupported media type",
      "Send the body as application/json."
    )
  }
}
