import type { ProblemDetails } from "@mia-sdk/core/wire"

/**
 * Why a call to your server failed: the server's RFC 9457 problem (`status`, `code`, `detail`),
 * or `status: 0` with `code: "network"` when the request never got an answer, or
 * `code: "bad_response"` when the answer was not the JSON the router sends.
 * @example
 * import { MiaRequestError } from "@mia-sdk/react"
 * if (error instanceof MiaRequestError && error.retryable) showRetryButton()
 */
export class MiaRequestError extends Error {
  override readonly name = "MiaRequestError"
  /** HTTP status, or 0 when no answer arrived. */
  readonly status: number
  /** Stable machine-readable code: the problem's `code`, or `network`, `bad_response`, `http_<status>`. */
  readonly code: string
  /** Whether trying again later may succeed. */
  readonly retryable: boolean
  /** The problem body the server sent, when it sent one. */
  readonly problem: ProblemDetails | undefined
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined

  constructor(
    message: string,
    init: {
      status: number
      code: string
      retryable: boolean
      problem?: ProblemDetails
      retryAfterMs?: number
      cause?: unknown
    }
  ) {
    super(message, { cause: init.cause })
    this.status = init.status
    this.code = init.code
    this.retryable = init.retryable
    this.problem = init.problem
    this.retryAfterMs = init.retryAfterMs
  }
}
