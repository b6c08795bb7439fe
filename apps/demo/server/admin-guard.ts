import { createHash, timingSafeEqual } from "node:crypto"
import type { IncomingMessage } from "node:http"
import { MiaHttpError } from "@mia-sdk/express"
import type { Handler } from "express"
import { ADMIN_TOKEN_HEADER } from "../shared/types.js"

/**
 * Who may use the back office (orders, refunds, reconciliation, the till). With a token, a
 * request must carry it in the {@link ADMIN_TOKEN_HEADER} header; without one (the embedded
 * bank) everyone on this machine is the shop owner.
 * @example
 * const guard = createAdminGuard(config.adminToken)
 * app.use("/api/admin", guard.middleware)
 */
export interface AdminGuard {
  /** Whether a token is asked for at all. */
  readonly required: boolean
  /** Throws a 401 (no token sent) or 403 (wrong token) problem unless the request may act as admin. */
  check(req: IncomingMessage): void
  /** Whether the request carries the right token (`false` when no token is configured). */
  hasToken(req: IncomingMessage): boolean
  /** {@link AdminGuard.check} as an Express middleware. */
  readonly middleware: Handler
}

const sentToken = (req: IncomingMessage): string | undefined => {
  const value = req.headers[ADMIN_TOKEN_HEADER]
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined || first === "" ? undefined : first
}

// Digests have the same length whatever was sent, so the comparison takes the same time too.
const digest = (text: string) => createHash("sha256").update(text, "utf8").digest()

/**
 * The admin guard of the demo, comparing tokens in constant time.
 * @example
 * const guard = createAdminGuard(process.env.DEMO_ADMIN_TOKEN)
 * authorizeRefund: (req) => { guard.check(req); return { actor: "admin (demo)" } }
 */
export const createAdminGuard = (token: string | undefined): AdminGuard => {
  const expected = token === undefined || token === "" ? undefined : digest(token)
  const matches = (req: IncomingMessage): boolean => {
    const sent = sentToken(req)
    return expected !== undefined && sent !== undefined && timingSafeEqual(digest(sent), expected)
  }
  const check = (req: IncomingMessage): void => {
    if (expected === undefined) return
    if (sentToken(req) === undefined) {
      throw new MiaHttpError(
        401,
        "admin_token_required",
        "Admin token required",
        `This demo talks to a real bank: send the admin token (DEMO_ADMIN_TOKEN) in the ${ADMIN_TOKEN_HEADER} header (the admin page has a field for it).`,
        // A 401 names how to authenticate; a scheme browsers don't know opens no login dialog.
        { headers: { "WWW-Authenticate": `DemoAdminToken header="${ADMIN_TOKEN_HEADER}"` } }
      )
    }
    if (!matches(req)) {
      throw new MiaHttpError(
        403,
        "admin_token_invalid",
        "Wrong admin token",
        "The admin token is not the one this server was started with (DEMO_ADMIN_TOKEN)."
      )
    }
  }
  return {
    required: expected !== undefined,
    check,
    hasToken: matches,
    middleware: (req, _res, next) => {
      check(req)
      next()
    }
  }
}
