import type { PosQrAmountType, PosQrSettings, PosQrType } from "./options.js"

/**
 * One terminal-activation attempt (terminal-to-device binding).
 *
 * @example
 * const activation = sandbox.state.activations.get(terminalActivationId)
 * activation?.status // "pending" until the OTP is confirmed
 */
export interface PosActivationRecord {
  readonly terminalActivationId: string
  readonly terminalId: string
  status: "pending" | "confirmed" | "locked"
  otpCode: string
  otpExpiresAt: number
  lastSentAt: number
  leftAttempts: number
  resendsLeft: number
  readonly installationId: string
  readonly createdAt: number
}

/**
 * A seller login on one activated terminal; tokens point to it.
 *
 * @example
 * [...sandbox.state.sessions.values()].filter((session) => session.loggedOutAt === undefined)
 */
export interface PosSessionRecord {
  readonly sessionId: string
  readonly sellerId: number
  readonly terminalId: string
  readonly terminalActivationId: string
  accessToken: string
  accessExpiresAt: number
  refreshToken: string
  refreshExpiresAt: number
  loggedOutAt: number | undefined
}

/**
 * A work shift. At most one per terminal has no `closedAt`.
 *
 * @example
 * const open = [...sandbox.state.shifts.values()].find((shift) => shift.closedAt === undefined)
 */
export interface PosShiftRecord {
  readonly shiftId: string
  readonly terminalId: string
  readonly sellerId: number
  readonly openedAt: number
  closedAt: number | undefined
  /** Transaction ids in the order they happened (oldest first). */
  readonly txIds: number[]
}

/**
 * Lifecycle of a QR code or one of its extensions, printed as `state` by the check operations.
 *
 * @example
 * const done = (status: PosQrStatus) => status !== "active"
 */
export type PosQrStatus = "active" | "paid" | "cancelled" | "expired"

/**
 * A payment request on a QR: the only one of a dynamic QR, or one of many on a static or hybrid QR.
 * Amounts are integer minor units (bani).
 *
 * @example
 * sandbox.state.extensions.get(extensionId)?.amountMinor // 12550 for 125.50 MDL
 */
export interface PosExtensionRecord {
  readonly extensionId: string
  readonly qrId: string
  readonly amountMinor: number | undefined
  readonly minAmountMinor: number | undefined
  readonly maxAmountMinor: number | undefined
  readonly createdAt: number
  readonly expiresAt: number
  status: PosQrStatus
  readonly txIds: number[]
}

/**
 * A QR code made by a terminal, through the v2 API or the deprecated v1 API (`version: 1`).
 *
 * @example
 * sandbox.state.qrs.get(qrId)?.status // "paid" once a customer paid a dynamic QR
 */
export interface PosQrRecord {
  readonly qrId: string
  readonly terminalId: string
  readonly version: 1 | 2
  readonly qrType: PosQrType
  readonly amountType: PosQrAmountType
  readonly qrText: string
  readonly createdAt: number
  status: PosQrStatus
  /** Every extension ever made on this QR, oldest first. */
  readonly extensionIds: string[]
  /** Payments straight to a static QR with a free amount (it has no extension). */
  readonly directTxIds: number[]
}

/**
 * A payment (`type: "paid"`) or a return (`type: "return"`). Amounts are integer minor units.
 *
 * @example
 * const tx = sandbox.state.transactions.get(1)
 * tx && tx.amountMinor - tx.returnedMinor // what can still be returned
 */
export interface PosTransactionRecord {
  readonly id: number
  readonly type: "paid" | "return"
  readonly terminalId: string
  readonly shiftId: string
  readonly amountMinor: number
  readonly ccy: "MDL"
  readonly createdAt: number
  readonly qrId: string | undefined
  readonly extensionId: string | undefined
  /** For a return: the payment it gives money back for. */
  readonly originalTxId: number | undefined
  /** For a payment: the sum of its returns so far; never above `amountMinor`. */
  returnedMinor: number
  readonly rrn: string
  readonly approvalCode: string
  readonly mcc: string
  readonly swiftMessageType: string
  readonly swiftMessageId: string
  readonly swiftPayerBank: string
  readonly payerName: string | undefined
  readonly reasonCode: string | undefined
  readonly reasonMessage: string | undefined
}

/**
 * The last request the simulator saw for a terminal, for asserting what a client sends. The
 * bearer token is masked.
 *
 * @example
 * expect(sandbox.state.lastRequest("10001")?.headers["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/)
 */
export interface PosRecordedRequest {
  readonly method: string
  readonly path: string
  readonly operation: string
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>
  readonly at: number
}

/**
 * A terminal's mutable QR settings.
 *
 * @example
 * sandbox.state.settings.get("10001")?.prohibitSettingsChange
 */
export interface PosSettingsRecord extends PosQrSettings {
  readonly whenUpdated: number
}
