import { objectBody, requiredString } from "../internal/fields.js"
import { randomToken, randomUuid } from "../internal/random-ids.js"
import { jsonResponse, outcome, PosHttpError, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"
import type { PosSessionRecord } from "../records.js"

/** Constant-time string comparison, so the simulator does not teach timing leaks. */
const sameText = (left: string, right: string): boolean => {
  const a = new TextEncoder().encode(left)
  const b = new TextEncoder().encode(right)
  let difference = a.length ^ b.length
  for (let index = 0; index < Math.max(a.length, b.length); index++)
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}

const refreshRejected = (code: string, message: string): PosHttpError =>
  new PosHttpError(401, code, message, { "www-authenticate": 'Bearer realm="miapos", error="invalid_token"' })

/** Seller login, refresh, logout and session info. */
export const sellerRoutes = (runtime: PosRuntime): PosRoute[] => {
  const { store, config } = runtime

  const issueTokens = (session: PosSessionRecord, now: number) => {
    session.accessToken = randomToken("pat")
    session.refreshToken = randomToken("prt")
    session.accessExpiresAt = now + config.accessTokenLifetimeMs
    session.refreshExpiresAt = now + config.refreshTokenLifetimeMs
    store.tokens.set(session.accessToken, {
      kind: "access",
      sessionId: session.sessionId,
      expiresAt: session.accessExpiresAt
    })
    store.tokens.set(session.refreshToken, {
      kind: "refresh",
      sessionId: session.sessionId,
      expiresAt: session.refreshExpiresAt
    })
    return {
      authTokens: {
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        accessTokenExpiresIn: config.accessTokenLifetimeMs / 1000
      }
    }
  }

  const endSession = (session: PosSessionRecord, now: number): void => {
    session.loggedOutAt = now
    for (const [token, entry] of store.tokens)
      if (entry.sessionId === session.sessionId) store.tokens.delete(token)
  }

  return [
    {
      method: "POST",
      path: "/pos/api/v1/seller/login",
      operation: "sellerLogin",
      source: "confirmed",
      auth: false,
      handle: (context) => {
        const body = objectBody(context.body, "with terminalActivationId, username and password")
        const activationId = requiredString(body, "terminalActivationId")
        const username = requiredString(body, "username")
        const password = requiredString(body, "password")
        const activation = store.activations.get(activationId)
        if (activation === undefined)
          return outcome("not_found", "No activation with this terminalActivationId.")
        context.terminalId = activation.terminalId
        if (activation.status !== "confirmed") {
          return outcome("terminal_not_activated", "Confirm the activation OTP before a seller logs in.")
        }
        const seller = runtime.config.sellers.find((candidate) => candidate.username === username)
        const allowed =
          seller !== undefined &&
          sameText(seller.password, password) &&
          (seller.terminalIds === undefined || seller.terminalIds.includes(activation.terminalId))
        if (!allowed) return outcome("invalid_credentials", "Wrong username or password for this terminal.")
        const session: PosSessionRecord = {
          sessionId: randomUuid(),
          sellerId: seller.id,
          terminalId: activation.terminalId,
          terminalActivationId: activationId,
          accessToken: "",
          accessExpiresAt: 0,
          refreshToken: "",
          refreshExpiresAt: 0,
          loggedOutAt: undefined
        }
        store.sessions.set(session.sessionId, session)
        return success(issueTokens(session, context.now))
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/seller/refresh",
      operation: "sellerRefresh",
      source: "confirmed",
      auth: false,
      handle: (context) => {
        const body = objectBody(context.body, "with refreshToken and terminalActivationId")
        const refreshToken = requiredString(body, "refreshToken")
        const activationId = requiredString(body, "terminalActivationId")
        const entry = store.tokens.get(refreshToken)
        const session = entry?.kind === "refresh" ? store.sessions.get(entry.sessionId) : undefined
        if (
          entry === undefined ||
          session === undefined ||
          session.loggedOutAt !== undefined ||
          session.terminalActivationId !== activationId
        ) {
          throw refreshRejected(
            "invalid_refresh_token",
            "The refresh token is unknown, already used, logged out or from another terminal; log in again."
          )
        }
        context.terminalId = session.terminalId
        if (entry.expiresAt <= context.now) {
          throw refreshRejected(
            "refresh_token_expired",
            "The refresh token expired; log the seller in again."
          )
        }
        // Rotation: a refresh token works once. Access tokens already issued live until they expire.
        store.tokens.delete(refreshToken)
        return success(issueTokens(session, context.now))
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/seller/logout",
      operation: "sellerLogout",
      source: "confirmed",
      auth: false,
      handle: (context) => {
        const body = objectBody(context.body, "with refreshToken")
        const entry = store.tokens.get(requiredString(body, "refreshToken"))
        const session = entry === undefined ? undefined : store.sessions.get(entry.sessionId)
        // Logging out twice, or with a token that already expired, is still a logout.
        if (session !== undefined) {
          context.terminalId = session.terminalId
          endSession(session, context.now)
        }
        return success()
      }
    },
    {
      method: "GET",
      path: "/pos/api/v1/seller/info",
      operation: "sellerInfo",
      source: "inferred",
      auth: true,
      handle: (_context, { seller, terminal }) =>
        // The seed's example of this operation has no `result` field.
        jsonResponse({
          sellerInfo: { id: seller.id, fullName: seller.fullName },
          terminalInfo: { terminalId: terminal.terminalId, posId: terminal.posId },
          merchantInfo: { merchantName: terminal.merchantName, merchantIdno: terminal.merchantIdno },
          placeInfo: { name: terminal.storeName, address: terminal.storeAddress },
          bankInfo: config.bank
        })
    }
  ]
}
