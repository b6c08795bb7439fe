import { objectBody, requiredAmount } from "../internal/fields.js"
import { cancelQr, createExtension, createQr, findQr, txInfoView } from "../internal/qr-model.js"
import { sandboxQrImage } from "../internal/qr-image.js"
import { jsonResponse, outcome, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  expired: "The QR expired before it was paid.",
  cancelled: "The QR was cancelled.",
  not_found: "No dynamic QR with this qrId on this terminal."
}

/** The deprecated v1 dynamic QR routes: create, check, cancel. */
export const qrV1Routes = (runtime: PosRuntime): PosRoute[] => {
  const { store } = runtime

  /** v1 sees only dynamic QRs, whichever API version made them. */
  const findDynamic = (terminalId: string, qrId: string, now: number) => {
    const qr = findQr(runtime, terminalId, qrId, now)
    return qr?.qrType === "dynamic" ? qr : undefined
  }

  return [
    {
      method: "POST",
      path: "/pos/api/v1/qr",
      operation: "qrV1Create",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const body = objectBody(context.body, "with amount")
        const amountMinor = requiredAmount(body, "amount", "for a dynamic QR")
        if (store.openShift(terminal.terminalId) === undefined) {
          return outcome("no_open_shift", "Open a shift before creating QR codes.")
        }
        const qr = createQr(runtime, terminal.terminalId, 1, "dynamic", "fixed", context.now)
        const extension = createExtension(
          runtime,
          qr,
          { amountMinor, minAmountMinor: undefined, maxAmountMinor: undefined },
          context.now
        )
        return success({
          qrId: qr.qrId,
          qrExpireIn: Math.ceil((extension.expiresAt - context.now) / 1000),
          qrImage: sandboxQrImage(qr.qrText)
        })
      }
    },
    {
      method: "GET",
      path: "/pos/api/v1/qr/{qrId}/check",
      operation: "qrV1Check",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const qr = findDynamic(terminal.terminalId, context.params.qrId!, context.now)
        if (qr === undefined)
          return jsonResponse({ state: "not_found", errorDescription: DESCRIPTIONS.not_found })
        const txId = qr.extensionIds.flatMap((id) => store.extensions.get(id)!.txIds)[0]
        const tx = txId === undefined ? undefined : store.transactions.get(txId)
        const description = DESCRIPTIONS[qr.status]
        return jsonResponse({
          state: qr.status,
          ...(description === undefined ? {} : { errorDescription: description }),
          ...(tx === undefined ? {} : { txInfo: txInfoView(runtime, tx) })
        })
      }
    },
    {
      method: "DELETE",
      path: "/pos/api/v1/qr/{qrId}",
      operation: "qrV1Cancel",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const qr = findQr(runtime, terminal.terminalId, context.params.qrId!, context.now)
        if (qr === undefined) return outcome("not_found", DESCRIPTIONS.not_found!)
        if (qr.qrType !== "dynamic") {
          return outcome(
            "operation_not_allowed",
            "The v1 API cancels dynamic QRs only; use DELETE /pos/api/v2/qr/{qrId}."
          )
        }
        if (qr.status !== "active") return outcome("qr_not_active", `This QR is already ${qr.status}.`)
        cancelQr(runtime, qr)
        return success()
      }
    }
  ]
}
