import type { PosSessionView, PosShiftView } from "@mia-sdk/core/wire"
import { MiaHttpError, validationError } from "../errors/mia-http-error.js"
import type { MiaMiddleware, MiaRequest, MiaResponse } from "../http-types.js"
import { createKeyedLock } from "../internal/keyed-lock.js"
import { jsonBody } from "../internal/read-body.js"
import { createRoutes, type RouteHandler } from "../internal/routes.js"
import { sendJson } from "../internal/send.js"
import type { MiaPosOptions } from "./options.js"
import { type PosStep, toPosHttpError } from "./internal/pos-errors.js"
import {
  objectBody,
  validateAmount,
  validateFormat,
  validateFull,
  validateLogin,
  validateOtp,
  validateShiftId,
  validateTerminal
} from "./internal/validate.js"
import { type ChargeMemo, toChargeView, toReportView, toShiftView } from "./internal/views.js"

/** Charges remembered for their url, amount and expiry; the oldest are forgotten past this. */
const MAX_CHARGES = 1000

type Seller = NonNullable<PosSessionView["seller"]>
type Activation = NonNullable<PosSessionView["activation"]>

const isLoginRequired = (error: unknown): boolean => {
  const { _tag, reason, status } = (error ?? {}) as { _tag?: unknown; reason?: unknown; status?: unknown }
  return (
    (_tag === "MiaPosSessionError" && reason === "login_required") ||
    (_tag === "MiaApiError" && status === 401)
  )
}

const validateChargeId = (value: string): string => {
  if (!/^[\w-]{1,128}$/.test(value))
    throw validationError("chargeId", "chargeId must be the id returned by POST /charges.")
  return value
}

