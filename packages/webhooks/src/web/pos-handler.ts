import type { PosCashierReport } from "../pos/cashier-report.js"
import { createPosCashier } from "../pos/pos-cashier.js"
import type { MiaFetchHandler } from "./fetch-handler.js"
import { MiaHttpError, validationError } from "./http-error.js"
import { checkNumber } from "./internal/handler-options.js"
import { type PosStep, toPosHttpError } from "./internal/pos-errors.js"
import { readJson } from "./internal/read-body.js"
import { jsonResponse } from "./internal/respond.js"
import { createRouter, type RouteHandler } from "./internal/router.js"
import type { MiaPosAuthorization, MiaPosHandlerOptions } from "./pos-options.js"

const OWNER = "createMiaPosHandler"

type Params = Readonly<Record<string, string>>

const allows = (decision: MiaPosAuthorization): boolean =>
  decision === true ||
  (typeof decision === "object" &&
    decision !== null &&
    typeof decision.actor === "string" &&
    decision.actor !== "")

/** The `authorize` option as a check that throws the 403, or a TypeError that shows how to pass one. */
const posAuthorizer = (authorize: MiaPosHandlerOptions["authorize"] | undefined) => {
  if (authorize === "allow-all") return async (_request: Request): Promise<void> => undefined
  if (typeof authorize !== "function") {
    throw new TypeError(
      `${OWNER} needs an authorize option, because whoever reaches the handler can charge, close the shift ` +
        `and read the reports: ${OWNER}({ client, authorize: async (request) => (await cashierOf(request)) !== undefined }). ` +
        'Pass authorize: "allow-all" only for a kiosk on a closed network.'
    )
  }
  return async (request: Request): Promise<void> => {
    if (!allows(await authorize(request))) {
      throw new MiaHttpError(
        403,
        "pos_forbidden",
        "Not allowed at the till",
        "This request may not use the till."
      )
    }
  }
}

/** The body as an object (`{}` when empty), or a 400 that says what to send. */
const objectBody = (body: unknown): Readonly<Record<string, unknown>> => {
  if (body === undefined) return {}
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw validationError("body", "Send a JSON object as the request body.")
  }
  return body as Readonly<Record<string, unknown>>
}

/** A report as JSON, or its bytes as an attachment. */
const reportResponse = (report: PosCashierReport): Response =>
  report.format === "json"
    ? jsonResponse(200, report.view)
    : new Response(new Uint8Array(report.bytes), {
        status: 200,
        headers: {
          "Content-Type": report.mediaType,
          "Content-Disposition": `attachment; filename="${report.filename}"`,
          "Cache-Control": "no-store"
        }
      })

/**
 * The server side of a web cashier screen (the POS hooks' `<MiaProvider apiBase="/api/pos">`) as
 * one Web-standard handler: a thin skin over `createPosCashier` answering exactly as `miaPos` of
 * `@mia-sdk/express` does (terminal activation with an SMS code, seller login, shifts, charges
 * as dynamic QRs, X/Z-reports as JSON, PDF, PNG or text). The bank's tokens and the seller's
 * password stay on the server. Routes, relative to `basePath` (the contract of
 * `@mia-sdk/core/wire`, pos.ts): `GET /session`, `POST /activation`, `POST /activation/resend`,
 * `POST /activation/confirm`, `POST /login`, `POST /logout`, `POST /shift/open`,
 * `POST /shift/close`, `POST /charges`, `GET|DELETE /charges/:chargeId`,
 * `GET /reports/x|z?format=json|pdf|png|txt&shiftId=&full=true`.
 *
 * `authorize` is required and asked before every route (403 `pos_forbidden` when it says no).
 * State-changing routes accept `application/json` only (415) and refuse cross-site requests
 * (403) unless the origin is in `allowedOrigins`. Errors are RFC 9457 problem+json.
 *
 * @example
 * // app/api/pos/[...pos]/route.ts (Next.js App Router)
 * import { createMiaPosClient } from "@mia-sdk/core"
 * import { createMiaPosHandler } from "@mia-sdk/webhooks/web"
 * import { cashierOf } from "@/lib/auth"
 *
 * const client = createMiaPosClient({
 *   baseUrl: process.env.MIAPOS_BASE_URL!,
 *   device: { device: "Till 1", platformType: "web", installationId: process.env.MIAPOS_INSTALLATION_ID!, posAppVersion: 1 }
 * })
 * const handler = createMiaPosHandler({
 *   client,
 *   basePath: "/api/pos",
 *   authorize: async (request) => {
 *     const cashier = await cashierOf(request)
 *     return cashier === undefined ? false : { actor: cashier.email }
 *   },
 *   terminal: { terminalId: "10001", merchantIdno: "1003600012345" }
 * })
 * export { handler as GET, handler as POST, handler as DELETE }
 * export const runtime = "nodejs"
 */
