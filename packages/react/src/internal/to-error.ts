import { MiaRequestError } from "../client/mia-request-error.js"

/**
 * Anything thrown while talking to the server, as a {@link MiaRequestError}.
 * @example
 * state.set({ error: toError(cause) })
 */
export const toError = (cause: unknown): MiaRequestError =>
  cause instanceof MiaRequestError
    ? cause
    : new MiaRequestError(String(cause), { status: 0, code: "bad_response", retryable: false, cause })

/**
 * A mistake in what the caller passed, caught before any request.
 * @example
 * state.set({ error: invalid("amount must be greater than 0") })
 */
export const invalid = (message: string): MiaRequestError =>
  new MiaRequestError(message, { status: 0, code: "validation", retryable: false })
