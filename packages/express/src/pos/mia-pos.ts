import { createPosCashier } from "@mia-sdk/webhooks"
import type { MiaMiddleware, MiaRequest } from "../http-types.js"
import { jsonBody } from "../internal/read-body.js"
import { allowedOriginSet } from "../internal/request-guard.js"
import { createRoutes, type RouteHandler } from "../internal/routes.js"
import { sendJson } from "../internal/send.js"
import { posAuthorizer } from "./internal/authorize.js"
import { objectBody } from "./internal/object-body.js"
import { type PosStep, toPosHttpError } from "@mia-sdk/webhooks/web"
import { sendReport } from "./internal/send-report.js"
import type { MiaPosOptions } from "./options.js"

type Params = Readonly<Record<string, string>>

/**
 * The server side of a web cashier screen, mounted where the POS hooks point
 * (`<MiaProvider apiBase="/api/pos">`): a thin skin over `createPosCashier` of
 * `@mia-sdk/webhooks` (terminal activation with an SMS code, seller login, shifts, charges as
 * dynamic QRs, X/Z-reports as JSON, PDF, PNG or text). The bank's tokens and the seller's
 * password stay on the server. Routes (the contract of `@mia-sdk/core/wire`, pos.ts):
 * `GET /session`, `POST /activation`, `POST /activation/resend`, `POST /activation/confirm`,
 * `POST /login`, `POST /logout`, `POST /shift/open`, `POST /shift/close`, `POST /charges`,
 * `GET|DELETE /charges/:chargeId`, `GET /reports/x|z?format=json|pdf|png|txt&shiftId=&full=true`.
 *
 * `authorize` is required and asked before every route (403 `pos_forbidden` when it says no).
 * State-changing routes accept `application/json` only (415) and refuse cross-site requests
 * (403) unless the origin is in `allowedOrigins`. Errors go to `next(error)`: mount
 * `miaErrorHandler()` after it. Works on Express 4 and 5.
 *
 * @example
 * import express from "express"
 * import { createMiaPosClient } from "@mia-sdk/core"
 * import { createFilePosSessionStore } from "@mia-sdk/core/node"
 * import { miaErrorHandler, miaPos } from "@mia-sdk/express"
 *
 * const client = createMiaPosClient({
 *   baseUrl: process.env.MIAPOS_BASE_URL!,
 *   device: { device: "Till 1", platformType: "web", installationId: process.env.MIAPOS_INSTALLATION_ID!, posAppVersion: 1 },
 *   sessionStore: createFilePosSessionStore("./.miapos/session.json")
 * })
 * const app = express()
 * app.use("/api/pos", miaPos({
 *   client,
 *   authorize: (req) => (req.session?.role === "cashier" ? { actor: req.session.user } : false),
 *   terminal: { terminalId: "10001", merchantIdno: "1003600012345" }
 * }))
 * app.use(miaErrorHandler())
 */
export const miaPos = (options: MiaPosOptions): MiaMiddleware => {
  if (typeof options?.client?.session?.get !== "function") {
    throw new TypeError(
      "miaPos needs a MiaPos client: miaPos({ client: createMiaPosClient({ baseUrl, device }), authorize })"
    )
  }
  const authorize = posAuthorizer(options.authorize)
  const allowedOrigins = allowedOriginSet(options.allowedOrigins, "miaPos")
  const cashier = createPosCashier(options)
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024

  const body = async (req: MiaRequest) => objectBody(await jsonBody(req, bodyLimit))
  const query = (req: MiaRequest) => new URL(req.url ?? "/", "http://localhost").searchParams

  /** Authorizes, runs the handler and tells the errors in the cashier's terms. */
  const route =
    (step: PosStep, handler: RouteHandler): RouteHandler =>
    async (req, res, params) => {
      await authorize(req)
      try {
        await handler(req, res, params)
      } catch (error) {
        throw toPosHttpError(error, step)
      }
    }
  /** A route answering the service's result as JSON. */
  const json = (step: PosStep, status: number, run: (req: MiaRequest, params: Params) => Promise<unknown>) =>
    route(step, async (req, res, params) => sendJson(res, status, await run(req, params)))

  return createRoutes(
    [
      ["GET", "/session", json("other", 200, () => cashier.session())],
      [
        "POST",
        "/activation",
        json("activation", 200, async (req) => cashier.startActivation(await body(req)))
      ],
      ["POST", "/activation/resend", json("activation", 200, () => cashier.resendActivation())],
      [
        "POST",
        "/activation/confirm",
        json("confirm", 200, async (req) => cashier.confirmActivation((await body(req)).otp))
      ],
      ["POST", "/login", json("login", 200, async (req) => cashier.login(await body(req)))],
      ["POST", "/logout", json("other", 200, () => cashier.logout())],
      ["POST", "/shift/open", json("other", 200, () => cashier.openShift())],
      ["POST", "/shift/close", json("other", 200, () => cashier.closeShift())],
      ["POST", "/charges", json("other", 201, async (req) => cashier.createCharge((await body(req)).amount))],
      ["GET", "/charges/:chargeId", json("other", 200, (_req, params) => cashier.getCharge(params.chargeId))],
      [
        "DELETE",
        "/charges/:chargeId",
        json("other", 200, (_req, params) => cashier.cancelCharge(params.chargeId))
      ],
      [
        "GET",
        "/reports/:kind",
        route("other", async (req, res, params) => {
          const asked = query(req)
          const report = await cashier.report(params.kind ?? "", {
            format: asked.get("format") ?? undefined,
            shiftId: asked.get("shiftId") ?? undefined,
            full: asked.get("full") ?? undefined
          })
          sendReport(res, report)
        })
      ]
    ],
    allowedOrigins
  )
}
