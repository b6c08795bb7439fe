import {
  isMiaApiError,
  isMiaAuthError,
  isMiaResponseError,
  isMiaTransportError,
  isMiaValidationError
} from "@mia-sdk/core"
import type { ProblemDetails } from "@mia-sdk/core/wire"
import { MiaOrderError } from "@mia-sdk/webhooks"
import { type FieldProblem, MiaHttpError } from "./mia-http-error.js"

/**
 * The prefix of every problem `type` URI; the rest is the problem code.
 *
 * @example
 * problem.type === `${PROBLEM_BASE}validation` // a 400 with field errors
 */
export const PROBLEM_BASE = "https://mia-sdk.dev/problems/"

/**
 * A problem to send: status, headers and the RFC 9457 body.
 *
 * @example
 * const { status, body } = toProblem(error)
 * res.status(status).type("application/problem+json").send(JSON.stringify(body))
 */
export interface Problem {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: ProblemDetails
}

const field = <T>(error: unknown, name: string): T | undefined =>
  typeof error === "object" && error !== null
    ? ((error as Record<string, unknown>)[name] as T | undefined)
    : undefined

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

const retryAfter = (milliseconds: number | undefined): Record<string, string> =>
  milliseconds === undefined ? {} : { "Retry-After": String(Math.max(1, Math.ceil(milliseconds / 1000))) }

const fromOrderError = (error: MiaOrderError): Problem => {
  switch (error.code) {
    case "invalid_order":
    case "invalid_refund":
      return problem(400, "validation", "Invalid request", error.message, {
        errors: [{ field: error.field, message: error.message }]
      })
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
  }
}

const fromMiaError = (error: unknown): Problem | undefined => {
  if (isMiaValidationError(error)) {
    const name = field<string>(error, "field")
    const message = String(field<string>(error, "message") ?? "Invalid input")
    return problem(400, "validation", "Invalid request", message, { errors: [{ field: name, message }] })
  }
  if (isMiaApiError(error)) {
    const status = Number(field<number>(error, "status"))
    const entries = field<ReadonlyArray<{ errorCode?: string; errorMessage?: string }>>(error, "errors") ?? []
    const detail = entries[0]?.errorMessage ?? "The payment provider refused the request."
    const headers = retryAfter(field<number>(error, "retryAfterMs"))
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
        { headers }
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
    return problem(status, "mia_api", "Payment provider refused the request", detail, {
      errors: entries.map((entry) => ({ field: entry.errorCode, message: entry.errorMessage ?? "" }))
    })
  }
  if (isMiaAuthError(error)) {
    // Bank credentials are the server's configuration: the caller can't fix them, and must not see them.
    return problem(
      502,
      "mia_auth",
      "Payment provider misconfigured",
      "The server could not authenticate with the payment provider.",
      {
        retryable: false
      }
    )
  }
  if (isMiaTransportError(error)) {
    return field<string>(error, "reason") === "timeout"
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
      {
        headers: retryAfter(field<number>(error, "retryAfterMs"))
      }
    )
  }
  return undefined
}

/** Errors from body parsers and other middleware that mark themselves safe to show. */
const fromExposedHttpError = (error: unknown): Problem | undefined => {
  const status = Number(field<number>(error, "status") ?? field<number>(error, "statusCode"))
  if (!(status >= 400 && status < 500) || field<boolean>(error, "expose") !== true) return undefined
  const type = field<string>(error, "type")
  if (type === "entity.parse.failed")
    return problem(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON.")
  if (type === "entity.too.large")
    return problem(413, "body_too_large", "Body too large", "The request body is too large.")
  return problem(
    status,
    "http",
    "Request refused",
    String(field<string>(error, "message") ?? "Request refused")
  )
}

/**
 * Maps any error to RFC 9457 problem details: SDK validation -> 400, the bank's refusals -> its
 * status (404, 409, ...), bank credentials -> 502, network -> 502, timeout -> 504, anything
 * unknown -> 500 with a generic message. Never includes a stack trace or a secret.
 *
 * @example
 * import { toProblem } from "@mia-sdk/express"
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
  if (error instanceof MiaOrderError) return fromOrderError(error)
  return (
    fromMiaError(error) ??
    fromExposedHttpError(error) ??
    problem(500, "internal", "Internal server error", "An unexpected error occurred.")
  )
}