const sendBytes = (res: MiaResponse, type: string, filename: string, bytes: Uint8Array | string) => {
  const body = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes)
  res.statusCode = 200
  res.setHeader("Content-Type", type)
  res.setHeader("Content-Length", body.length)
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`)
  res.setHeader("Cache-Control", "no-store")
  res.end(body)
}

/**
 * The server side of a web cashier screen, mounted where the POS hooks point
 * (`<MiaProvider apiBase="/api/pos">`): terminal activation with an SMS code, seller login,
 * shifts, charges (a dynamic QR v2 per amount, polled for payment) and X/Z-reports as JSON or
 * PDF. It wraps one MiaPos client: the bank's tokens and the seller's password stay on the
 * server. Routes (the contract of `@mia-sdk/core/wire`, pos.ts):
 * `GET /session`, `POST /activation`, `POST /activation/resend`, `POST /activation/confirm`,
 * `POST /login`, `POST /logout`, `POST /shift/open`, `POST /shift/close`, `POST /charges`,
 * `GET|DELETE /charges/:chargeId`, `GET /reports/x|z?format=json|pdf|png|txt&shiftId=&full=true`.
 *
 * Anyone who reaches the router can charge and close the shift: mount it behind your own
 * authentication. Errors go to `next(error)`: mount `miaErrorHandler()` after it. Works on
 * Express 4 and 5.
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
 * app.use("/api/pos", requireStaff, miaPos({ client, terminal: { terminalId: "10001", merchantIdno: "1003600012345" } }))
 * app.use(miaErrorHandler())
 */
export const miaPos = (options: MiaPosOptions): MiaMiddleware => {
  if (typeof options?.client?.session?.get !== "function") {
    throw new TypeError(
      "miaPos needs a MiaPos client: miaPos({ client: createMiaPosClient({ baseUrl, device }) })"
    )
  }
  const { client } = options
  const now = options.now ?? Date.now
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024
  const warn =
    options.onWarning ??
    ((message: string, error: unknown) => console.warn(`[@mia-sdk/express] ${message}`, error))
  const serially = createKeyedLock()
  const charges = new Map<string, ChargeMemo>()
  let activation: Activation | undefined
  let seller: Seller | undefined
  let lastClosedShiftId: string | undefined

  const body = async (req: MiaRequest) => objectBody(await jsonBody(req, bodyLimit))

  /** Runs a handler, telling the client's errors in the cashier's terms. */
  const step =
    (kind: PosStep, handler: RouteHandler): RouteHandler =>
    async (req, res, params) => {
      try {
        await handler(req, res, params)
      } catch (error) {
        throw toPosHttpError(error, kind)
      }
    }

  /** The seller's name and shop, best effort: the path of this call is not public. */
  const loadSeller = async (): Promise<Seller | undefined> => {
    try {
      const info = await client.seller.info()
      return {
        name: info.seller?.fullName,
        merchantName: info.merchant?.name,
        placeName: info.place?.name,
        placeAddress: info.place?.address,
        terminalId: info.terminal?.terminalId
      }
    } catch (error) {
      warn("seller info is unavailable; the cashier screen shows no seller name", error)
      return undefined
    }
  }

  const sessionView = async (knownShift?: PosShiftView): Promise<PosSessionView> => {
    const info = await client.session.get()
    let loggedIn = info.loggedIn
    let shift: PosShiftView | null = null
    if (loggedIn) {
      try {
        shift = knownShift ?? toShiftView(await client.shift.check())
      } catch (error) {
        if (!isLoginRequired(error)) throw error
        loggedIn = false
      }
    }
    if (loggedIn) seller ??= await loadSeller()
    return {
      activated: info.terminalActivationId !== undefined && activation === undefined,
      ...(activation ? { activation } : {}),
      loggedIn,
      ...(loggedIn && seller ? { seller } : {}),
      shift,
      ...(lastClosedShiftId ? { lastClosedShiftId } : {})
    }
  }

  const remember = (chargeId: string, memo: ChargeMemo) => {
    charges.set(chargeId, memo)
    if (charges.size > MAX_CHARGES) charges.delete(charges.keys().next().value!)
  }

  const chargeView = async (chargeId: string) => {
    const lookup = await client.qr.get(chargeId)
    const memo = charges.get(chargeId)
    const state = lookup.state ?? "active"
    if (state === "not_found" && memo === undefined) {
      throw new MiaHttpError(404, "not_found", "Charge not found", `No charge ${chargeId}.`)
    }
    return toChargeView(chargeId, state, {
      ...memo,
      ...(lookup.qr?.qrText ? { url: lookup.qr.qrText } : {}),
      ...(lookup.qr?.extension?.amount === undefined ? {} : { amount: lookup.qr.extension.amount })
    })
  }

  return createRoutes([
    ["GET", "/session", step("other", async (_req, res) => sendJson(res, 200, await sessionView()))],
    [
      "POST",
      "/activation",
      step("activation", async (req, res) => {
        const terminal = validateTerminal(await body(req), options)
        const started = await client.activation.init(terminal)
        activation = {
          maskedPhoneNumber: started.maskedPhoneNumber,
          waitTimeToResend: started.waitTimeToResend
        }
        sendJson(res, 200, await sessionView())
      })
    ],
    [
      "POST",
      "/activation/resend",
      step("activation", async (_req, res) => {
        if (!activation) {
          throw new MiaHttpError(
            409,
            "pos_no_activation",
            "No activation pending",
            "Start one first (POST /activation)."
          )
        }
        const resent = await client.activation.resendOtp()
        activation = {
          ...activation,
          waitTimeToResend: resent.waitTimeToResend,
          leftAttempts: resent.leftAttempts
        }
        sendJson(res, 200, await sessionView())
      })
    ],
    [
      "POST",
      "/activation/confirm",
      step("confirm", async (req, res) => {
        const otpCode = validateOtp(await body(req))
        await client.activation.confirm({ otpCode })
        activation = undefined
        seller = undefined
        sendJson(res, 200, await sessionView())
      })
    ],
    [
      "POST",
      "/login",
      step("login", async (req, res) => {
        const credentials = validateLogin(await body(req))
        await client.seller.login(credentials)
        seller = undefined
        sendJson(res, 200, await sessionView())
      })
    ],
    [
      "POST",
      "/logout",
      step("other", async (_req, res) => {
        await client.seller.logout()
        seller = undefined
        sendJson(res, 200, await sessionView())
      })
    ],
    [
      "POST",
      "/shift/open",
      step("other", (_req, res) =>
        serially("shift", async () => {
          // A successful open answers with the shift's id and start, not always with its state.
          const opened = { ...toShiftView(await client.shift.open()), open: true }
          sendJson(res, 200, await sessionView(opened))
        })
      )
    ],
    [
      "POST",
      "/shift/close",
      step("other", (_req, res) =>
        serially("shift", async () => {
          const closed = await client.shift.close()
          if (closed.shiftId) lastClosedShiftId = closed.shiftId
          sendJson(res, 200, await sessionView({ ...toShiftView(closed), open: false }))
        })
      )
    ],
    [
      "POST",
      "/charges",
      step("other", async (req, res) => {
        const amount = validateAmount(await body(req))
        const qr = await client.qr.create({ qrType: "dynamic", amountType: "fixed", amount })
        if (!qr.qrText) {
          throw new MiaHttpError(
            502,
            "pos_no_qr_text",
            "No QR from MiaPos",
            "MiaPos created the QR without its text."
          )
        }
        const seconds = qr.extension?.expiresIn
        const memo: ChargeMemo = {
          url: qr.qrText,
          amount,
          expiresAt: seconds ? new Date(now() + seconds * 1000).toISOString() : undefined
        }
        remember(qr.qrId, memo)
        sendJson(res, 201, toChargeView(qr.qrId, "active", memo))
      })
    ],
    [
      "GET",
      "/charges/:chargeId",
      step("other", async (_req, res, params) => {
        sendJson(res, 200, await chargeView(validateChargeId(params.chargeId ?? "")))
      })
    ],
    [
      "DELETE",
      "/charges/:chargeId",
      step("other", async (_req, res, params) => {
        const chargeId = validateChargeId(params.chargeId ?? "")
        await client.qr.cancel(chargeId)
        sendJson(res, 200, await chargeView(chargeId))
      })
    ],
    [
      "GET",
      "/reports/:kind",
      step("other", async (req, res, params) => {
        const kind = params.kind
        if (kind !== "x" && kind !== "z") {
          throw new MiaHttpError(404, "not_found", "No such report", "Reports are /reports/x and /reports/z.")
        }
        const query = new URL(req.url ?? "/", "http://localhost").searchParams
        const format = validateFormat(query.get("format") ?? undefined)
        const asked = validateShiftId(query.get("shiftId") ?? undefined)
        const shiftId =
          asked ?? (kind === "z" ? lastClosedShiftId : undefined) ?? (await client.session.get()).shiftId
        if (!shiftId) {
          throw new MiaHttpError(
            409,
            "pos_no_shift",
            "No shift to report on",
            kind === "x" ? "Open a shift first." : "Close a shift first, or pass shiftId."
          )
        }
        const input = { shiftId, format, full: validateFull(query.get("full") ?? undefined) }
        const report =
          kind === "x" ? await client.reports.xReport(input) : await client.reports.zReport(input)
        const filename = `${kind}-report-${shiftId}.${report.format}`
        if (report.format === "json") sendJson(res, 200, toReportView(kind, shiftId, report.data))
        else if (report.format === "txt") sendBytes(res, "text/plain; charset=utf-8", filename, report.text)
        else sendBytes(res, report.mediaType, filename, report.bytes)
      })
    ]
  ])
}
