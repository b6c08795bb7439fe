import * as Redacted from "effect/Redacted"
import type { SellerLogin } from "../../internal/auth/pos-session-auth.js"
import { defineOperation } from "../../internal/pipeline/operation.js"
import { checkId, checkObject, type Issue, isIssue, issue } from "../../internal/validation.js"
import type {
  PosActivationConfirmInput,
  PosActivationInitInput,
  PosAmounts,
  PosCreateQrInput,
  PosGetQrOptions,
  PosLegacyZReportInput,
  PosListActiveQrsFilter,
  PosListTransactionsInput,
  PosQrV1CreateInput,
  PosReceiptInput,
  PosReturnInput,
  PosSetQrSettingsInput,
  PosShiftReportInput,
  PosZReportInput
} from "../inputs.js"
import { defaultPosRoutes, type PosOperation, type PosRouteTable } from "../routes.js"
import {
  checkIncludeImage,
  checkOtpCode,
  checkTxId,
  imageQuery,
  prepareActivationInit,
  prepareActiveFilter,
  prepareCreateQr,
  prepareExtension,
  prepareFormat,
  prepareQrV1Create,
  prepareReportQuery,
  prepareReturn,
  prepareSettings
} from "./prepare.js"
import { makePosDecoders } from "./decoders.js"
import { placeIds, type RouteRequest } from "./route-ids.js"

const qrIdAttribute = ([qrId]: readonly [string, ...ReadonlyArray<unknown>]) => ({ "miapos.qr_id": qrId })
/** The report format as sent (normalised, `pdf` by default), or what was given when it is invalid. */
const formatAttribute = (input: { readonly format?: unknown } | undefined) => {
  const format = prepareFormat(input?.format)
  return isIssue(format) ? String(input?.format) : format
}
const extensionIdAttribute = ([extensionId]: readonly [string]) => ({ "miapos.extension_id": extensionId })

/** The auth kinds of the MiaPos descriptors: the seller's bearer, or the bearer only while valid. */
export const SELLER_AUTH = "seller"
export const SELLER_IF_VALID_AUTH = "sellerIfValid"

/**
 * Every MiaPos operation, declared once: the service and the Promise client run these through
 * the single pipeline. Method and path are the built-in route (the client's route table, with
 * its overrides, is the pipeline's `route`); spans are named verb-first (`MiaPosClient.createQr`).
 * Reads and login are retried on transient failures; what sends an SMS, rotates a token or moves
 * money or state never is. `timeZone` reads the API's offset-less date-times.
 */
