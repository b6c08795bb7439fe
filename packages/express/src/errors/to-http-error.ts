import { MiaOrderError } from "@mia-sdk/webhooks"
import { MiaHttpError } from "./mia-http-error.js"
import { toProblem } from "./problem-details.js"

/**
 * The order services speak in domain errors (`MiaOrderError`); the routers hand Express an
 * {@link MiaHttpError} instead, so an app's own error middleware, or Express's default handler,
 * answers with the right status even without `miaErrorHandler()`. Other errors pass unchanged.
 */
export const toHttpError = (error: unknown): unknown => {
  if (!(error instanceof MiaOrderError)) return error
  const { status, headers, body } = toProblem(error)
  const mapped = new MiaHttpError(status, body.code ?? "error", body.title, body.detail ?? error.message, {
    ...(body.errors === undefined ? {} : { errors: body.errors }),
    headers: { ...headers }
  })
  return Object.assign(mapped, { cause: error })
}
