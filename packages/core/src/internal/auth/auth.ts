import type * as Effect from "effect/Effect"

/**
 * How requests of one credential kind are authorised: the bearer token of the MIA APIs, or the
 * MiaPos seller session. The pipeline asks for headers before each attempt and, when the bank
 * answers 401, lets the auth renew them once.
 */
export interface Auth<E> {
  /** Headers for the next attempt (a cached token while it is fresh). */
  readonly headers: Effect.Effect<Readonly<Record<string, string>>, E>
  /** True when `error` means the credentials in the headers were refused (HTTP 401). */
  readonly isRefusal: (error: E) => boolean
  /** The bank refused `used`: forget them so the next `headers` brings new ones. */
  readonly renew: (used: Readonly<Record<string, string>>) => Effect.Effect<void, E>
  /** A refusal even after renewing: the error to report (it names the likely cause). */
  readonly finalRefusal: (error: E) => E
}