export const createMiaPosHandler = (options: MiaPosHandlerOptions): MiaFetchHandler => {
  if (typeof options?.client?.session?.get !== "function") {
    throw new TypeError(
      `${OWNER} needs a MiaPos client: ${OWNER}({ client: createMiaPosClient({ baseUrl, device }), authorize })`
    )
  }
  checkNumber(OWNER, "bodyLimitBytes", options.bodyLimitBytes, 1)
  const authorize = posAuthorizer(options.authorize)
  const cashier = createPosCashier(options)
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024

  const body = async (request: Request) => objectBody(await readJson(request, bodyLimit))

  /** Authorizes, runs the handler and tells the errors in the cashier's terms. */
  const route =
    (step: PosStep, handler: RouteHandler): RouteHandler =>
    async (request, params) => {
      await authorize(request)
      try {
        return await handler(request, params)
      } catch (error) {
        throw toPosHttpError(error, step)
      }
    }
  /** A route answering the service's result as JSON. */
  const json = (step: PosStep, status: number, run: (request: Request, params: Params) => Promise<unknown>) =>
    route(step, async (request, params) => jsonResponse(status, await run(request, params)))

  return createRouter(
    [
      ["GET", "/session", json("other", 200, () => cashier.session())],
      [
        "POST",
        "/activation",
        json("activation", 200, async (request) => cashier.startActivation(await body(request)))
      ],
      ["POST", "/activation/resend", json("activation", 200, () => cashier.resendActivation())],
      [
        "POST",
        "/activation/confirm",
        json("confirm", 200, async (request) => cashier.confirmActivation((await body(request)).otp))
      ],
      ["POST", "/login", json("login", 200, async (request) => cashier.login(await body(request)))],
      ["POST", "/logout", json("other", 200, () => cashier.logout())],
      ["POST", "/shift/open", json("other", 200, () => cashier.openShift())],
      ["POST", "/shift/close", json("other", 200, () => cashier.closeShift())],
      [
        "POST",
        "/charges",
        json("other", 201, async (request) => cashier.createCharge((await body(request)).amount))
      ],
      [
        "GET",
        "/charges/:chargeId",
        json("other", 200, (_request, params) => cashier.getCharge(params.chargeId))
      ],
      [
        "DELETE",
        "/charges/:chargeId",
        json("other", 200, (_request, params) => cashier.cancelCharge(params.chargeId))
      ],
      [
        "GET",
        "/reports/:kind",
        route("other", async (request, params) => {
          const asked = new URL(request.url).searchParams
          const report = await cashier.report(params.kind ?? "", {
            format: asked.get("format") ?? undefined,
            shiftId: asked.get("shiftId") ?? undefined,
            full: asked.get("full") ?? undefined
          })
          return reportResponse(report)
        })
      ]
    ],
    {
      owner: OWNER,
      basePath: options.basePath,
      allowedOrigins: options.allowedOrigins,
      onError: options.onError
    }
  )
}
