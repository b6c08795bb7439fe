import { objectBody, queryBoolean, queryEnum, requiredEnum } from "../internal/fields.js"
import {
  AMOUNT_TYPES,
  cancelQr,
  createExtension,
  createQr,
  extensionView,
  findQr,
  parseExtensionAmounts,
  QR_TYPES,
  qrInfoView,
  settleQr,
  txInfoView
} from "../internal/qr-model.js"
import { badRequest, jsonResponse, outcome, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"
import type { PosExtensionRecord } from "../records.js"

const STATE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  expired: "The payment request expired before it was paid.",
  cancelled: "The payment request was cancelled.",
  not_found: "No payment request with this extensionId."
}

/** The v2 QR routes: active list, create, get, cancel, and extensions (create, check, cancel). */
export const qrV2Routes = (runtime: PosRuntime): PosRoute[] => {
  const { store } = runtime

  const findExtension = (
    terminalId: string,
    extensionId: string,
    now: number
  ): PosExtensionRecord | undefined => {
    const extension = store.extensions.get(extensionId)
    if (extension === undefined) return undefined
    return findQr(runtime, terminalId, extension.qrId, now) === undefined ? undefined : extension
  }

  return [
    {
      method: "GET",
      path: "/pos/api/v2/qr/active",
      operation: "qrListActive",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const type = queryEnum(context.url.searchParams, "type", QR_TYPES)
        const withImage = queryBoolean(context.url.searchParams, "isImageRequired", false)
        const codes = [...store.qrs.values()]
          .filter((qr) => qr.terminalId === terminal.terminalId && (type === undefined || qr.qrType === type))
          .map((qr) => settleQr(runtime, qr, context.now))
          .filter((qr) => qr.status === "active")
          .map((qr) => qrInfoView(runtime, qr, context.now, withImage))
        return success({ codes })
      }
    },
    {
      method: "POST",
      path: "/pos/api/v2/qr",
      operation: "qrCreate",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const body = objectBody(context.body, "with qrType, amountType and (for most QRs) extension")
        const qrType = requiredEnum(body, "qrType", QR_TYPES)
        const amountType = requiredEnum(body, "amountType", AMOUNT_TYPES)
        const hasExtension = body.extension !== undefined && body.extension !== null
        const takesNoExtension = qrType === "hybrid" || (qrType === "static" && amountType === "free")
        if (takesNoExtension && hasExtension) {
          throw badRequest("A hybrid QR, or a static QR with a free amount, is created without an extension.")
        }
        const needsExtension = !takesNoExtension && !(qrType === "dynamic" && amountType === "free")
        if (needsExtension && !hasExtension) {
          throw badRequest(`A ${qrType} QR with a ${amountType} amount needs an "extension" with its amount.`)
        }
        const amounts = takesNoExtension ? undefined : parseExtensionAmounts(body.extension, amountType)
        if (store.openShift(terminal.terminalId) === undefined) {
          return outcome("no_open_shift", "Open a shift before creating QR codes.")
        }
        if (qrType !== "dynamic") {
          const existing = [...store.qrs.values()].find(
            (qr) =>
              qr.terminalId === terminal.terminalId &&
              qr.qrType !== "dynamic" &&
              settleQr(runtime, qr, context.now).status === "active"
          )
          if (existing !== undefined) {
            return outcome(
              "active_qr_exists",
              "The terminal already has an active static or hybrid QR; cancel it before creating another.",
              { qrId: existing.qrId }
            )
          }
        }
        const qr = createQr(runtime, terminal.terminalId, 2, qrType, amountType, context.now)
        if (amounts !== undefined) createExtension(runtime, qr, amounts, context.now)
        return success({ qrInfo: qrInfoView(runtime, qr, context.now, true) })
      }
    },
    {
      method: "GET",
      path: "/pos/api/v2/qr/{qrId}",
      operation: "qrGet",
      source: "inferred",
      auth: true,
      handle: (context, { terminal }) => {
        const withImage = queryBoolean(context.url.searchParams, "isImageRequired", false)
        const qr = findQr(runtime, terminal.terminalId, context.params.qrId!, context.now)
        // The seed's example of this operation carries `state` and no `result`.
        if (qr === undefined) return jsonResponse({ state: "not_found" })
        return jsonResponse({ state: qr.status, qrInfo: qrInfoView(runtime, qr, context.now, withImage) })
      }
    },
    {
      method: "DELETE",
      path: "/pos/api/v2/qr/{qrId}",
      operation: "qrCancel",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const qr = findQr(runtime, terminal.terminalId, context.params.qrId!, context.now)
        if (qr === undefined) return outcome("not_found", "No QR with this qrId on this terminal.")
        if (qr.status !== "active") return outcome("qr_not_active", `This QR is already ${qr.status}.`)
        cancelQr(runtime, qr)
        return success()
      }
    },
    {
      method: "POST",
      path: "/pos/api/v2/qr/{qrId}/extension",
      operation: "qrExtensionCreate",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const qr = findQr(runtime, terminal.terminalId, context.params.qrId!, context.now)
        if (qr === undefined) return outcome("not_found", "No QR with this qrId on this terminal.")
        if (qr.qrType === "dynamic") {
          return outcome(
            "operation_not_allowed",
            "Extensions are for static and hybrid QRs; create a new dynamic QR."
          )
        }
        const amounts = parseExtensionAmounts(context.body, qr.amountType)
        if (qr.status !== "active") return outcome("qr_not_active", `This QR is ${qr.status}.`)
        if (store.openShift(terminal.terminalId) === undefined) {
          return outcome("no_open_shift", "Open a shift before asking for payments.")
        }
        const extension = createExtension(runtime, qr, amounts, context.now)
        return success({ [runtime.config.extensionInfoKey]: extensionView(extension, context.now) })
      }
    },
    {
      method: "GET",
      path: "/pos/api/v2/qr/extension/{extensionId}/check",
      operation: "qrExtensionCheck",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const extension = findExtension(terminal.terminalId, context.params.extensionId!, context.now)
        if (extension === undefined) {
          return jsonResponse({
            state: "not_found",
            errorDescription: STATE_DESCRIPTIONS.not_found,
            totalPayments: 0
          })
        }
        const lastTxId = extension.txIds[extension.txIds.length - 1]
        const lastTx = lastTxId === undefined ? undefined : store.transactions.get(lastTxId)
        const description = STATE_DESCRIPTIONS[extension.status]
        return jsonResponse({
          state: extension.status,
          ...(description === undefined ? {} : { errorDescription: description }),
          ...(lastTx === undefined ? {} : { lastTxInfo: txInfoView(runtime, lastTx) }),
          totalPayments: extension.txIds.length
        })
      }
    },
    {
      method: "DELETE",
      path: "/pos/api/v2/qr/extension/{extensionId}",
      operation: "qrExtensionCancel",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const extension = findExtension(terminal.terminalId, context.params.extensionId!, context.now)
        if (extension === undefined) return outcome("not_found", "No payment request with this extensionId.")
        if (store.qrs.get(extension.qrId)!.qrType !== "hybrid") {
          return outcome("operation_not_allowed", "Only the extensions of hybrid QRs can be cancelled.")
        }
        if (extension.status !== "active")
          return outcome("extension_not_active", `It is already ${extension.status}.`)
        extension.status = "cancelled"
        return success()
      }
    }
  ]
}
