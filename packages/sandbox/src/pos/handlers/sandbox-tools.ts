import { objectBody, optionalAmount, optionalString } from "../internal/fields.js"
import { payQr } from "../internal/pay-qr.js"
import { badRequest, jsonResponse, outcome, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"
import type { PosSandboxRoute } from "../sandbox-route.js"

/**
 * Endpoints of the simulator only (never of the real API), under `/pos/api/sandbox/`. None of
 * them is recorded as a terminal's last request, so they do not hide what a client sent.
 */
export const sandboxToolRoutes = (
  runtime: PosRuntime,
  routes: () => ReadonlyArray<PosSandboxRoute>
): PosRoute[] => [
  {
    method: "GET",
    path: "/pos/api/sandbox/otp-inbox",
    operation: "sandboxOtpInbox",
    source: "sandbox",
    auth: false,
    handle: (context) => {
      const query = context.url.searchParams
      const filter = {
        ...(query.get("terminalId") ? { terminalId: query.get("terminalId")! } : {}),
        ...(query.get("terminalActivationId")
          ? { terminalActivationId: query.get("terminalActivationId")! }
          : {}),
        ...(query.get("phoneNumber") ? { phoneNumber: query.get("phoneNumber")! } : {})
      }
      const messages = runtime.inbox.messages(filter).map((message) => ({
        ...message,
        sentAt: runtime.local(message.sentAt),
        expiresAt: runtime.local(message.expiresAt)
      }))
      return success({ messages })
    }
  },
  {
    method: "POST",
    path: "/pos/api/sandbox/qr/{qrId}/pay",
    operation: "sandboxPayQr",
    source: "sandbox",
    auth: false,
    handle: (context) => {
      const body = objectBody(context.body ?? {}, "with amount (lei), payerName and payerBank, all optional")
      const amountMinor = optionalAmount(body, "amount")
      const payerName = optionalString(body, "payerName")
      const payerBank = optionalString(body, "payerBank")
      if (payerBank !== undefined && !/^[A-Z0-9]{8}(?:[A-Z0-9]{3})?$/.test(payerBank)) {
        throw badRequest(
          'Field "payerBank" must be a BIC: 8 or 11 capital letters and digits, e.g. "AGRNMD2X".'
        )
      }
      const result = payQr(
        runtime,
        context.params.qrId!,
        amountMinor,
        {
          ...(payerName === undefined ? {} : { payerName: payerName.slice(0, 140) }),
          ...(payerBank === undefined ? {} : { payerBank })
        },
        context.now
      )
      if (result.result === "bad_request") throw badRequest(result.errorMessage)
      return jsonResponse(result)
    }
  },
  {
    method: "GET",
    path: "/pos/api/sandbox/terminals/{terminalId}/last-request",
    operation: "sandboxLastRequest",
    source: "sandbox",
    auth: false,
    handle: (context) => {
      const lastRequest = runtime.store.lastRequest(context.params.terminalId!)
      if (lastRequest === undefined) return outcome("not_found", "No request reached this terminal yet.")
      return success({ lastRequest: { ...lastRequest, at: runtime.local(lastRequest.at) } })
    }
  },
  {
    method: "GET",
    path: "/pos/api/sandbox/routes",
    operation: "sandboxRoutes",
    source: "sandbox",
    auth: false,
    handle: () => success({ routes: routes() })
  }
]
