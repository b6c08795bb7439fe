import type { PosShift } from "@mia-sdk/core"
import type { PosChargeView, PosReportView, PosShiftView } from "@mia-sdk/core/wire"

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined

/**
 * @example
 * toShiftView(await client.shift.check()) // { open: true, shiftId: "5021", ... }
 */
export const toShiftView = (shift: PosShift): PosShiftView => ({
  open: shift.isOpen === true,
  ...(shift.shiftId === undefined ? {} : { shiftId: shift.shiftId }),
  ...(shift.openDateTime === undefined ? {} : { openedAt: shift.openDateTime }),
  ...(shift.closeDateTime === undefined ? {} : { closedAt: shift.closeDateTime }),
  ...(shift.operator === undefined ? {} : { operator: shift.operator })
})

/**
 * What the router remembers of a charge it created, for answers where the bank leaves fields out.
 * @example
 * const memo: ChargeMemo = { url: qr.qrText, amount: 149.9, expiresAt: undefined }
 */
export interface ChargeMemo {
  readonly url: string
  readonly amount: number
  readonly expiresAt: string | undefined
}

/**
 * @example
 * toChargeView("qr-1", "paid", { url, amount: 149.9 })
 */
export const toChargeView = (chargeId: string, state: string, memo: Partial<ChargeMemo>): PosChargeView => ({
  chargeId,
  url: memo.url ?? "",
  amount: memo.amount ?? 0,
  currency: "MDL",
  state,
  ...(memo.expiresAt === undefined ? {} : { expiresAt: memo.expiresAt })
})

interface ShiftReportLike {
  readonly reportDateTime?: string | undefined
  readonly merchant?: string | undefined
  readonly store?: string | undefined
  readonly terminalId?: string | undefined
  readonly operator?: string | undefined
  readonly recordCount?: number | undefined
  readonly paymentCount?: number | undefined
  readonly paymentSum?: number | undefined
  readonly cancellationCount?: number | undefined
  readonly cancellationSum?: number | undefined
  readonly totalSum?: number | undefined
  readonly transactions: ReadonlyArray<{
    readonly type?: unknown
    readonly id?: unknown
    readonly dateTime?: unknown
    readonly amount?: unknown
    readonly currency?: unknown
  }>
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

/**
 * @example
 * toReportView("z", "5021", report.data)
 */
export const toReportView = (
  kind: "x" | "z",
  shiftId: string | undefined,
  data: ShiftReportLike
): PosReportView =>
  defined({
    kind,
    shiftId,
    reportDateTime: data.reportDateTime,
    merchant: data.merchant,
    store: data.store,
    terminalId: data.terminalId,
    operator: data.operator,
    recordCount: data.recordCount,
    paymentCount: data.paymentCount,
    paymentSum: data.paymentSum,
    cancellationCount: data.cancellationCount,
    cancellationSum: data.cancellationSum,
    totalSum: data.totalSum,
    transactions: data.transactions.map((line) =>
      defined({
        type: text(line.type),
        id: text(line.id),
        dateTime: text(line.dateTime),
        amount: typeof line.amount === "number" ? line.amount : undefined,
        currency: text(line.currency)
      })
    )
  })