export const makePosOperations = (config: { readonly timeZone: string; readonly routes: PosRouteTable }) => {
  const { timeZone, routes } = config
  const route = (name: PosOperation, spanName: string) => ({
    name,
    spanName,
    method: defaultPosRoutes[name].method,
    path: defaultPosRoutes[name].path
  })
  /** The request on the route in use (which may be overridden): its ids in the path or the query. */
  const on = (name: PosOperation, request: RouteRequest = {}) => placeIds(name, routes[name].path, request)
  const withBody = (name: PosOperation, body: object | Issue) => (isIssue(body) ? body : on(name, { body }))
  const decode = makePosDecoders(timeZone)

  return {
    activationInit: defineOperation({
      ...route("activationInit", "initActivation"),
      auth: "none",
      idempotent: false,
      prepare: ([input]: readonly [PosActivationInitInput]) =>
        withBody("activationInit", prepareActivationInit(input)),
      decode: decode.activationInit,
      attributes: ([input]) => ({ "miapos.terminal_id": input?.terminalId })
    }),

    activationResendOtp: defineOperation({
      ...route("activationResendOtp", "resendOtp"),
      auth: "none",
      idempotent: false,
      prepare: ([terminalActivationId]: readonly [string]) =>
        on("activationResendOtp", { body: { terminalActivationId } }),
      decode: decode.activationResend
    }),

    activationConfirm: defineOperation({
      ...route("activationConfirm", "confirmActivation"),
      auth: "none",
      idempotent: false,
      prepare: ([terminalActivationId, input]: readonly [string, PosActivationConfirmInput]) =>
        checkObject("input", input) ??
        checkOtpCode(input.otpCode) ??
        on("activationConfirm", { body: { terminalActivationId, otpCode: input.otpCode.trim() } }),
      decode: decode.activationConfirm
    }),

    terminalInfo: defineOperation({
      ...route("terminalInfo", "getTerminalInfo"),
      auth: "none",
      idempotent: true,
      prepare: ([posActivationId]: readonly [string]) => on("terminalInfo", { ids: { posActivationId } }),
      decode: decode.terminalInfo
    }),

    sellerLogin: defineOperation({
      ...route("sellerLogin", "loginSeller"),
      auth: "none",
      // A second login only opens another session: safe to repeat.
      idempotent: true,
      sensitive: true,
      prepare: ([terminalActivationId, seller]: readonly [string, SellerLogin]) =>
        on("sellerLogin", {
          body: { terminalActivationId, username: seller.username, password: Redacted.value(seller.password) }
        }),
      decode: decode.auth
    }),

    sellerRefresh: defineOperation({
      ...route("sellerRefresh", "refreshSeller"),
      auth: "none",
      // The refresh token rotates: a repeat would present a spent one.
      idempotent: false,
      sensitive: true,
      prepare: ([terminalActivationId, refreshToken]: readonly [string, string]) =>
        on("sellerRefresh", { body: { refreshToken, terminalActivationId } }),
      decode: decode.auth
    }),

    sellerLogout: defineOperation({
      ...route("sellerLogout", "logoutSeller"),
      auth: SELLER_IF_VALID_AUTH,
      idempotent: false,
      sensitive: true,
      prepare: ([refreshToken]: readonly [string]) => on("sellerLogout", { body: { refreshToken } }),
      decode: decode.resultOnly
    }),

    sellerInfo: defineOperation({
      ...route("sellerInfo", "getSellerInfo"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: (_: readonly []) => on("sellerInfo"),
      decode: decode.sellerInfo
    }),

    shiftCheck: defineOperation({
      ...route("shiftCheck", "checkShift"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: (_: readonly []) => on("shiftCheck"),
      decode: decode.shift
    }),

    shiftOpen: defineOperation({
      ...route("shiftOpen", "openShift"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: (_: readonly []) => on("shiftOpen"),
      decode: decode.shift
    }),

    shiftClose: defineOperation({
      ...route("shiftClose", "closeShift"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: (_: readonly []) => on("shiftClose"),
      decode: decode.shift
    }),

    qrListActive: defineOperation({
      ...route("qrListActive", "listActiveQrs"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([filter]: readonly [PosListActiveQrsFilter | undefined]) => {
        const query = prepareActiveFilter(filter)
        return isIssue(query) ? query : on("qrListActive", { query })
      },
      decode: decode.qrActive
    }),

    qrCreate: defineOperation({
      ...route("qrCreate", "createQr"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([input]: readonly [PosCreateQrInput]) => withBody("qrCreate", prepareCreateQr(input)),
      decode: decode.qrCreate,
      attributes: ([input]) => ({ "miapos.qr_type": input?.qrType, "miapos.amount_type": input?.amountType })
    }),

    qrGet: defineOperation({
      ...route("qrGet", "getQr"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([qrId, options]: readonly [string, PosGetQrOptions | undefined]) =>
        checkId("qrId", qrId) ??
        checkIncludeImage(options?.includeImage) ??
        on("qrGet", { ids: { qrId }, query: imageQuery(options?.includeImage) }),
      decode: decode.qrGet,
      attributes: qrIdAttribute
    }),

    qrCancel: defineOperation({
      ...route("qrCancel", "cancelQr"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([qrId]: readonly [string]) => checkId("qrId", qrId) ?? on("qrCancel", { ids: { qrId } }),
      decode: decode.resultOnly,
      attributes: qrIdAttribute
    }),

    qrExtensionCreate: defineOperation({
      ...route("qrExtensionCreate", "createQrExtension"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([qrId, input]: readonly [string, PosAmounts]) => {
        const prepared = checkId("qrId", qrId) ?? prepareExtension(input)
        return isIssue(prepared) ? prepared : on("qrExtensionCreate", { ids: { qrId }, body: prepared })
      },
      decode: decode.extensionCreate,
      attributes: qrIdAttribute
    }),

    qrExtensionCheck: defineOperation({
      ...route("qrExtensionCheck", "checkQrExtension"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([extensionId]: readonly [string]) =>
        checkId("extensionId", extensionId) ?? on("qrExtensionCheck", { ids: { extensionId } }),
      decode: decode.extensionCheck,
      attributes: extensionIdAttribute
    }),

    qrExtensionCancel: defineOperation({
      ...route("qrExtensionCancel", "cancelQrExtension"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([extensionId]: readonly [string]) =>
        checkId("extensionId", extensionId) ?? on("qrExtensionCancel", { ids: { extensionId } }),
      decode: decode.resultOnly,
      attributes: extensionIdAttribute
    }),

    qrV1Create: defineOperation({
      ...route("qrV1Create", "createQrV1"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([input]: readonly [PosQrV1CreateInput]) => withBody("qrV1Create", prepareQrV1Create(input)),
      decode: decode.qrV1Create
    }),

    qrV1Check: defineOperation({
      ...route("qrV1Check", "checkQrV1"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([qrId]: readonly [string]) => checkId("qrId", qrId) ?? on("qrV1Check", { ids: { qrId } }),
      decode: decode.qrV1Check,
      attributes: qrIdAttribute
    }),

    qrV1Cancel: defineOperation({
      ...route("qrV1Cancel", "cancelQrV1"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([qrId]: readonly [string]) => checkId("qrId", qrId) ?? on("qrV1Cancel", { ids: { qrId } }),
      decode: decode.resultOnly,
      attributes: qrIdAttribute
    }),

    zReportV1: defineOperation({
      ...route("zReportV1", "getLegacyZReport"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([input]: readonly [PosLegacyZReportInput]) =>
        checkId("shiftId", input?.shiftId) ?? on("zReportV1", { ids: { shiftId: input.shiftId } }),
      decode: decode.zReportV1,
      attributes: ([input]) => ({ "miapos.shift_id": input?.shiftId })
    }),

    zReport: defineOperation({
      ...route("zReport", "getZReport"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([input]: readonly [PosZReportInput]) => {
        const query = prepareReportQuery(input)
        if (isIssue(query)) return query
        return checkId("shiftId", input?.shiftId) ?? on("zReport", { ids: { shiftId: input.shiftId }, query })
      },
      decode: decode.shiftReport,
      attributes: ([input]) => ({
        "miapos.shift_id": input?.shiftId,
        "miapos.format": formatAttribute(input)
      })
    }),

    xReport: defineOperation({
      ...route("xReport", "getXReport"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([shiftId, input]: readonly [string | undefined, PosShiftReportInput | undefined]) => {
        const query = prepareReportQuery(input)
        if (isIssue(query)) return query
        if (shiftId === undefined) {
          return issue(
            "shiftId",
            "required",
            "no shiftId given and no open shift in the session: pass shiftId, or run shift.open() / shift.check() first."
          )
        }
        return checkId("shiftId", shiftId) ?? on("xReport", { ids: { shiftId }, query })
      },
      decode: decode.shiftReport,
      attributes: ([shiftId, input]) => ({
        "miapos.shift_id": shiftId,
        "miapos.format": formatAttribute(input)
      })
    }),

    receipt: defineOperation({
      ...route("receipt", "getReceipt"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([input]: readonly [PosReceiptInput]) => {
        const query = prepareReportQuery(input)
        if (isIssue(query)) return query
        return (
          checkId("txId", input?.txId) ??
          on("receipt", { ids: { txId: input.txId }, query: { format: query.format } })
        )
      },
      decode: decode.receipt,
      attributes: ([input]) => ({ "miapos.tx_id": input?.txId, "miapos.format": formatAttribute(input) })
    }),

    transactionList: defineOperation({
      ...route("transactionList", "listTransactions"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([shiftId, input]: readonly [string | undefined, PosListTransactionsInput | undefined]) => {
        if (input !== undefined && (typeof input !== "object" || input === null)) {
          return issue("input", "required", "input must be { shiftId?, txId? }.")
        }
        const cursor = input?.txId === undefined ? undefined : checkTxId("txId", input.txId)
        if (isIssue(cursor)) return cursor
        if (shiftId === undefined) {
          return issue(
            "shiftId",
            "required",
            "no shiftId given and no open shift in the session: pass shiftId, or run shift.check() first."
          )
        }
        return (
          checkId("shiftId", shiftId) ?? on("transactionList", { ids: { shiftId }, query: { txId: cursor } })
        )
      },
      decode: decode.txList,
      attributes: ([shiftId]) => ({ "miapos.shift_id": shiftId })
    }),

    transactionDetails: defineOperation({
      ...route("transactionDetails", "getTransaction"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: ([txId]: readonly [string]) =>
        checkId("txId", txId) ?? on("transactionDetails", { ids: { txId } }),
      decode: decode.txDetails,
      attributes: ([txId]) => ({ "miapos.tx_id": txId })
    }),

    transactionReturn: defineOperation({
      ...route("transactionReturn", "returnTransaction"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([input]: readonly [PosReturnInput]) => {
        const prepared = prepareReturn(input)
        // The txId travels in the body; a route may use it in its path too.
        return isIssue(prepared)
          ? prepared
          : on("transactionReturn", { pathOnly: { txId: String(prepared.txId) }, body: prepared })
      },
      decode: decode.txReturn,
      attributes: ([input]) => ({
        "miapos.tx_id": input?.txId,
        "miapos.full_refund": input?.amount === undefined
      })
    }),

    settingsGet: defineOperation({
      ...route("settingsGet", "getSettings"),
      auth: SELLER_AUTH,
      idempotent: true,
      prepare: (_: readonly []) => on("settingsGet"),
      decode: decode.settings
    }),

    settingsSet: defineOperation({
      ...route("settingsSet", "setSettings"),
      auth: SELLER_AUTH,
      idempotent: false,
      prepare: ([input]: readonly [PosSetQrSettingsInput]) => withBody("settingsSet", prepareSettings(input)),
      decode: decode.resultOnly
    })
  } as const
}

/** The MiaPos operation table of one client. */
export type PosOperations = ReturnType<typeof makePosOperations>
