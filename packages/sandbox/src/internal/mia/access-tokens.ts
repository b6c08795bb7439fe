import type { SandboxClock } from "../../clock.js"
import { fail, type Outcome, succeed } from "../outcome.js"
import { FieldChecks, type JsonObject } from "./field-checks.js"

/** The sandbox's merchant credentials. */
export interface Credentials {
  readonly clientId: string
  readonly clientSecret: string
}

/** Why a bearer token was refused; sent in `WWW-Authenticate` and the error args. */
export type BearerProblem = "missing" | "invalid" | "expired"

const base64Url = (text: string): string =>
  btoa(text).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "")

const randomBase64Url = (bytes: number): string => {
  let binary = ""
  for (const byte of crypto.getRandomValues(new Uint8Array(bytes))) binary += String.fromCharCode(byte)
  return base64Url(binary)
}

/** Same-length comparison that does not stop at the first differing character. */
const sameText = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0)
  }
  return difference === 0
}

/**
 * `POST /v2/auth/token` and bearer checks. Tokens look like the bank's JWTs but are
 * opaque to the sandbox: it remembers each one with its expiry instant on the sandbox clock.
 */
export const createAccessTokens = (
  credentials: Credentials,
  expiresInSeconds: number,
  clock: SandboxClock
) => {
  const tokens = new Map<string, number>()

  const issue = (
    body: JsonObject
  ): Outcome<{ accessToken: string; expiresIn: number; tokenType: "Bearer" }> => {
    const checks = new FieldChecks(body)
    const clientId = checks.text("clientId", 200, true)
    const clientSecret = checks.text("clientSecret", 200, true)
    if (clientId === undefined || clientSecret === undefined) return fail({ code: "12007" })
    // Both are compared, whatever the first gives, so timing does not reveal which one is wrong.
    const idMatches = sameText(clientId, credentials.clientId)
    const secretMatches = sameText(clientSecret, credentials.clientSecret)
    if (!idMatches || !secretMatches) return fail({ code: "11000" })
    const now = clock.now()
    const issuedAt = Math.floor(now / 1000)
    const header = base64Url(JSON.stringify({ alg: "HS256", typ: "JWT" }))
    const payload = base64Url(
      JSON.stringify({
        sub: credentials.clientId,
        iat: issuedAt,
        exp: issuedAt + expiresInSeconds,
        jti: crypto.randomUUID()
      })
    )
    const accessToken = `${header}.${payload}.${randomBase64Url(32)}`
    for (const [token, expiresAt] of tokens) if (expiresAt <= now) tokens.delete(token)
    tokens.set(accessToken, now + expiresInSeconds * 1000)
    return succeed({ accessToken, expiresIn: expiresInSeconds, tokenType: "Bearer" })
  }

  /** `undefined` when the `Authorization` header carries a live token, else what is wrong with it. */
  const check = (authorization: string | null): BearerProblem | undefined => {
    const match = authorization === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    if (!match?.[1]) return "missing"
    const expiresAt = tokens.get(match[1])
    if (expiresAt === undefined) return "invalid"
    if (clock.now() >= expiresAt) {
      tokens.delete(match[1])
      return "expired"
    }
    return undefined
  }

  return { issue, check, clear: () => tokens.clear() }
}

export type AccessTokens = ReturnType<typeof createAccessTokens>
