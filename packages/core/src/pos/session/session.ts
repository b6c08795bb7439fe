/**
 * The state a MiaPos terminal must keep across restarts: the activation id that
 * binds this device, the seller's token pair and the current shift.
 */

/**
 * The seller's token pair. `accessTokenExpiresAt` is epoch milliseconds, so the record is plain
 * JSON and survives any store. These are secrets: keep the store's file or row private.
 *
 * @example
 * const tokens: PosTokens = { accessToken: "eyJ...", refreshToken: "eyJ...", accessTokenExpiresAt: Date.now() + 300_000 }
 */
export interface PosTokens {
  readonly accessToken: string
  readonly refreshToken: string
  readonly accessTokenExpiresAt: number
  /** When the pair was issued (epoch ms); sizes the early-refresh margin for short-lived tokens. */
  readonly accessTokenIssuedAt?: number | undefined
}

/**
 * Everything the client persists. Every field is optional: a fresh device has none of them.
 *
 * @example
 * const session: PosSession = { terminalActivationId: "e559d17a-a29b-49c0-878b-af3de2495d39", shiftId: "42" }
 */
export interface PosSession {
  readonly terminalActivationId?: string | undefined
  readonly tokens?: PosTokens | undefined
  readonly shiftId?: string | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const optionalString = (record: Record<string, unknown>, key: string): string | undefined | false => {
  const value = record[key]
  if (value === undefined || value === null) return undefined
  return typeof value === "string" && value !== "" ? value : false
}

/**
 * Checks a stored value (parsed JSON, a database row) and returns it as a {@link PosSession},
 * or a message naming the first bad field. Unknown fields are dropped.
 *
 * @example
 * import { parsePosSession } from "@mia-sdk/core"
 *
 * const session = parsePosSession(JSON.parse(text))
 * if (typeof session === "string") throw new Error(session)
 */
export const parsePosSession = (value: unknown): PosSession | string => {
  if (!isRecord(value)) return "the session is not a JSON object"
  const terminalActivationId = optionalString(value, "terminalActivationId")
  if (terminalActivationId === false) return "terminalActivationId must be a non-empty string"
  const shiftId = optionalString(value, "shiftId")
  if (shiftId === false) return "shiftId must be a non-empty string"
  const rawTokens = value.tokens
  let tokens: PosTokens | undefined
  if (rawTokens !== undefined && rawTokens !== null) {
    if (!isRecord(rawTokens)) return "tokens must be an object"
    const accessToken = optionalString(rawTokens, "accessToken")
    const refreshToken = optionalString(rawTokens, "refreshToken")
    const expiresAt = rawTokens.accessTokenExpiresAt
    if (typeof accessToken !== "string") return "tokens.accessToken must be a non-empty string"
    if (typeof refreshToken !== "string") return "tokens.refreshToken must be a non-empty string"
    if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) {
      return "tokens.accessTokenExpiresAt must be epoch milliseconds"
    }
    const issuedAt = rawTokens.accessTokenIssuedAt
    if (
      issuedAt !== undefined &&
      issuedAt !== null &&
      (typeof issuedAt !== "number" || !Number.isFinite(issuedAt))
    ) {
      return "tokens.accessTokenIssuedAt must be epoch milliseconds"
    }
    tokens = {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: expiresAt,
      ...(typeof issuedAt === "number" ? { accessTokenIssuedAt: issuedAt } : {})
    }
  }
  return {
    ...(terminalActivationId === undefined ? {} : { terminalActivationId }),
    ...(tokens === undefined ? {} : { tokens }),
    ...(shiftId === undefined ? {} : { shiftId })
  }
}
