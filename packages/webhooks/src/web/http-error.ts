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
 * An HTTP error with the answer it stands for (validation 400, forbidden 403, not found 404, ...).
 * The handlers raise it for their own refusals and answer it as RFC 9457 problem+json; throw one
 * from an `authorize*` hook to answer something other than the hook's 403 (a 401 that sends the
 * shopper to log in, for instance).
 *
 * @example
 * import { MiaHttpError } from "@mia-sdk/webhooks/web"
 *
 * const authorizeOrder = async (request: Request, orderId: string) => {
 *   const session = await readSession(request)
 *   if (session === undefined) throw new MiaHttpError(401, "login_required", "Log in first", "Log in to see your order.")
 *   return session.orderIds.includes(orderId)
 * }
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

/** A 400 naming the field to fix. */
export const validationError = (field: string, message: string): MiaHttpError =>
  new MiaHttpError(400, "validation", "Invalid request", message, { errors: [{ field, message }] })
