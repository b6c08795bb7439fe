import { MiaHttpError } from "../../errors/mia-http-error.js"
import type { MiaRequest } from "../../http-types.js"
import type { MiaPosAuthorization, MiaPosOptions } from "../options.js"

const allows = (decision: MiaPosAuthorization): boolean =>
  decision === true ||
  (typeof decision === "object" &&
    decision !== null &&
    typeof decision.actor === "string" &&
    decision.actor !== "")

/**
 * The `authorize` option as a check that throws the 403, or a TypeError at construction that
 * shows how to pass one.
 * @example
 * const authorize = posAuthorizer(options.authorize)
 * await authorize(req)
 */
export const posAuthorizer = (authorize: MiaPosOptions["authorize"] | undefined) => {
  if (authorize === "allow-all") return async (_req: MiaRequest): Promise<void> => undefined
  if (typeof authorize !== "function") {
    throw new TypeError(
      "miaPos needs an authorize option, because whoever reaches the router can charge, close the shift " +
        'and read the reports: miaPos({ client, authorize: (req) => req.session?.role === "cashier" }). ' +
        'Pass authorize: "allow-all" only for a kiosk on a closed network.'
    )
  }
  return async (req: MiaRequest): Promise<void> => {
    if (!allows(await authorize(req))) {
      throw new MiaHttpError(
        403,
        "pos_forbidden",
        "Not allowed at the till",
        "This request may not use the till."
      )
    }
  }
}
