import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { SqlQueryable } from "@mia-sdk/webhooks"

/**
 * The cookie listing the orders this browser created.
 * @example
 * document.cookie // never shows it: it is httpOnly
 */
export const SHOPPER_COOKIE = "mia_demo_orders"

/** Enough for a long demo session while staying far below the 4 KB cookie limit. */
const MAX_ORDERS = 20
const MAX_AGE_SECONDS = 7 * 24 * 60 * 60
const ENTRY = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{22})$/

/**
 * Which orders a browser may check out, follow and read: those it created itself. The demo has
 * no shopper accounts, so the shop route that creates an order adds it to a signed, httpOnly,
 * SameSite=Lax cookie, and `authorizeOrder` asks {@link ShopperOrders.owns}. Each entry is
 * `orderId.tag`, the tag an HMAC of the order id under a secret kept in the database, so a
 * stranger can neither guess an order id into it nor forge one, and it survives restarts.
 * @example
 * const orders = await createShopperOrders(db.client)
 * authorizeOrder: (req, orderId) => orders.owns(req, orderId)
 */
export interface ShopperOrders {
  owns(req: IncomingMessage, orderId: string): boolean
  /** Adds the order to the browser's cookie (the newest {@link MAX_ORDERS} are kept). */
  remember(req: IncomingMessage, res: ServerResponse, orderId: string): void
}

const readCookie = (req: IncomingMessage, name: string): string | undefined => {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const separator = part.indexOf("=")
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return undefined
}

/** Served over HTTPS, directly or behind a proxy or tunnel (MIA_PUBLIC_URL). */
const isHttps = (req: IncomingMessage): boolean => {
  if ((req.socket as { encrypted?: boolean }).encrypted === true) return true
  const forwarded = req.headers["x-forwarded-proto"]
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase()
  return proto === "https"
}

/**
 * The demo's signing secret, made on first start and kept in a table of the demo's database
 * (PGlite or PostgreSQL), so cookies stay valid across restarts and across servers sharing it.
 */
const loadSecret = async (db: SqlQueryable): Promise<Buffer> => {
  await db.query("create table if not exists mia_demo_secrets (name text primary key, value text not null)")
  await db.query("insert into mia_demo_secrets (name, value) values ($1, $2) on conflict (name) do nothing", [
    "shopper-cookie",
    randomBytes(32).toString("base64url")
  ])
  const { rows } = await db.query("select value from mia_demo_secrets where name = $1", ["shopper-cookie"])
  const value = (rows[0] as { value?: unknown } | undefined)?.value
  if (typeof value !== "string")
    throw new Error("the demo's cookie secret could not be stored in the database")
  return Buffer.from(value, "base64url")
}

/**
 * Loads (or makes) the signing secret and returns the cookie's reader and writer.
 * @example
 * const orders = await createShopperOrders(db.client)
 * orders.remember(req, res, created.orderId)
 */
export const createShopperOrders = async (db: SqlQueryable): Promise<ShopperOrders> => {
  const secret = await loadSecret(db)
  const tag = (orderId: string) =>
    createHmac("sha256", secret).update(`order:${orderId}`).digest().subarray(0, 16).toString("base64url")

  /** The cookie's order ids whose tags check out; anything else in it is ignored. */
  const ordersOf = (req: IncomingMessage): Array<string> => {
    const found: Array<string> = []
    for (const entry of (readCookie(req, SHOPPER_COOKIE) ?? "").split("~")) {
      const match = ENTRY.exec(entry)
      if (match === null) continue
      const [, orderId = "", sent = ""] = match
      const expected = Buffer.from(tag(orderId))
      const given = Buffer.from(sent)
      if (given.length === expected.length && timingSafeEqual(given, expected)) found.push(orderId)
    }
    return found
  }

  return {
    owns: (req, orderId) => ordersOf(req).includes(orderId),
    remember: (req, res, orderId) => {
      if (!ENTRY.test(`${orderId}.${tag(orderId)}`))
        throw new Error(`order id ${orderId} can't go in a cookie`)
      const kept = [...ordersOf(req).filter((id) => id !== orderId), orderId].slice(-MAX_ORDERS)
      const value = kept.map((id) => `${id}.${tag(id)}`).join("~")
      // Lax: the checkout link still works when opened from elsewhere; httpOnly: page scripts never see it.
      const secure = isHttps(req) ? "; Secure" : ""
      res.appendHeader(
        "Set-Cookie",
        `${SHOPPER_COOKIE}=${value}; Path=/api; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`
      )
    }
  }
}
