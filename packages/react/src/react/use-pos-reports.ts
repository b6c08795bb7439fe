import { useMemo, useSyncExternalStore } from "react"
import {
  createPosReportsStore,
  type PosReportsSnapshot,
  type PosReportsStore
} from "../store/pos-reports-store.js"
import { useMiaClient } from "./provider.js"

/**
 * What {@link usePosReports} returns: the {@link PosReportsSnapshot}, `load` and `pdfUrl`.
 * @example
 * const { report, pending, load, pdfUrl }: UsePosReportsResult = usePosReports()
 */
export type UsePosReportsResult = PosReportsSnapshot & Pick<PosReportsStore, "load" | "pdfUrl">

/**
 * X- and Z-reports of the cashier's shifts: `load("x")` for the running totals, `load("z")` after
 * closing the shift, `pdfUrl(kind)` for a printable PDF.
 * @example
 * import { usePosReports, usePosShift } from "@mia-sdk/react"
 * function ZReport() {
 *   const { lastClosedShiftId } = usePosShift()
 *   const { report, load, pdfUrl } = usePosReports()
 *   return <>
 *     <button onClick={() => load("z", lastClosedShiftId)}>Show Z-report</button>
 *     {report && <p>Total: {report.totalSum} MDL</p>}
 *     <a href={pdfUrl("z", lastClosedShiftId)} download>PDF</a>
 *   </>
 * }
 */
export const usePosReports = (): UsePosReportsResult => {
  const client = useMiaClient("usePosReports")
  const store = useMemo(() => createPosReportsStore({ client }), [client])
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  return { ...snapshot, load: store.load, pdfUrl: store.pdfUrl }
}
