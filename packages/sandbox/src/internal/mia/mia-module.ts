import type { SandboxRouteModule } from "../../route-module.js"
import { type ApiModuleSettings, type ApiRoute, type ApiRouteInput, createApiModule } from "../api-module.js"
import type { RouteTemplate } from "../route-table.js"
import type { AccessTokens } from "./access-tokens.js"
import type { BankContext } from "./bank-context.js"
import { listPayments, listQrs } from "./list-operations.js"
import { getPayment, getRefund, refundPayment, testPay } from "./payment-operations.js"
import {
  cancelExtension,
  cancelQr,
  createExtension,
  createHybridQr,
  createQr,
  getQr
} from "./qr-operations.js"

const routeTable = (context: BankContext, tokens: AccessTokens): ReadonlyArray<RouteTemplate<ApiRoute>> => {
  const route = (method: string, path: string, run: ApiRoute["run"], authenticated = true) => ({
    method,
    path,
    route: { authenticated, run }
  })
  const id = (input: ApiRouteInput, name: string): string => input.params[name] ?? ""
  return [
    route("POST", "/v2/auth/token", ({ body }) => tokens.issue(body), false),
    route("POST", "/v2/mia/qr", ({ body }) => createQr(context, body)),
    route("GET", "/v2/mia/qr", ({ query }) => listQrs(context, query)),
    route("POST", "/v2/mia/qr/hybrid", ({ body }) => createHybridQr(context, body)),
    route("GET", "/v2/mia/qr/{qrId}", (input) => getQr(context, id(input, "qrId"))),
    route("POST", "/v2/mia/qr/{qrId}/extension", (input) =>
      createExtension(context, id(input, "qrId"), input.body)
    ),
    route("POST", "/v2/mia/qr/{qrId}/cancel", (input) => cancelQr(context, id(input, "qrId"), input.body)),
    route("POST", "/v2/mia/qr/{qrId}/extension/cancel", (input) =>
      cancelExtension(context, id(input, "qrId"), input.body)
    ),
    route("GET", "/v2/mia/payments", ({ query }) => listPayments(context, query)),
    route("GET", "/v2/mia/payments/{payId}", (input) => getPayment(context, id(input, "payId"))),
    route("POST", "/v2/mia/payments/{payId}/refund", (input) =>
      refundPayment(context, id(input, "payId"), input.body, "legacy")
    ),
    route("POST", "/v2/payments/{payId}/refund", (input) =>
      refundPayment(context, id(input, "payId"), input.body, "current")
    ),
    route("GET", "/v2/payments/refunds/{refundId}", (input) => getRefund(context, id(input, "refundId"))),
    route("POST", "/v2/mia/test-pay", ({ body }) => testPay(context, body))
  ]
}

/** Settings of the MIA QR module that are not bank state. */
export type MiaModuleSettings = ApiModuleSettings

/** The MIA QR API as a route module: everything under `/v2/` the RTP module left. */
export const createMiaModule = (
  context: BankContext,
  tokens: AccessTokens,
  settings: MiaModuleSettings
): SandboxRouteModule => ({
  ...createApiModule(/^\/v2(\/|$)/i, routeTable(context, tokens), tokens, settings),
  reset: tokens.clear
})
