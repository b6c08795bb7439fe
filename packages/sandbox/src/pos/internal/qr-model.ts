import { fromMinorUnits } from "@mia-sdk/core"
import type { PosQrAmountType, PosQrType } from "../options.js"
import type { PosExtensionRecord, PosQrRecord, PosTransactionRecord } from "../records.js"
import type { JsonObject } from "./fields.js"
import { objectBody, optionalAmount } from "./fields.js"
import { sandboxQrImage } from "./qr-image.js"
import { randomUuid } from "./random-ids.js"
import { badRequest } from "./responses.js"
import type { PosRuntime } from "./runtime.js"

export const QR_TYPES: ReadonlyArray<PosQrType> = ["dynamic", "static", "hybrid"]
export const AMOUNT_TYPES: ReadonlyArray<PosQrAmountType> = ["fixed", "free", "controlled"]

/** The amounts of one payment request, in minor units. */
export interface ExtensionAmounts {
  readonly amountMinor: number | undefined
  readonly minAmountMinor: number | undefined
  readonly maxAmountMinor: number | undefined
}

const present = (body: JsonObject, field: string): boolean =>
  body[field] !== undefined && body[field] !== null

/** Reads `{amount, minAmount, maxAmount}` as the amount type demands, refusing the fields it forbids. */
export const parseExtensionAmounts = (raw: unknown, amountType: PosQrAmountType): ExtensionAmounts => {
  const body = objectBody(raw ?? {}, "for the extension (amount, or minAmount and maxAmount)")
  const forbid = (fields: ReadonlyArray<string>) => {
    const extra = fields.filter((field) => present(body, field))
    if (extra.length > 0) {
      throw badRequest(`A QR with a ${amountType} amount takes no ${extra.join(" or ")} in its extension.`)
    }
  }
  if (amountType === "fixed") {
    forbid(["minAmount", "maxAmount"])
    const amountMinor = optionalAmount(body, "amount")
    if (amountMinor === undefined) throw badRequest('A fixed-amount QR needs "extension.amount".')
    return { amountMinor, minAmountMinor: undefined, maxAmountMinor: undefined }
  }
  if (amountType === "controlled") {
    forbid(["amount"])
    const minAmountMinor = optionalAmount(body, "minAmount")
    const maxAmountMinor = optionalAmount(body, "maxAmount")
    if (minAmountMinor === undefined || maxAmountMinor === undefined) {
      throw badRequest('A controlled-amount QR needs "extension.minAmount" and "extension.maxAmount".')
    }
    if (minAmountMinor > maxAmountMinor) throw badRequest('"minAmount" must not be greater than "maxAmount".')
    return { amountMinor: undefined, minAmountMinor, maxAmountMinor }
  }
  forbid(["amount", "minAmount", "maxAmount"])
  return { amountMinor: undefined, minAmountMinor: undefined, maxAmountMinor: undefined }
}

const secondsLeft = (expiresAt: number, now: number): number =>
  Math.max(0, Math.ceil((expiresAt - now) / 1000))

/**
 * Applies the clock: active extensions past their expiry become `expired`, and so does a
 * dynamic QR whose one extension expired. Every read goes through here first.
 */
export const settleQr = (runtime: PosRuntime, qr: PosQrRecord, now: number): PosQrRecord => {
  for (const extensionId of qr.extensionIds) {
    const extension = runtime.store.extensions.get(extensionId)!
    if (extension.status === "active" && extension.expiresAt <= now) {
      extension.status = "expired"
      if (qr.qrType === "dynamic" && qr.status === "active") qr.status = "expired"
    }
  }
  return qr
}

/** The extension currently taking payments, if any. */
export const activeExtension = (runtime: PosRuntime, qr: PosQrRecord): PosExtensionRecord | undefined => {
  const lastId = qr.extensionIds[qr.extensionIds.length - 1]
  const last = lastId === undefined ? undefined : runtime.store.extensions.get(lastId)
  return last?.status === "active" && qr.status === "active" ? last : undefined
}

