import { PosHttpError } from "./responses.js"
import type { PosRuntime, PosSellerContext } from "./runtime.js"

const challenge = (error: string) => ({ "www-authenticate": `Bearer realm="miapos", error="${error}"` })

const unauthorized = (code: string, message: string): PosHttpError =>
  new PosHttpError(
    401,
    code,
    message,
    challenge(code === "missing_token" ? "invalid_request" : "invalid_token")
  )

/**
 * Resolves `Authorization: Bearer <accessToken>` to the seller session, or throws the 401 the
 * client must react to (refresh on `token_expired`, log in again otherwise).
 */
export const authenticate = (runtime: PosRuntime, request: Request, now: number): PosSellerContext => {
  const header = request.headers.get("authorization")
  const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (match === null) {
    throw unauthorized(
      "missing_token",
      "Send the seller's access token as 'Authorization: Bearer <accessToken>' (POST /pos/api/v1/seller/login gives one)."
    )
  }
  const entry = runtime.store.tokens.get(match[1]!)
  const session = entry?.kind === "access" ? runtime.store.sessions.get(entry.sessionId) : undefined
  if (entry === undefined || session === undefined || session.loggedOutAt !== undefined) {
    throw unauthorized(
      "invalid_token",
      "The access token is not valid (unknown or logged out); log in again."
    )
  }
  if (entry.expiresAt <= now) {
    throw unauthorized(
      "token_expired",
      "The access token expired; get a new pair from POST /pos/api/v1/seller/refresh."
    )
  }
  const terminal = runtime.terminals.get(session.terminalId)
  const seller = runtime.sellers.get(session.sellerId)
  if (terminal === undefined || seller === undefined) {
    throw unauthorized("invalid_token", "The session's terminal or seller no longer exists; log in again.")
  }
  return { session, terminal, seller }
}
