import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { ProblemDetails } from "@mia-sdk/core/wire"
import { type RunningDemo, startDemo } from "../server/start.js"

/**
 * A demo on a free port with a fresh data folder, the embedded sandbox and a one-file storefront.
 * @example
 * const { demo, dataDir, cleanup } = await bootDemo()
 */
export const bootDemo = async (dataDir?: string) => {
  const work = await mkdtemp(join(tmpdir(), "mia-demo-test-"))
  const staticDir = join(work, "static")
  await import("node:fs/promises").then((fs) => fs.mkdir(staticDir))
  await writeFile(join(staticDir, "index.html"), "<!doctype html><title>storefront</title>")
  const dir = dataDir ?? join(work, "data")
  const demo = await startDemo({
    port: 0,
    dataDir: dir,
    staticDir,
    env: {},
    reconcileEveryMs: 0,
    log: () => undefined
  })
  return {
    demo,
    dataDir: dir,
    cleanup: async () => {
      await demo.close()
      await rm(work, { recursive: true, force: true })
    }
  }
}

/**
 * One browser's cookies, as far as the demo sets them: sent with every call made with it, and
 * updated from the answers' `Set-Cookie`.
 * @example
 * const shopper = cookieJar()
 * await call(demo, "POST", "/api/shop/orders", cart, { jar: shopper })
 */
export interface CookieJar {
  readonly cookies: Map<string, string>
  header(): string | undefined
}

/**
 * A fresh {@link CookieJar}: a browser that has been nowhere yet.
 * @example
 * const stranger = cookieJar()
 */
export const cookieJar = (): CookieJar => {
  const cookies = new Map<string, string>()
  return {
    cookies,
    header: () =>
      cookies.size === 0 ? undefined : [...cookies].map(([name, value]) => `${name}=${value}`).join("; ")
  }
}

/**
 * What a call sends besides the body: extra headers, and the browser whose cookies go with it.
 * @example
 * const options: CallOptions = { jar: shopper, headers: { "idempotency-key": "k-1" } }
 */
export interface CallOptions {
  readonly headers?: Record<string, string> | undefined
  readonly jar?: CookieJar | undefined
}

/**
 * A JSON call to the running demo; resolves status, headers and parsed body, whatever the status.
 * @example
 * const { status, body } = await call<Product[]>(demo, "GET", "/api/shop/products")
 */
export const call = async <T = unknown>(
  demo: RunningDemo,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {}
) => {
  const cookie = options.jar?.header()
  const response = await fetch(`${demo.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie === undefined ? {} : { cookie }),
      ...options.headers
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const setCookies = response.headers.getSetCookie()
  for (const line of setCookies) {
    const [pair = ""] = line.split(";")
    const separator = pair.indexOf("=")
    if (separator > 0)
      options.jar?.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim())
  }
  const text = await response.text()
  const type = response.headers.get("content-type") ?? ""
  return {
    status: response.status,
    type,
    text,
    headers: response.headers,
    setCookies,
    body: (type.includes("json") && text !== "" ? JSON.parse(text) : undefined) as T
  }
}

/**
 * The problem+json body of a failed call.
 * @example
 * expect(problemOf(result).errors?.[0]?.field).toBe("items")
 */
export const problemOf = (result: { body: unknown }) => result.body as ProblemDetails

/**
 * Re-checks `probe` every 50 ms until it returns a value, or fails after `timeoutMs` naming `what`.
 * Used for what happens behind the HTTP answer (the bank's callback arrives on its own).
 * @example
 * await until("the order is paid", async () => (await getOrder()).status === "processing" || undefined)
 */
export const until = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
