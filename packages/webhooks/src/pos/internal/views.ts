import type { PosShift, PosShiftReportData } from "@mia-sdk/core"
import type { PosChargeView, PosReportView, PosShiftView } from "@mia-sdk/core/wire"
import type { PosChargeMemo } from "../cashier-state.js"

/** The shift as the cashier screen shows it. */
export const toShiftView = (shift: PosShift): PosShiftView => ({
  open: shift.isOpen === true,
  ...(shift.shiftId === undefined ? {} : { shiftId: shift.shiftId }),
  ...(shift.openDateTime === undefined ? {} : { openedAt: shift.openDateTime }),
  ...(shift.closeDateTime === undefined ? {} : { closedAt: shift.closeDateTime }),
  ...(shift.operator === undefined ? {} : { operator: shift.operator })
})

/** A charge from the bank's state and what the cashier remembers of it. */
export const toChargeView = (
  chargeId: string,
  state: string,
  memo: Partial<PosChargeMemo>
): PosChargeView => ({
  chargeId,
  url: memo.url ?? "",
  amount: memo.amount ?? 0,
  currency: "MDL",
  state,
  ...(memo.expiresAt === undefined ? {} : { expiresAt: memo.expiresAt })
})

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

/** An X or Z report as JSON for the screen: the bank's own ids and offsets left out. */
export const toReportView = (
  kind: "x" | "z",
  shiftId: string | undefined,
  data: PosShiftReportData
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
        type: line.type,
        id: line.id,
        dateTime: line.dateTime,
        amount: line.amount,
        currency: line.currency
      })
    )
  })
