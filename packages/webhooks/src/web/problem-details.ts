import type { ProblemDetails } from "@mia-sdk/core/wire"
import type { MiaOrderErrorCode } from "../errors.js"
import { type FieldProblem, MiaHttpError } from "./http-error.js"
import {
  type DomainError,
  isMiaApiError,
  isMiaAuthError,
  isMiaResponseError,
  isMiaTransportError,
  isMiaValidationError,
  isOrderError
} from "./internal/sdk-errors.js"

/**
 * The prefix of every problem `type` URI; the rest is the problem code.
 *
 * @example
 * import { PROBLEM_BASE } from "@mia-sdk/webhooks/web"
 *
 * if (problem.type === `${PROBLEM_BASE}validation`) showFieldErrors(problem.errors)
 */
export const PROBLEM_BASE = "https://mia-sdk.dev/problems/"

/**
 * A problem to send: status, headers and the RFC 9457 body.
 *
 * @example
 * import { toProblem } from "@mia-sdk/webhooks/web"
 *
 * const problem: Problem = toProblem(error)
 * console.log(problem.status, problem.body.code)
 */
export interface Problem {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: ProblemDetails
}

const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: {
    readonly retryable?: boolean
    readonly errors?: ReadonlyArray<FieldProblem> | undefined
    readonly headers?: Readonly<Record<string, string>> | undefined
  } = {}
): Problem => ({
  status,
  headers: extra.headers ?? {},
  body: {
    type: `${PROBLEM_BASE}${code.replaceAll("_", "-")}`,
    title,
    status,
    detail,
    code,
    retryable: extra.retryable ?? (status === 429 || status >= 500),
    ...(extra.errors === undefined ? {} : { errors: extra.errors })
  }
})

const retryAfter = (milliseconds: unknown): Record<string, string> =>
  typeof milliseconds !== "number"
    ? {}
    : { "Retry-After": String(Math.max(1, Math.ceil(milliseconds / 1000))) }

const fromOrderError = (error: DomainError<MiaOrderErrorCode>): Problem | undefined => {
  switch (error.code) {
    case "invalid_order":
    case "invalid_refund":
    case "invalid_rtp":
      return problem(400, "validation", "Invalid request", error.message, {
        errors: [{ field: error.field, message: error.message }]
      })
    case "rtp_limit_reached":
      return problem(429, "rtp_limit_reached", "Too many payment requests", `${error.message}.`, {
        retryable: false
      })
    case "rtp_not_configured":
      return problem(501, "rtp_not_configured", "Payment by phone number is not set up", `${error.message}.`)
    case "order_not_payable":
      return problem(409, "order_not_payable", "Order not payable", `${error.message}.`)
    case "order_not_refundable":
      return problem(409, "order_not_refundable", "Order not refundable", `${error.message}.`)
    case "refund_in_progress":
      return problem(
        409,
        "refund_in_progress",
        "Refund in progress",
        `${error.message}; try again shortly.`,
        {
          retryable: true
        }
      )
    case "refund_failed":
      return problem(409, "refund_failed", "Refund failed", error.message)
    case "idempotency_key_reused":
      return problem(422, "idempotency_key_reused", "Idempotency key reused", `${error.message}.`)
    case "order_not_found":
      return problem(404, "not_found", "Order not found", `${error.message}.`)
    case "order_exists":
      return problem(409, "order_exists", "Order already exists", error.message)
    case "conflict":
      return problem(409, "conflict", "Concurrent update", "The order changed concurrently; try again.", {
        retryable: true
      })
    case "storage":
      // The database's own message can name tables and hosts: keep it in the server log.
      return problem(
        503,
        "storage",
        "Order store unavailable",
        "The order store is unavailable; try again later."
      )
    default:
      return undefined
  }
}

const fromApiError = (error: Readonly<Record<string, unknown>>): Problem => {
  const status = Number(error.status)
  const entries = (error.errors ?? []) as ReadonlyArray<{ errorCode?: string; errorMessage?: string }>
  const headers = retryAfter(error.retryAfterMs)
  if (status === 429) {
    return problem(
      503,
      "mia_rate_limited",
      "Payment provider busy",
      "Too many requests to the payment provider; try again later.",
      { headers }
    )
  }
  if (status >= 500) {
    return problem(
      502,
      "mia_unavailable",
      "Payment provider error",
      "The payment provider failed; try again later.",
      {
        headers
      }
    )
  }
  if (status === 401 || status === 403 || !(status >= 400)) {
    return problem(
      502,
      "mia_api",
      "Payment provider error",
      "The payment provider refused the server's request."
    )
  }
  const detail = entries[0]?.errorMessage ?? "The payment provider refused the request."
  return problem(status, "mia_api", "Payment provider refused the request", detail, {
    errors: entries.map((entry) => ({ field: entry.errorCode, message: entry.errorMessage ?? "" }))
  })
}

