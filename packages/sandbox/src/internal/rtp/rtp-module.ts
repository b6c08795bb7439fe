import type { SandboxRouteModule } from "../../route-module.js"
import type { RtpSandbox } from "../../rtp-sandbox.js"
import { SandboxPaymentError } from "../../sandbox.js"
import { type ApiModuleSettings, type ApiRoute, type ApiRouteInput, createApiModule } from "../api-module.js"
import { wireErrors } from "../envelope.js"
import type { AccessTokens } from "../mia/access-tokens.js"
import type { Outcome } from "../outcome.js"
import type { RouteTemplate } from "../route-table.js"
import { cancelRtp } from "./cancel-rtp.js"
import { createRtp } from "./create-rtp.js"
import { listRtps } from "./list-rtps.js"
import { getRtp } from "./lookups.js"
import { acceptOnPhone, payerFrom, readInbox, rejectOnPhone } from "./phone.js"
import { clearRtpBooks } from "./records.js"
import { refundRtp } from "./refund-rtp.js"
import type { RtpContext } from "./rtp-context.js"
import { testAccept, testReject } from "./test-endpoints.js"
import { rtpView } from "./views.js"

/** The paths of the simulated payer's phone; the real bank has none of them. */
export const RTP_INBOX_PATH = "/v2/sandbox/rtp/inbox"

const routeTable = (context: RtpContext): ReadonlyArray<RouteTemplate<ApiRoute>> => {
  const route = (method: string, path: string, run: ApiRoute["run"]) => ({
    method,
    path,
    route: { authenticated: true, run }
  })
  const phone = (method: string, path: string, run: ApiRoute["run"]) => ({
    method,
    path: `${RTP_INBOX_PATH}${path}`,
    route: { authenticated: false, sandboxOnly: true, run }
  })
  const id = (input: ApiRouteInput, name: string): string => input.params[name] ?? ""
  return [
    route("POST", "/v2/rtp", ({ body }) => createRtp(context, body)),
    route("GET", "/v2/rtp", ({ query }) => listRtps(context, query)),
    route("GET", "/v2/rtp/{rtpId}", (input) => getRtp(context, id(input, "rtpId"))),
    route("POST", "/v2/rtp/{rtpId}/cancel", (input) => cancelRtp(context, id(input, "rtpId"), input.body)),
    route("POST", "/v2/rtp/{payId}/refund", (input) => refundRtp(context, id(input, "payId"), input.body)),
    route("POST", "/v2/rtp/{rtpId}/test-accept", (input) =>
      testAccept(context, id(input, "rtpId"), input.body)
    ),
    route("POST", "/v2/rtp/{rtpId}/test-reject", (input) => testReject(context, id(input, "rtpId"))),
    phone("GET", "/{alias}", (input) => readInbox(context, id(input, "alias"))),
    phone("POST", "/{rtpId}/accept", (input) => {
      const payer = payerFrom(input.body)
      return payer.ok ? acceptOnPhone(context, id(input, "rtpId"), payer.value) : payer
    }),
    phone("POST", "/{rtpId}/reject", (input) => rejectOnPhone(context, id(input, "rtpId")))
  ]
}

/**
 * The RTP API (request to pay) as a route module: `/v2/rtp...` with the bank's token, envelope and
 * error table, plus the payer's phone under `/v2/sandbox/rtp/inbox`. Tried before the MIA QR
 * module, which answers the rest of `/v2/` (the token endpoint included).
 */
export const createRtpModule = (
  context: RtpContext,
  tokens: AccessTokens,
  settings: ApiModuleSettings
): { readonly module: SandboxRouteModule; readonly sandbox: RtpSandbox } => {
  const api = createApiModule(/^\/v2\/(rtp|sandbox\/rtp)(\/|$)/i, routeTable(context), tokens, settings)
  const value = <A>(outcome: Outcome<A>): A => {
    if (!outcome.ok) throw new SandboxPaymentError(wireErrors(outcome.errors, settings.envelope.errorCodes))
    return outcome.value
  }
  const now = () => context.clock.now()
  const sandbox: RtpSandbox = {
    inbox: (alias) => {
      const inbox = readInbox(context, alias)
      if (!inbox.ok) throw new RangeError(`alias must be a phone number such as 37369112221, got ${alias}.`)
      return inbox.value.items
    },
    accept: async (rtpId, payer = {}) => value(acceptOnPhone(context, rtpId, payer)),
    reject: async (rtpId) => value(rejectOnPhone(context, rtpId)),
    list: (filter = {}) =>
      [...context.books.requests.values()]
        .map((record) => rtpView(record, now(), context.settings))
        .filter(
          (view) =>
            (filter.alias === undefined || view.alias === filter.alias) &&
            (filter.orderId === undefined || view.orderId === filter.orderId) &&
            (filter.status === undefined || view.status === filter.status)
        ),
    get: (rtpId) => {
      const record = context.books.requests.get(rtpId.toLowerCase())
      return record && rtpView(record, now(), context.settings)
    }
  }
  return { module: { ...api, reset: () => clearRtpBooks(context.books) }, sandbox }
}
