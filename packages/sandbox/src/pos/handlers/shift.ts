import { outcome, success } from "../internal/responses.js"
import type { PosRoute, PosRuntime } from "../internal/runtime.js"
import type { PosShiftRecord } from "../records.js"

/** Shift check, open and close: at most one open shift per terminal. */
export const shiftRoutes = (runtime: PosRuntime): PosRoute[] => {
  const { store } = runtime

  const describeOpen = (shift: PosShiftRecord) => ({
    shiftId: shift.shiftId,
    openDateTime: runtime.local(shift.openedAt),
    operator: runtime.sellers.get(shift.sellerId)?.fullName ?? ""
  })

  return [
    {
      method: "GET",
      path: "/pos/api/v1/shift/check",
      operation: "shiftCheck",
      source: "confirmed",
      auth: true,
      handle: (_context, { terminal }) => {
        const shift = store.openShift(terminal.terminalId)
        return shift === undefined
          ? success({ isOpen: false })
          : success({ isOpen: true, ...describeOpen(shift) })
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/shift/open",
      operation: "shiftOpen",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal, seller }) => {
        const current = store.openShift(terminal.terminalId)
        if (current !== undefined) {
          return outcome("shift_already_open", "This terminal already has an open shift; close it first.", {
            shiftId: current.shiftId
          })
        }
        const shift: PosShiftRecord = {
          shiftId: store.nextShiftId(),
          terminalId: terminal.terminalId,
          sellerId: seller.id,
          openedAt: context.now,
          closedAt: undefined,
          txIds: []
        }
        store.shifts.set(shift.shiftId, shift)
        store.openShifts.set(terminal.terminalId, shift.shiftId)
        return success(describeOpen(shift))
      }
    },
    {
      method: "POST",
      path: "/pos/api/v1/shift/close",
      operation: "shiftClose",
      source: "confirmed",
      auth: true,
      handle: (context, { terminal }) => {
        const shift = store.openShift(terminal.terminalId)
        if (shift === undefined) return outcome("no_open_shift", "This terminal has no open shift to close.")
        shift.closedAt = context.now
        store.openShifts.delete(terminal.terminalId)
        return success({ shiftId: shift.shiftId, closeDateTime: runtime.local(shift.closedAt) })
      }
    }
  ]
}
