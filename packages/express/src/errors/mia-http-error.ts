/**
 * One field-level problem of a rejected request.
 *
 * @example
 * const problem: FieldProblem = { field: "reason", message: "reason is required" }
 */
export interface FieldProblem {
  readonly field?: string | undefined
  readonly message: string
}

/**
 * An HTTP error the routers raise (validation 400, forbidden 403, not found 404, conflict 409,
 * ...). `miaErrorHandler()` turns it into RFC 9457 problem+json; `status` also makes Express's
 * default handler answer with the right code.
 *
 * @example
 * import { MiaHttpError } from "@mia-sdk/express"
 *
 * throw new MiaHttpError(409, "order_not_payable", "Order not payable", "Order 1001 is cancelled")
 */
export class MiaHttpError extends Error {
  override readonly name = "MiaHttpError"
  readonly status: number
  readonly code: string
  readonly title: string
  readonly errors: ReadonlyArray<FieldProblem> | undefined
  readonly headers: Readonly<Record<string, string>> | undefined
  /** Safe to show: the message is written for the API's callers. */
  readonly expose = true

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    options: { readonly errors?: ReadonlyArray<FieldProblem>; readonly headers?: Record<string, string> } = {}
  ) {
    super(detail)
    this.status = status
    this.code = code
    this.title = title
    this.errors = options.errors
    this.headers = options.headers
  }

  get retryable(): boolean {
    return this.status === 429 || this.status >= 500
  }
}

/**
 * A 400 naming the field to fix.
 *
 * @example
 * throw validationError("amount", "amount must have at most 2 decimals")
 */
export const validationError = (field: string, message: string): MiaHttpError =>
  new MiaHttpError(400, "validation", "Invalid request", message, { errors: [{ field, message }] })