const fromClientError = (error: unknown): Problem | undefined => {
  if (isMiaValidationError(error)) {
    const field = typeof error.field === "string" ? error.field : undefined
    const message = String(error.message ?? "Invalid input")
    return problem(400, "validation", "Invalid request", message, { errors: [{ field, message }] })
  }
  if (isMiaApiError(error)) return fromApiError(error)
  if (isMiaAuthError(error)) {
    // Bank credentials are the server's configuration: the caller can't fix them, and must not see them.
    return problem(
      502,
      "mia_auth",
      "Payment provider misconfigured",
      "The server could not authenticate with the payment provider.",
      { retryable: false }
    )
  }
  if (isMiaTransportError(error)) {
    return error.reason === "timeout"
      ? problem(
          504,
          "mia_timeout",
          "Payment provider timeout",
          "The payment provider did not answer in time; try again."
        )
      : problem(
          502,
          "mia_unreachable",
          "Payment provider unreachable",
          "The payment provider could not be reached; try again."
        )
  }
  if (isMiaResponseError(error)) {
    return problem(
      502,
      "mia_response",
      "Unexpected payment provider answer",
      "The payment provider sent an unexpected answer; try again later.",
      { headers: retryAfter(error.retryAfterMs) }
    )
  }
  return undefined
}

/**
 * Errors of body parsers and other middleware that mark themselves safe to show (`expose` and a
 * 4xx `status`, as `http-errors` does): Express's `express.json()` among them.
 */
const fromExposedHttpError = (error: unknown): Problem | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const { status, statusCode, expose, type, message } = error as Readonly<Record<string, unknown>>
  const code = Number(status ?? statusCode)
  if (!(code >= 400 && code < 500) || expose !== true) return undefined
  if (type === "entity.parse.failed")
    return problem(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.")
  if (type === "entity.too.large")
    return problem(413, "body_too_large", "Body too large", "The request body is too large.")
  return problem(code, "http", "Request refused", typeof message === "string" ? message : "Request refused")
}

/**
 * Maps any error to RFC 9457 problem details, exactly as `miaErrorHandler()` of
 * `@mia-sdk/express` does: the handlers' own refusals keep their status, order errors become
 * 400/404/409/422/503, SDK validation 400, the bank's refusals its status, bank credentials and
 * outages 502, timeouts 504, anything unknown 500 with a generic message. Never includes a stack
 * trace or a secret.
 *
 * @example
 * import { toProblem } from "@mia-sdk/webhooks/web"
 *
 * const { status, body } = toProblem(new Error("boom"))
 * // status === 500, body.detail === "An unexpected error occurred."
 */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof MiaHttpError) {
    return problem(error.status, error.code, error.title, error.message, {
      errors: error.errors,
      headers: error.headers
    })
  }
  return (
    (isOrderError(error) ? fromOrderError(error) : fromClientError(error)) ??
    fromExposedHttpError(error) ??
    problem(500, "internal", "Internal server error", "An unexpected error occurred.")
  )
}

/**
 * Any error as an `application/problem+json` Response (see {@link toProblem}); `instance` is the
 * request's path when a request is given. Use it in your own routes so every error of the API
 * reads the same.
 *
 * @example
 * import { problemResponse } from "@mia-sdk/webhooks/web"
 *
 * export async function POST(request: Request): Promise<Response> {
 *   try {
 *     return Response.json(await placeOrder(await request.json()), { status: 201 })
 *   } catch (error) {
 *     return problemResponse(error, request)
 *   }
 * }
 */
export const problemResponse = (error: unknown, request?: Request): Response => {
  const { status, headers, body } = toProblem(error)
  const instance = request === undefined ? undefined : new URL(request.url).pathname
  return new Response(JSON.stringify(instance === undefined ? body : { ...body, instance }), {
    status,
    headers: {
      ...headers,
      "Content-Type": "application/problem+json; charset=utf-8",
      "Cache-Control": "no-store"
    }
  })
}
