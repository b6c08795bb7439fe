import type { MiaErrorListener } from "../fetch-handler.js"

/** Checks a numeric option once, at start-up, so a typo fails fast with the option's name. */
export const checkNumber = (
  owner: string,
  name: string,
  value: number | undefined,
  minimum: number
): void => {
  if (value !== undefined && !(Number.isFinite(value) && value >= minimum)) {
    throw new TypeError(`${owner}: ${name} must be a number of at least ${minimum}, got ${String(value)}`)
  }
}

/** `basePath` without its trailing slash (`""` for the root), or a TypeError naming the option. */
export const normaliseBasePath = (owner: string, basePath: string | undefined): string => {
  if (basePath === undefined) return ""
  if (typeof basePath !== "string" || !basePath.startsWith("/") || /[?#]/.test(basePath)) {
    throw new TypeError(
      `${owner}: basePath must be a path such as "/api/mia", got ${JSON.stringify(basePath)}`
    )
  }
  return basePath.replace(/\/+$/, "")
}

/** The `onError` option, by default `console.error` (the error stays on the server). */
export const errorListener =
  (owner: string, listener: MiaErrorListener | undefined): MiaErrorListener =>
  (error, request) => {
    if (listener !== undefined) {
      listener(error, request)
      return
    }
    console.error(
      `[@mia-sdk/webhooks/web] ${owner}: ${request.method} ${new URL(request.url).pathname}`,
      error
    )
  }