/** Cancels a QR together with its open payment request. */
export const cancelQr = (runtime: PosRuntime, qr: PosQrRecord): void => {
  const extension = activeExtension(runtime, qr)
  if (extension !== undefined) extension.status = "cancelled"
  qr.status = "cancelled"
}

export const extensionView = (extension: PosExtensionRecord, now: number) => ({
  extensionId: extension.extensionId,
  qrExpireIn: secondsLeft(extension.expiresAt, now),
  ...(extension.amountMinor === undefined ? {} : { amount: fromMinorUnits(extension.amountMinor) }),
  ...(extension.minAmountMinor === undefined ? {} : { minAmount: fromMinorUnits(extension.minAmountMinor) }),
  ...(extension.maxAmountMinor === undefined ? {} : { maxAmount: fromMinorUnits(extension.maxAmountMinor) })
})

/** `qrInfo` as seed 000 prints it; the extension only while it is active. */
export const qrInfoView = (runtime: PosRuntime, qr: PosQrRecord, now: number, withImage: boolean) => {
  const extension = activeExtension(runtime, qr)
  return {
    qrId: qr.qrId,
    qrType: qr.qrType,
    amountType: qr.amountType,
    qrText: qr.qrText,
    ...(withImage ? { qrImage: sandboxQrImage(qr.qrText) } : {}),
    ...(extension === undefined ? {} : { extension: extensionView(extension, now) })
  }
}

/** `txInfo` / `lastTxInfo`, with the merchant category code under the configured (Cyrillic) key. */
export const txInfoView = (runtime: PosRuntime, tx: PosTransactionRecord) => ({
  id: tx.id,
  amount: fromMinorUnits(tx.amountMinor),
  ccy: tx.ccy,
  date: runtime.local(tx.createdAt),
  type: tx.type,
  rrn: tx.rrn,
  approvalCode: tx.approvalCode,
  [runtime.config.mccKey]: tx.mcc,
  swiftMessageType: tx.swiftMessageType,
  swiftMessageId: tx.swiftMessageId,
  swiftPayerBank: tx.swiftPayerBank
})

export const createExtension = (
  runtime: PosRuntime,
  qr: PosQrRecord,
  amounts: ExtensionAmounts,
  now: number
): PosExtensionRecord => {
  const previous = activeExtension(runtime, qr)
  // One payment request at a time: a new one replaces the one still open.
  if (previous !== undefined) previous.status = "cancelled"
  const ttl = runtime.store.settings.get(qr.terminalId)!.qrTtl
  const extension: PosExtensionRecord = {
    extensionId: randomUuid(),
    qrId: qr.qrId,
    ...amounts,
    createdAt: now,
    expiresAt: now + ttl * 1000,
    status: "active",
    txIds: []
  }
  runtime.store.extensions.set(extension.extensionId, extension)
  qr.extensionIds.push(extension.extensionId)
  return extension
}

export const createQr = (
  runtime: PosRuntime,
  terminalId: string,
  version: 1 | 2,
  qrType: PosQrType,
  amountType: PosQrAmountType,
  now: number
): PosQrRecord => {
  const qrId = randomUuid()
  const qr: PosQrRecord = {
    qrId,
    terminalId,
    version,
    qrType,
    amountType,
    qrText: `${runtime.config.qrTextPrefix}${qrId}`,
    createdAt: now,
    status: "active",
    extensionIds: [],
    directTxIds: []
  }
  runtime.store.qrs.set(qrId, qr)
  return qr
}

/** A QR of this terminal (another terminal's QR reads as unknown), settled against the clock. */
export const findQr = (
  runtime: PosRuntime,
  terminalId: string | undefined,
  qrId: string,
  now: number
): PosQrRecord | undefined => {
  const qr = runtime.store.qrs.get(qrId)
  if (qr === undefined || (terminalId !== undefined && qr.terminalId !== terminalId)) return undefined
  return settleQr(runtime, qr, now)
}
