import * as Redacted from "effect/Redacted"

/**
 * Wraps a secret given as a plain string (Promise users) or already as `Redacted` (Effect users),
 * so it prints as `<redacted>` in logs, errors and spans.
 *
 * @example
 * const secret = toRedacted(process.env.MIA_CLIENT_SECRET!)
 * String(secret) // "<redacted>"
 */
export const toRedacted = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(value) ? value : Redacted.make(value)
